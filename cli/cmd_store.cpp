// `waymark store copy FROM TO`: a whole store into a new one, e.g. a practitioner's SQLite file
// into the team's PostgreSQL database, or a backup out of it.
#include <fmt/format.h>

#include <string>

#include "commands.h"
#include "store_support.h"

namespace waymark::cli {

Command add_store_command(CLI::App& app) {
  CLI::App* sub = app.add_subcommand("store", "Work on a whole case store (copy)");
  sub->require_subcommand(1);
  CLI::App* copy = sub->add_subcommand(
      "copy",
      "Copy a whole case store into a new, empty one, every record and chain entry as it is (SQLite "
      "file or postgresql:// connection string, either way); prints the head, the same on both");
  struct Options {
    std::string from, to;
  };
  auto o = std::make_shared<Options>();
  copy->add_option("FROM", o->from, "The store to copy: a file, or a postgresql:// connection string")->required();
  copy->add_option("TO", o->to, "A new or empty store to copy into: a file, or a postgresql:// connection string")
      ->required();
  return [o] {
    return with_store_errors([&] {
      const Store from = open_store(o->from);
      Store to = open_store(o->to, IfMissing::create);
      const ChainReport report = from.copy_into(to);
      if (!report.ok) {
        fmt::print(stderr, "{}: copied, but the copy's chain is BROKEN: {} (`waymark verify --db` the original)\n",
                   to.path().string(), report.problem);
        return exit_policy_failure;
      }
      fmt::print("Copied {} to {}: chain intact, {} entries\nhead: {}\n", from.path().string(), to.path().string(),
                 report.entries, report.head.empty() ? "(empty)" : report.head);
      return exit_ok;
    });
  };
}

}  // namespace waymark::cli
