// `waymark verify`: recompute the store's hash chain and print its head.
#include <fmt/format.h>

#include <string>

#include "commands.h"
#include "store_support.h"

namespace waymark::cli {

Command add_verify_command(CLI::App& app) {
  CLI::App* sub = app.add_subcommand("verify",
                                     "Check the case store's hash chain; print the head hash to "
                                     "keep elsewhere (exit 1 if broken)");
  struct Options {
    std::string db, head;
  };
  auto o = std::make_shared<Options>();
  add_db_option(*sub, o->db);
  sub->add_option("--head", o->head, "A head hash kept earlier: fails if the store was rolled back past it");
  return [o] {
    return with_store_errors([&] {
      // A typo is not a rolled-back store: check the shape before comparing (any case).
      if (!o->head.empty() &&
          (o->head.size() != 64 || o->head.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos))
        throw Failure{exit_bad_input, fmt::format("waymark: error: --head '{}' is not a head hash (64 hex "
                                                  "characters, as `waymark verify` prints it)",
                                                  printable(o->head))};
      Store store = open_store(o->db);
      const ChainReport report = store.verify(o->head.empty() ? std::nullopt : std::optional(o->head));
      if (!report.ok) {
        fmt::print(stderr, "{}: chain BROKEN: {}\n", store.path().string(), report.problem);
        return exit_policy_failure;
      }
      fmt::print("{}: chain intact, {} entries\nhead: {}\n", store.path().string(), report.entries,
                 report.head.empty() ? "(empty)" : report.head);
      // The audit of reads is a chain of its own: the head above stays the records' head.
      if (report.audit_entries > 0)
        fmt::print("audit intact, {} entries (`waymark audit` lists them)\n", report.audit_entries);
      return exit_ok;
    });
  };
}

}  // namespace waymark::cli
