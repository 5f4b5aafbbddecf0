// The walk-through in a terminal: text wrapped between words, where you are ("Question 3 of
// about 12"), going to an answered question, and Ctrl-C saving the walk-through to resume.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "support/run_command.h"

extern char** environ;

using namespace waymark::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const std::string policy = std::string(WAYMARK_FIXTURES) + "/answers_policy.toml";

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Runs `waymark args` in `dir` with `typed` on a pipe left open, waits until its output holds
// `wait_for`, presses Ctrl-C (SIGINT) and returns the exit code and the output.
std::pair<int, std::string> interrupt_when(const std::vector<std::string>& args, const std::string& dir,
                                           const std::string& typed, const std::string& wait_for) {
  int in[2];
  REQUIRE(pipe(in) == 0);
  const std::string out_path = dir + "/out.txt";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_addclose(&actions, in[1]);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  std::vector<std::string> storage{WAYMARK_CLI};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, WAYMARK_CLI, &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  REQUIRE(write(in[1], typed.data(), typed.size()) == static_cast<ssize_t>(typed.size()));
  for (int waited = 0; read(out_path).find(wait_for) == std::string::npos && waited < 2000; ++waited)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  close(in[1]);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), read(out_path)};
}

}  // namespace

TEST_CASE("the walk-through's text wraps between words at the terminal's width", "[cli][interactive]") {
  const auto narrow = run_waymark({"run", "adult-non-engagement", "--date", "2026-11-25"}, "yes\n",
                                  {"COLUMNS=40"});
  bool in_question = false;
  std::string joined;
  for (const auto& line : lines_of(narrow.out)) {
    if (line.starts_with("Question 2 of about")) in_question = true;
    if (!in_question) continue;
    if (line.starts_with("  1.")) break;
    CHECK(line.size() <= 40);
    if (!line.starts_with("Question")) joined += (joined.empty() ? "" : " ") + line;
  }
  // Broken only between words: joined again, the lines are the question's text.
  CHECK(joined ==
        "Are you concerned just because they are not engaging, or do you have evidence that non-engagement "
        "increases risk?");
  // Without a terminal or COLUMNS (a pipe, a file), lines are left whole.
  const auto piped = run_waymark({"run", "adult-non-engagement", "--date", "2026-11-25"}, "yes\n");
  CHECK_THAT(piped.out, Contains("\nAre you concerned just because they are not engaging, or do you have evidence that "
                                 "non-engagement increases risk?\n"));
}

TEST_CASE("each question says how many there are likely to be, from those that can still apply",
          "[cli][interactive]") {
  const auto r = run_waymark({"run", policy, "--date", "2026-11-25"}, "2\n");
  // Five questions; answering "only not engaging" rules out "Have you spoken to the adult?".
  CHECK_THAT(r.out, Contains("Question 1 of about 5\nEvidence of risk, or only not engaging?"));
  CHECK_THAT(r.out, Contains("Question 2 of about 4\nWhat have you tried?"));
  const auto evidence = run_waymark({"run", policy, "--date", "2026-11-25"}, "1\n");
  CHECK_THAT(evidence.out, Contains("Question 2 of about 5\nHave you spoken to the adult?"));
}

TEST_CASE("'go N' goes back to an answered question", "[cli][interactive]") {
  const auto r = run_waymark({"run", policy, "--date", "2026-11-25"}, "2\n1\ngo 1\n1\nyes\ngo 2\n\ngo 9\nquit\n");
  // Question 1 again, with its answer; changed, the walk-through carries on from the first unanswered.
  CHECK_THAT(r.out, Contains("Question 1 of about 4\nEvidence of risk, or only not engaging?\n  1. Evidence\n  2. Only "
                             "not engaging\n  Type the number of one option.\n  Current answer: Only not engaging"));
  // The question that comes to apply is numbered where it is asked (2, before "What have you
  // tried?"), not after every answered one, and 'go 2' goes back to it by that number.
  CHECK_THAT(r.out, Contains("Question 2 of about 5\nHave you spoken to the adult?\n"));
  CHECK_FALSE(r.out.find("Question 3 of about 5\nHave you spoken to the adult?") != std::string::npos);
  CHECK_THAT(r.out, Contains("Question 2 of about 5\nHave you spoken to the adult?\n  Answer yes or no.\n  Current answer: Yes"));
  CHECK_THAT(r.out, Contains("Type 'go' and the number of an answered question, 1 to 3."));
  const auto first = run_waymark({"run", policy, "--date", "2026-11-25"}, "go 1\nquit\n");
  CHECK_THAT(first.out, Contains("No question is answered yet"));
}

TEST_CASE("Ctrl-C saves the walk-through to resume, and says where", "[cli][interactive]") {
  const std::string dir = temp_dir();
  std::ofstream(dir + "/answers-fixture-session.json") << "an earlier session";  // never replaced
  const auto [code, out] = interrupt_when({"run", policy, "--date", "2026-11-25"}, dir, "1\nyes\n",
                                          "Question 3 of about");
  CHECK(code == 130);
  const std::string saved = dir + "/answers-fixture-session-2.json";
  CHECK_THAT(out, Contains("Stopped (Ctrl-C).") &&
                      Contains("The walk-through so far is saved in " + saved +
                               ". Resume with: waymark run answers-fixture --resume " + saved));
  CHECK(read(dir + "/answers-fixture-session.json") == "an earlier session");
  REQUIRE(fs::exists(saved));
  CHECK((fs::status(saved).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
  // Resumed, it asks the third question: the two answers were kept.
  const auto resumed = run_waymark({"run", policy, "--resume", saved}, "quit\n");
  CHECK_THAT(resumed.out, Contains("Question 3 of about 5\nWhat have you tried?"));
  fs::remove_all(dir);
}
