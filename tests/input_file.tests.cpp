// Files a user names are read only when they are regular files of a sane size: a FIFO, a device
// or a huge file named by mistake gets a clear refusal at once, never a hang or bad_alloc.
#include <sys/stat.h>
#include <waymark/input_file.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "support/run_command.h"

using namespace waymark;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

TEST_CASE("only regular files up to 16 MiB are read", "[input_file]") {
  const fs::path dir = test::temp_dir();
  std::ofstream(dir / "small.toml") << "x = 1\n";
  const InputFile small = read_input_file(dir / "small.toml");
  CHECK(small);
  CHECK(small.text == "x = 1\n");

  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  CHECK_THAT(read_input_file(dir / "fifo").problem, Contains("not a regular file"));
  CHECK_THAT(read_input_file("/dev/zero").problem, Contains("not a regular file"));
  CHECK_THAT(read_input_file(dir).problem, Contains("is a folder"));
  CHECK_THAT(read_input_file(dir / "missing").problem, Contains("cannot be opened"));

  fs::resize_file(fs::path(dir / "small.toml"), max_input_file_bytes + 1);  // sparse: no time to write
  CHECK_THAT(read_input_file(dir / "small.toml").problem, Contains("larger than 16 MiB"));
}

TEST_CASE("an answers file that is a FIFO or a device is refused at once with its name", "[input_file][cli]") {
  const fs::path dir = test::temp_dir();
  REQUIRE(::mkfifo((dir / "answers.toml").c_str(), 0600) == 0);
  const std::string policy = std::string(WAYMARK_FIXTURES) + "/answers_policy.toml";
  for (const std::string& answers : {(dir / "answers.toml").string(), std::string("/dev/zero")}) {
    const auto run = test::run_waymark({"run", policy, "--answers", answers});
    CHECK(run.exit_code != 0);
    CHECK_THAT(run.err, Contains(answers) && Contains("not a regular file"));
  }
}
