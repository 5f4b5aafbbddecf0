/// Errors a user can cause: bad policy files, bad answers, bad saved files.
#pragma once

#include <waymark/diagnostic_codes.h>
#include <waymark/enum_text.h>
#include <waymark/export.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace waymark {

/// A place in a source file; lines and columns count from 1, 0 means "not known".
struct SourcePosition {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  /// Where the text at this place ends on the same line: the column after its last character,
  /// underlined in an excerpt (`^~~~`). 0: not known, or the text runs on over lines (a caret alone).
  std::uint32_t end_column = 0;
};

enum class Severity { error, warning, note };
template <>
struct EnumWords<Severity> {
  static constexpr std::pair<Severity, std::string_view> table[] = {
      {Severity::error, "error"}, {Severity::warning, "warning"}, {Severity::note, "note"}};
};

/// One finding about a file, formatted like a compiler's: `file:line:col: error: message [E-LOAD-012]`.
struct WAYMARK_EXPORT Diagnostic {
  Severity severity = Severity::error;
  std::string file;
  SourcePosition position;
  std::string message;
  /// The offending source line, if known, shown with a caret under the column (and the rest of
  /// the offending text underlined, when its end is known).
  std::string excerpt;
  /// The stable code, such as "E-LOAD-012" (diagnostic_codes.h); empty only for a caller's own.
  std::string code;

  /// A diagnostic whose severity is the one its code says (E error, W warning).
  static Diagnostic make(DiagnosticCode code, std::string file, SourcePosition position, std::string message,
                         std::string excerpt = {});

  /// The one-line `file:line:col: severity: message [code]` form.
  std::string headline() const;
  /// The headline followed by the excerpt with a caret and underline (when there is an excerpt).
  std::string format() const;
};

/// Base of every error Waymark reports to a user.
class WAYMARK_EXPORT Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A policy (or a file claiming to be one) that cannot be loaded. Holds every error found.
class WAYMARK_EXPORT PolicyError : public Error {
 public:
  explicit PolicyError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }
  /// The first error, for callers that report only one.
  const Diagnostic& first() const { return diagnostics_.front(); }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// An answer that does not fit its question (wrong kind, unknown option, out of range...).
class WAYMARK_EXPORT AnswerError : public Error {
 public:
  AnswerError(std::string question_id, std::string reason);
  const std::string& question_id() const noexcept { return question_id_; }
  /// Why the answer was refused, in words a practitioner understands.
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string question_id_;
  std::string reason_;
};

/// A saved session or evidence record that cannot be read back (corrupt, wrong format,
/// or made with a different policy).
class WAYMARK_EXPORT RecordError : public Error {
 public:
  using Error::Error;
};

/// A condition could not be evaluated because a plugin function it calls failed. The message
/// names the function, the plugin and its file. A session that raised it should be discarded.
class WAYMARK_EXPORT EvaluationError : public Error {
 public:
  using Error::Error;
};

}  // namespace waymark
