// Every file in fixtures/bad_policies and fixtures/bad_answers is a mistake a board or a
// practitioner could make. Each starts with the error it must produce:
//   # expect: E-LOAD-012 LINE:COLUMN
// and the test asserts the loader reports that code at exactly that position. The code, not the
// words, is checked, so a message's wording can improve without touching the fixtures.
#include <waymark/answers_file.h>
#include <waymark/loader.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

using namespace waymark;
namespace fs = std::filesystem;

namespace {

struct Expectation {
  std::string code;
  std::uint32_t line = 0, column = 0;
};

Expectation expectation_of(const fs::path& file) {
  std::ifstream in(file);
  std::string first;
  std::getline(in, first);
  static const std::regex pattern(R"(# expect: ([EW]-[A-Z]+-\d{3}) (\d+):(\d+))");
  std::smatch m;
  INFO(file.string());
  REQUIRE(std::regex_match(first, m, pattern));
  return {m[1], static_cast<std::uint32_t>(std::stoul(m[2])), static_cast<std::uint32_t>(std::stoul(m[3]))};
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

void check(const fs::path& file, const std::vector<Diagnostic>& diagnostics) {
  const Expectation want = expectation_of(file);
  INFO(file.filename().string() << " should report " << want.code << " at " << want.line << ":" << want.column);
  for (const auto& d : diagnostics) INFO("got: " << d.headline());
  const bool found = std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
    return d.file == file.string() && d.code == want.code && d.position.line == want.line &&
           d.position.column == want.column;
  });
  CHECK(found);
}

}  // namespace

TEST_CASE("every malformed policy fixture is refused with its message and position", "[loader][fixtures]") {
  const auto files = files_in(fs::path(WAYMARK_FIXTURES) / "bad_policies");
  CHECK(files.size() >= 20);
  for (const auto& file : files) {
    DYNAMIC_SECTION(file.filename().string()) {
      LoadResult result = try_load_policy_file(file);
      CHECK_FALSE(result);
      check(file, result.diagnostics);
    }
  }
}

TEST_CASE("every bad answers file is refused with its message and position", "[answers][fixtures]") {
  const auto policy = load_policy_file(fs::path(WAYMARK_FIXTURES) / "answers_policy.toml");
  const auto files = files_in(fs::path(WAYMARK_FIXTURES) / "bad_answers");
  CHECK(files.size() >= 6);
  for (const auto& file : files) {
    DYNAMIC_SECTION(file.filename().string()) {
      try {
        const AnswersFile answers = load_answers_file(file, *policy);
        (void)start_session(policy, answers, *Date::parse("2026-11-25"), "t");
        FAIL("expected " << file.string() << " to be refused");
      } catch (const PolicyError& e) {
        check(file, e.diagnostics());
      }
    }
  }
}
