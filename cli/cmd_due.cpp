// `waymark due` and `waymark done`: closed-loop tracking of the actions stored records recommend.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "store_support.h"

namespace waymark::cli {

Command add_due_command(CLI::App& app) {
  CLI::App* sub = app.add_subcommand("due", "List open actions across cases by due date (overdue first)");
  struct Options {
    std::string db, today, reference, owner, format = "text";
    bool overdue_only = false;
  };
  auto o = std::make_shared<Options>();
  add_db_option(*sub, o->db);
  sub->add_option("--today", o->today, "Count overdue from this date, YYYY-MM-DD (default today)");
  sub->add_option("--case", o->reference, "Only this case's actions");
  sub->add_option("--owner", o->owner, "Only actions owned by this role, e.g. line_manager");
  sub->add_flag("--overdue", o->overdue_only, "Only overdue actions");
  sub->add_option("--format", o->format, "text (the default) or json")->check(CLI::IsMember({"text", "json"}));
  return [o] {
    return with_store_errors([&] {
      Date today = Date::today();
      if (!o->today.empty()) {
        const auto date = Date::parse(o->today);
        if (!date)
          throw Failure{exit_bad_input, fmt::format("waymark: error: --today '{}' is not a date "
                                                    "YYYY-MM-DD",
                                                    printable(o->today))};
        today = *date;
      }
      if (!o->owner.empty()) require_role(o->owner, "--owner");
      Store store = open_store(o->db);
      if (!o->reference.empty()) store.require_case(o->reference);
      const auto overdue = [&](const TrackedAction& a) { return a.due && *a.due < today; };
      std::vector<TrackedAction> actions;
      for (auto& a : o->reference.empty() ? store.open_actions() : store.open_actions(o->reference))
        if ((o->owner.empty() || a.owner == o->owner) &&
            (!o->overdue_only || overdue(a)))
          actions.push_back(std::move(a));
      if (o->format == "json") {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& a : actions)
          list.push_back({{"case_reference", a.case_reference},
                          {"action_id", a.action_id},
                          {"record", a.record_seq},
                          {"text", a.text},
                          {"owner", a.owner},
                          {"due", a.due ? nlohmann::json(a.due->iso()) : nlohmann::json(nullptr)},
                          {"overdue", overdue(a)}});
        fmt::print("{}\n", nlohmann::json({{"today", today.iso()}, {"actions", list}})
                               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
        return exit_ok;
      }
      if (actions.empty()) {
        fmt::print("No open actions{}.\n", o->reference.empty() && o->owner.empty() && !o->overdue_only
                                               ? ""
                                               : " matching the filters");
        return exit_ok;
      }
      fmt::print("{} open actions on {}, {} overdue\n", actions.size(), today.iso(),
                 std::count_if(actions.begin(), actions.end(), overdue));
      // One line to scan (when, case, owner, the id and record `done` take), the text under it.
      // The record tells apart the same action left open by several runs.
      for (const auto& a : actions)
        fmt::print("\n{:<8}{:<10}  {:<12} {:<20} [{}] record {}\n        {}\n", overdue(a) ? "OVERDUE" : "",
                   a.due ? a.due->iso() : "no date", printable(a.case_reference), printable(a.owner),
                   printable(a.action_id), a.record_seq, printable(a.text));
      return exit_ok;
    });
  };
}

Command add_done_command(CLI::App& app) {
  CLI::App* sub = app.add_subcommand("done", "Close an open action on a case, with the evidence that it was done");
  struct Options {
    std::string db, reference, action, note, role;
    std::int64_t record = 0;
  };
  auto o = std::make_shared<Options>();
  sub->add_option("CASE", o->reference, "Case reference")->required();
  sub->add_option("ACTION", o->action, "Action id (as `waymark due` shows it)")->required();
  sub->add_option("--note", o->note, "Evidence that it was done, and where it is recorded (required)")->required();
  sub->add_option("--role", o->role, "Your role, e.g. line_manager (never your name)")->required();
  CLI::Option* record = sub->add_option(
      "--record", o->record, "Record number (as `waymark due` shows it), when several records left the action open");
  add_db_option(*sub, o->db);
  return [o, record] {
    return with_store_errors([&] {
      require_role(o->role);
      if (record->count() && o->record <= 0)
        throw Failure{exit_bad_input, fmt::format("waymark: error: --record {}: give the record number `waymark "
                                                  "due` shows",
                                                  o->record)};
      Store store = open_store(o->db);
      const TrackedAction a = store.close_action(o->reference, o->action, o->note, o->role,
                                                 record->count() ? std::optional(o->record) : std::nullopt);
      fmt::print("Closed {} on case {} (from record {}): {}\n", printable(a.action_id), a.case_reference, a.record_seq,
                 printable(a.text));
      return exit_ok;
    });
  };
}

}  // namespace waymark::cli
