// Every diagnostic code is unique, well-formed, and listed in docs/authoring.md's message list
// with what it means and what to do; the list names no code the core does not have.
#include <waymark/error.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

using namespace waymark;

namespace {

// Each row of the message list: | `E-LOAD-012` | what it means | what to do |
std::map<std::string, int> documented_codes() {
  std::ifstream in(std::string(WAYMARK_SOURCE_DIR) + "/docs/authoring.md");
  REQUIRE(in);
  static const std::regex row(R"(^\| `([EW]-[A-Z]+-\d{3})` \| (.+) \| (.+) \|$)");
  std::map<std::string, int> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, row)) ++rows[m[1]];
  }
  return rows;
}

}  // namespace

TEST_CASE("every diagnostic code is unique and names its severity and stage", "[diagnostics]") {
  static const std::regex form(R"([EW]-[A-Z]+-\d{3})");
  std::set<std::string> seen;
  for (const DiagnosticCode code : all_diagnostic_codes()) {
    const std::string text(to_string(code));
    INFO(text);
    CHECK(std::regex_match(text, form));
    CHECK(seen.insert(text).second);
    const Diagnostic d = Diagnostic::make(code, "p.toml", {3, 1}, "words");
    CHECK(d.severity == (text.front() == 'W' ? Severity::warning : Severity::error));
    CHECK(d.headline() ==
          "p.toml:3:1: " + std::string(text.front() == 'W' ? "warning" : "error") + ": words [" + text + "]");
  }
  CHECK(seen.size() > 90);
}

TEST_CASE("every diagnostic code is documented once in docs/authoring.md, and only those", "[diagnostics][docs]") {
  const auto rows = documented_codes();
  std::set<std::string> codes;
  for (const DiagnosticCode code : all_diagnostic_codes()) codes.emplace(to_string(code));
  for (const auto& code : codes) {
    INFO(code << " should have one row in docs/authoring.md's message list");
    CHECK(rows.contains(code));
    if (rows.contains(code)) CHECK(rows.at(code) == 1);
  }
  for (const auto& [code, count] : rows) {
    INFO(code << " is documented but no diagnostic has it");
    CHECK(codes.contains(code));
  }
}
