#include <waymark/error.h>

#include <fmt/format.h>
#include <waymark/utf8.h>

#include <algorithm>

namespace waymark {

namespace {
constexpr std::string_view code_texts[] = {
#define WAYMARK_CODE_TEXT(name, text) text,
    WAYMARK_DIAGNOSTIC_CODES(WAYMARK_CODE_TEXT)
#undef WAYMARK_CODE_TEXT
};
constexpr DiagnosticCode codes[] = {
#define WAYMARK_CODE_VALUE(name, text) DiagnosticCode::name,
    WAYMARK_DIAGNOSTIC_CODES(WAYMARK_CODE_VALUE)
#undef WAYMARK_CODE_VALUE
};
}  // namespace

std::string_view to_string(DiagnosticCode code) noexcept { return code_texts[static_cast<std::size_t>(code)]; }

std::span<const DiagnosticCode> all_diagnostic_codes() noexcept { return codes; }

Diagnostic Diagnostic::make(DiagnosticCode code, std::string file, SourcePosition position, std::string message,
                            std::string excerpt) {
  const std::string_view text = to_string(code);
  Diagnostic d;
  d.severity = text.front() == 'W' ? Severity::warning : Severity::error;
  d.file = std::move(file);
  d.position = position;
  d.message = std::move(message);
  d.excerpt = std::move(excerpt);
  d.code = std::string(text);
  return d;
}

std::string Diagnostic::headline() const {
  const std::string_view word = to_string(severity);
  const std::string tail = code.empty() ? "" : fmt::format(" [{}]", code);
  if (position.line == 0) return fmt::format("{}: {}: {}{}", file, word, message, tail);
  return fmt::format("{}:{}:{}: {}: {}{}", file, position.line, position.column, word, message, tail);
}

std::string Diagnostic::format() const {
  if (excerpt.empty() || position.column == 0) return headline();
  // Tabs keep their width under the caret so it lines up in a terminal.
  std::string pad;
  for (std::size_t i = 0; i + 1 < position.column && i < excerpt.size(); ++i) pad += excerpt[i] == '\t' ? '\t' : ' ';
  // The rest of the offending text underlined, as far as the line goes.
  const std::size_t characters = count_characters(excerpt);
  std::size_t underline = 0;
  if (position.end_column > position.column + 1)
    underline = std::min<std::size_t>(position.end_column - position.column - 1,
                                      characters >= position.column ? characters - position.column : 0);
  return fmt::format("{}\n    {}\n    {}^{}", headline(), excerpt, pad, std::string(underline, '~'));
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
  if (diagnostics_.empty()) diagnostics_.push_back({Severity::error, "", {}, "policy could not be loaded", "", ""});
}

AnswerError::AnswerError(std::string question_id, std::string reason)
    : Error(fmt::format("{}: {}", question_id, reason)),
      question_id_(std::move(question_id)),
      reason_(std::move(reason)) {}

}  // namespace waymark
