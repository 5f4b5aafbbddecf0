// Runs the real `waymark` binary and captures what a user would see.
#pragma once

#include <string>
#include <vector>

namespace waymark::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `waymark` with `args`, feeding `input` on stdin. Extra environment as NAME=value strings.
CommandResult run_waymark(const std::vector<std::string>& args, const std::string& input = "",
                          const std::vector<std::string>& env = {});

// A fresh empty folder under the system temp folder, for files a test writes.
std::string temp_dir();

}  // namespace waymark::test
