// Reading policy TOML with positions: every value read is checked for type, every key not read
// is reported as unknown, and every error lands in a DiagnosticSink as file:line:column.
#pragma once

#include <waymark/date.h>
#include <waymark/error.h>

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::detail {

// The text of a file being loaded, for excerpts and for locating positions inside strings.
class SourceFile {
 public:
  SourceFile(std::string name, std::string text);
  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  std::string_view line(std::uint32_t number) const;
  // Where character `offset` of a string value's content sits, given where the value starts.
  SourcePosition inside_string(SourcePosition value_start, std::uint32_t offset) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

class DiagnosticSink {
 public:
  explicit DiagnosticSink(const SourceFile& file) : file_(file) {}
  // The code says what was found and how severe it is (diagnostic_codes.h).
  void report(DiagnosticCode code, SourcePosition at, std::string message);
  bool has_errors() const;
  std::vector<Diagnostic> take() { return std::move(items_); }
  const SourceFile& file() const { return file_; }

 private:
  const SourceFile& file_;
  std::vector<Diagnostic> items_;
};

SourcePosition position_of(const toml::node& node);
SourcePosition position_of(const toml::key& key);

// Reads the keys of one table. Call `finish()` to report keys that were never asked for.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string what, DiagnosticSink& sink);

  // A required or optional non-empty string.
  std::string text(std::string_view key, bool required = true);
  std::optional<Date> date(std::string_view key);
  std::optional<double> number(std::string_view key);
  std::vector<std::string> strings(std::string_view key, bool required = true);
  // The raw node, marking the key as known (nullptr when absent).
  const toml::node* node(std::string_view key);
  SourcePosition position(std::string_view key) const;
  SourcePosition table_position() const { return position_of(table_); }
  const std::string& what() const { return what_; }
  // Reports every key not read, naming the allowed ones (and the closest, if any is close).
  void finish(std::initializer_list<std::string_view> allowed_keys);

 private:
  const toml::table& table_;
  std::string what_;
  DiagnosticSink& sink_;
  std::vector<std::string> seen_;
};

// A toml++ parse error in words a policy author or practitioner can act on.
std::string describe_toml_error(const toml::parse_error& error, const SourceFile& file);

}  // namespace waymark::detail
