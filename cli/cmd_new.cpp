// `waymark new ID`: writes a starting policy and its scenario tests for a board to edit.
#include "commands.h"
#include "new_policy.h"

#include <fmt/format.h>

#include <regex>

namespace waymark::cli {

Command add_new_command(CLI::App& app) {
  CLI::App* sub = app.add_subcommand(
      "new",
      "Write a starting policy (ID.toml) and its scenario tests (ID.tests.toml), with comments that teach "
      "the format; both pass lint and test");
  auto id = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>(".");
  sub->add_option("ID", *id, "The new policy's id: lowercase letters, digits and hyphens")->required();
  sub->add_option("--dir", *dir, "Folder to write the files in, created if missing (default: the current folder)");
  return [id, dir] {
    static const std::regex pattern("[a-z0-9][a-z0-9-]*");
    if (!std::regex_match(*id, pattern))
      throw Failure{
          exit_bad_input,
          fmt::format("waymark: error: '{}' is not a policy id: use lowercase letters, digits and hyphens", *id)};
    std::error_code error;
    std::filesystem::create_directories(*dir, error);
    if (error || !std::filesystem::is_directory(*dir))
      throw Failure{exit_bad_input, fmt::format("{}: error: cannot create the folder: {}", *dir,
                                                error ? error.message() : "a file of that name is in the way")};
    const std::filesystem::path policy = std::filesystem::path(*dir) / (*id + ".toml");
    const std::filesystem::path tests = std::filesystem::path(*dir) / (*id + ".tests.toml");
    for (const auto& path : {policy, tests})
      if (std::filesystem::exists(path))
        throw Failure{exit_bad_input,
                      fmt::format("{}: error: the file already exists; nothing was written", path.string())};
    const Date today = Date::today();
    write_new_file(policy, starter_policy(*id, today), false, FileAccess::shared);
    write_new_file(tests, starter_tests(*id, today), false, FileAccess::shared);
    fmt::print("Wrote {} and {}.\nNext: edit them, then `waymark lint {}` and `waymark test {}`.\n", policy.string(),
               tests.string(), policy.string(), policy.string());
    return exit_ok;
  };
}

}  // namespace waymark::cli
