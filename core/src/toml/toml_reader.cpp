#include "toml_reader.h"

#include "text_match.h"

#include <fmt/format.h>
#include <waymark/utf8.h>

#include <algorithm>
#include <cstdlib>

namespace waymark::detail {

SourceFile::SourceFile(std::string name, std::string text) : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = text_.find('\n'); i != std::string::npos; i = text_.find('\n', i + 1))
    line_starts_.push_back(i + 1);
}

std::string_view SourceFile::line(std::uint32_t number) const {
  if (number == 0 || number > line_starts_.size()) return {};
  const std::size_t begin = line_starts_[number - 1];
  std::size_t end = text_.find('\n', begin);
  if (end == std::string::npos) end = text_.size();
  if (end > begin && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(begin, end - begin);
}

SourcePosition SourceFile::inside_string(SourcePosition start, std::uint32_t offset) const {
  if (start.line == 0 || start.line > line_starts_.size()) return start;
  const std::string_view text = text_;
  std::size_t at = line_starts_[start.line - 1];
  SourcePosition pos{start.line, 1};
  // Steps over one character of the file: a whole UTF-8 sequence, as toml++ counts columns in characters.
  auto advance = [&] {
    if (at >= text.size()) return;
    if (text[at] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  };
  while (pos.column < start.column && at < text.size() && text[at] != '\n') advance();
  const std::string_view rest = text.substr(std::min(at, text.size()));
  const bool literal = rest.starts_with('\'');
  const bool triple = rest.starts_with("\"\"\"") || rest.starts_with("'''");
  for (int i = 0; i < (triple ? 3 : 1); ++i) advance();
  if (triple && rest.substr(3).starts_with("\r\n")) advance();
  if (triple && at < text.size() && text[at] == '\n') advance();  // TOML trims this newline
  // `offset` counts bytes of the string's value, which differs from the file where "..." has escapes.
  auto is_space = [&](std::size_t i) {
    return i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n');
  };
  while (at < text.size()) {
    if (!literal && triple && text[at] == '\\' && is_space(at + 1)) {
      advance();  // a line-ending backslash: it and the blank space after it are not part of the value
      while (is_space(at)) advance();
      continue;
    }
    if (offset == 0) break;
    std::uint32_t bytes = 1;  // of the value, for what is stepped over
    if (!literal && text[at] == '\\' && at + 1 < text.size()) {
      const char escape = text[at + 1];
      std::size_t length = 2;
      if (escape == 'u' || escape == 'U') {
        length = escape == 'u' ? 6 : 10;
        const unsigned long code = std::strtoul(std::string(text.substr(at + 2, length - 2)).c_str(), nullptr, 16);
        bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      }
      for (std::size_t i = 0; i < length; ++i) advance();
    } else {
      const std::size_t before = at;
      advance();
      bytes = static_cast<std::uint32_t>(at - before);
    }
    offset -= std::min(offset, bytes);
  }
  return pos;
}

void DiagnosticSink::report(DiagnosticCode code, SourcePosition at, std::string message) {
  items_.push_back(Diagnostic::make(code, file_.name(), at, std::move(message), std::string(file_.line(at.line))));
}

bool DiagnosticSink::has_errors() const {
  return std::any_of(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::error; });
}

// Declared in policy_loader.cpp and answers_file.cpp (it belongs in toml_reader.h).
std::string describe_toml_error(const toml::parse_error& error, const SourceFile& file) {
  std::string_view what = error.description();
  const auto& at = error.source().begin;
  const std::string_view line = file.line(at.line);
  const std::size_t characters = count_characters(line);
  if (what.find("unescaped control characters") != std::string_view::npos && at.column > characters)
    what =
        "the closing quote is missing: text in quotes must end on the same line (use \"\"\" to write text over "
        "several lines)";
  else if (what.find("could not determine value type") != std::string_view::npos)
    what =
        "cannot read this value: text goes in quotes, yes/no is written true or false, and a date like "
        "2026-11-25 (without quotes)";
  return fmt::format("this is not valid TOML: {}", what);
}

namespace {
// toml++'s region as a place: its start, and its end when it ends on the line it starts on.
SourcePosition position_in(const toml::source_region& region) {
  const auto& begin = region.begin;
  const auto& end = region.end;
  const bool one_line = end.line == begin.line && end.column > begin.column;
  return {begin.line, begin.column, one_line ? end.column : 0};
}
}  // namespace

SourcePosition position_of(const toml::node& node) { return position_in(node.source()); }

SourcePosition position_of(const toml::key& key) { return position_in(key.source()); }

TableReader::TableReader(const toml::table& table, std::string what, DiagnosticSink& sink)
    : table_(table), what_(std::move(what)), sink_(sink) {}

const toml::node* TableReader::node(std::string_view key) {
  seen_.emplace_back(key);
  return table_.get(key);
}

SourcePosition TableReader::position(std::string_view key) const {
  if (const toml::node* n = table_.get(key)) return position_of(*n);
  return position_of(table_);
}

std::string TableReader::text(std::string_view key, bool required) {
  const toml::node* n = node(key);
  if (!n) {
    if (required)
      sink_.report(DiagnosticCode::toml_missing_key, table_position(),
                   fmt::format("{} is missing the required key '{}'", what_, key));
    return {};
  }
  const auto* s = n->as_string();
  if (!s) {
    sink_.report(DiagnosticCode::toml_wrong_type, position_of(*n),
                 fmt::format("'{}' in {} must be text in quotes", key, what_));
    return {};
  }
  std::string value = s->get();
  if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
    sink_.report(DiagnosticCode::toml_empty_value, position_of(*n),
                 fmt::format("'{}' in {} must not be empty", key, what_));
    return {};
  }
  return value;
}

std::optional<Date> TableReader::date(std::string_view key) {
  const toml::node* n = node(key);
  if (!n) {
    sink_.report(DiagnosticCode::toml_missing_key, table_position(),
                 fmt::format("{} is missing the required date '{}'", what_, key));
    return std::nullopt;
  }
  const auto* d = n->as_date();
  if (!d) {
    sink_.report(DiagnosticCode::toml_wrong_type, position_of(*n),
                 fmt::format("'{}' in {} must be a date written like 2026-12-01 (no quotes)", key, what_));
    return std::nullopt;
  }
  const toml::date& v = d->get();
  return Date::from_ymd(v.year, v.month, v.day);
}

std::optional<double> TableReader::number(std::string_view key) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (auto v = n->value<double>()) return *v;
  sink_.report(DiagnosticCode::toml_wrong_type, position_of(*n),
               fmt::format("'{}' in {} must be a number", key, what_));
  return std::nullopt;
}

std::vector<std::string> TableReader::strings(std::string_view key, bool required) {
  std::vector<std::string> out;
  const toml::node* n = node(key);
  if (!n) {
    if (required)
      sink_.report(DiagnosticCode::toml_missing_key, table_position(),
                   fmt::format("{} is missing the required key '{}'", what_, key));
    return out;
  }
  const auto* array = n->as_array();
  if (!array) {
    sink_.report(DiagnosticCode::toml_wrong_type, position_of(*n),
                 fmt::format("'{}' in {} must be a list of text, like [\"a\", \"b\"]", key, what_));
    return out;
  }
  for (const auto& item : *array) {
    if (const auto* s = item.as_string())
      out.push_back(s->get());
    else
      sink_.report(DiagnosticCode::toml_wrong_type, position_of(item),
                   fmt::format("every item of '{}' in {} must be text in quotes", key, what_));
  }
  if (out.empty() && required)
    sink_.report(DiagnosticCode::toml_empty_value, position_of(*n),
                 fmt::format("'{}' in {} must not be empty", key, what_));
  return out;
}

void TableReader::finish(std::initializer_list<std::string_view> allowed_keys) {
  for (auto&& [key, value] : table_) {
    const std::string_view name = key.str();
    if (std::find(seen_.begin(), seen_.end(), name) != seen_.end()) continue;
    ClosestMatch match(name);
    std::string allowed;
    for (auto candidate : allowed_keys) {
      match.consider(candidate);
      allowed += (allowed.empty() ? "" : ", ") + std::string(candidate);
    }
    const std::string hint = match.best().empty() ? fmt::format("; allowed keys: {}", allowed)
                                                  : fmt::format(" (did you mean '{}'?)", match.best());
    sink_.report(DiagnosticCode::toml_unknown_key, position_of(key),
                 fmt::format("unknown key '{}' in {}{}", name, what_, hint));
  }
}

}  // namespace waymark::detail
