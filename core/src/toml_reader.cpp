#include "toml_reader.h"

#include "text_match.h"

#include <fmt/format.h>

#include <algorithm>

namespace waymark::detail {

SourceFile::SourceFile(std::string name, std::string text) : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
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
  std::size_t at = line_starts_[start.line - 1] + (start.column ? start.column - 1 : 0);
  SourcePosition pos = start;
  auto advance = [&] {
    if (at < text_.size() && text_[at] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
    ++at;
  };
  const std::string_view rest = std::string_view(text_).substr(std::min(at, text_.size()));
  const bool triple = rest.starts_with("\"\"\"") || rest.starts_with("'''");
  for (int i = 0; i < (triple ? 3 : 1); ++i) advance();
  if (triple && at < text_.size() && text_[at] == '\n') advance();  // TOML trims this newline
  for (std::uint32_t i = 0; i < offset && at < text_.size(); ++i) advance();
  return pos;
}

void DiagnosticSink::add(Severity severity, SourcePosition at, std::string message) {
  items_.push_back({severity, file_.name(), at, std::move(message), std::string(file_.line(at.line))});
}

bool DiagnosticSink::has_errors() const {
  return std::any_of(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::error; });
}

SourcePosition position_of(const toml::node& node) {
  const auto& begin = node.source().begin;
  return {begin.line, begin.column};
}

SourcePosition position_of(const toml::key& key) {
  const auto& begin = key.source().begin;
  return {begin.line, begin.column};
}

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
    if (required) sink_.error(table_position(), fmt::format("{} is missing the required key '{}'", what_, key));
    return {};
  }
  const auto* s = n->as_string();
  if (!s) {
    sink_.error(position_of(*n), fmt::format("'{}' in {} must be text in quotes", key, what_));
    return {};
  }
  std::string value = s->get();
  if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
    sink_.error(position_of(*n), fmt::format("'{}' in {} must not be empty", key, what_));
    return {};
  }
  return value;
}

std::optional<Date> TableReader::date(std::string_view key) {
  const toml::node* n = node(key);
  if (!n) {
    sink_.error(table_position(), fmt::format("{} is missing the required date '{}'", what_, key));
    return std::nullopt;
  }
  const auto* d = n->as_date();
  if (!d) {
    sink_.error(position_of(*n), fmt::format("'{}' in {} must be a date written like 2026-12-01 (no quotes)", key, what_));
    return std::nullopt;
  }
  const toml::date& v = d->get();
  return Date::from_ymd(v.year, v.month, v.day);
}

std::optional<double> TableReader::number(std::string_view key) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (auto v = n->value<double>()) return *v;
  sink_.error(position_of(*n), fmt::format("'{}' in {} must be a number", key, what_));
  return std::nullopt;
}

std::vector<std::string> TableReader::strings(std::string_view key, bool required) {
  std::vector<std::string> out;
  const toml::node* n = node(key);
  if (!n) {
    if (required) sink_.error(table_position(), fmt::format("{} is missing the required key '{}'", what_, key));
    return out;
  }
  const auto* array = n->as_array();
  if (!array) {
    sink_.error(position_of(*n), fmt::format("'{}' in {} must be a list of text, like [\"a\", \"b\"]", key, what_));
    return out;
  }
  for (const auto& item : *array) {
    if (const auto* s = item.as_string()) out.push_back(s->get());
    else sink_.error(position_of(item), fmt::format("every item of '{}' in {} must be text in quotes", key, what_));
  }
  if (out.empty() && required) sink_.error(position_of(*n), fmt::format("'{}' in {} must not be empty", key, what_));
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
    sink_.error(position_of(key), fmt::format("unknown key '{}' in {}{}", name, what_, hint));
  }
}

}  // namespace waymark::detail
