#include "commands.h"

#include <fmt/format.h>

namespace waymark::cli {

Command add_explain_command(CLI::App& app) {
  CLI::App* sub =
      app.add_subcommand("explain", "Explain in plain words why each action in an evidence record was recommended");
  auto record = std::make_shared<std::string>();
  sub->add_option("RECORD", *record, "An evidence record (JSON) written by `waymark run`")->required();
  return [record] {
    try {
      fmt::print("{}", explain_record(read_file(*record)));
    } catch (const RecordError& e) {
      throw Failure{exit_bad_input, fmt::format("{}: error: {}", *record, e.what())};
    }
    return exit_ok;
  };
}

}  // namespace waymark::cli
