#include <waymark/error.h>

#include <fmt/format.h>

namespace waymark {

std::string Diagnostic::headline() const {
  const char* word = severity == Severity::error ? "error" : severity == Severity::warning ? "warning" : "note";
  if (position.line == 0) return fmt::format("{}: {}: {}", file, word, message);
  return fmt::format("{}:{}:{}: {}: {}", file, position.line, position.column, word, message);
}

std::string Diagnostic::format() const {
  if (excerpt.empty() || position.column == 0) return headline();
  // Tabs keep their width under the caret so it lines up in a terminal.
  std::string pad;
  for (std::size_t i = 0; i + 1 < position.column && i < excerpt.size(); ++i) pad += excerpt[i] == '\t' ? '\t' : ' ';
  return fmt::format("{}\n    {}\n    {}^", headline(), excerpt, pad);
}

namespace {
std::string summarise(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.format();
  }
  return out.empty() ? "policy could not be loaded" : out;
}
}  // namespace

PolicyError::PolicyError(std::vector<Diagnostic> diagnostics)
    : Error(summarise(diagnostics)), diagnostics_(std::move(diagnostics)) {
  if (diagnostics_.empty()) diagnostics_.push_back({Severity::error, "", {}, "policy could not be loaded", ""});
}

AnswerError::AnswerError(std::string question_id, std::string reason)
    : Error(fmt::format("{}: {}", question_id, reason)),
      question_id_(std::move(question_id)),
      reason_(std::move(reason)) {}

}  // namespace waymark
