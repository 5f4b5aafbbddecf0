// Questions of every kind, for condition, loader and outcome tests. The text is
// tests/fixtures/question_kinds.toml, which the Python tests' RICH_POLICY uses too, so both
// languages test one policy rather than two copies that drift apart.
#pragma once

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace waymark::test {

inline const std::string& all_kinds() {
  static const std::string text = [] {
    const std::string path = std::string(WAYMARK_FIXTURES) + "/question_kinds.toml";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::string questions(1, '\n');  // so the text starts a line wherever it is appended
    questions.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return questions;
  }();
  return text;
}

}  // namespace waymark::test
