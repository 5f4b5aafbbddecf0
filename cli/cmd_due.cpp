// `waymark due` and `waymark done`: closed-loop tracking of the actions stored records recommend.
#include <fmt/format.h>

#include <algorithm>

#include "commands.h"
#include "store_support.h"

namespace waymark::cli {

Command add_due_command(CLI::App& app) {
  CLI::App* sub =
      app.add_subcommand("due", "List open actions across cases by due date (overdue first)");
  struct Options {
    std::string db, today;
  };
  auto o = std::make_shared<Options>();
  add_db_option(*sub, o->db);
  sub->add_option("--today", o->today, "Count overdue from this date, YYYY-MM-DD (default today)");
  return [o] {
    return with_store_errors([&] {
      Store store = open_store(o->db);
      const Date today = session_date(o->today);
      const auto actions = store.open_actions();
      if (actions.empty()) {
        fmt::print("No open actions.\n");
        return exit_ok;
      }
      const auto overdue = [&](const TrackedAction& a) { return a.due && *a.due < today; };
      fmt::print("{} open actions on {}, {} overdue\n", actions.size(), today.iso(),
                 std::count_if(actions.begin(), actions.end(), overdue));
      // One line to scan (when, case, owner, the id `done` takes), the action's text under it.
      for (const auto& a : actions)
        fmt::print("\n{:<8}{:<10}  {:<12} {:<20} [{}]\n        {}\n", overdue(a) ? "OVERDUE" : "",
                   a.due ? a.due->iso() : "no date", a.case_reference, a.owner, a.action_id,
                   a.text);
      return exit_ok;
    });
  };
}

Command add_done_command(CLI::App& app) {
  CLI::App* sub = app.add_subcommand(
      "done", "Close an open action on a case, with the evidence that it was done");
  struct Options {
    std::string db, reference, action, note, role;
  };
  auto o = std::make_shared<Options>();
  sub->add_option("CASE", o->reference, "Case reference")->required();
  sub->add_option("ACTION", o->action, "Action id (as `waymark due` shows it)")->required();
  sub->add_option("--note", o->note,
                  "Evidence that it was done, and where it is recorded (required)")
      ->required();
  sub->add_option("--role", o->role, "Your role (never your name)")->required();
  add_db_option(*sub, o->db);
  return [o] {
    return with_store_errors([&] {
      Store store = open_store(o->db);
      for (const auto& a : store.close_action(o->reference, o->action, o->note, o->role))
        fmt::print("Closed {} on case {} (from record {}): {}\n", a.action_id, a.case_reference,
                   a.record_seq, a.text);
      return exit_ok;
    });
  };
}

}  // namespace waymark::cli
