#include "canonical.h"

#include <waymark/policy.h>
#include <waymark/sha256.h>

#include <fmt/format.h>

#include <charconv>

namespace waymark {

int Question::option_index(std::string_view option_id) const {
  for (std::size_t i = 0; i < options.size(); ++i)
    if (options[i].id == option_id) return static_cast<int>(i);
  return -1;
}

std::optional<Urgency> Urgency::parse(std::string_view text) {
  Urgency u;
  if (text == "immediate")
    u.kind = Kind::immediate;
  else if (text == "same_shift")
    u.kind = Kind::same_shift;
  else if (text == "same_day")
    u.kind = Kind::same_day;
  else if (text == "next_review")
    u.kind = Kind::next_review;
  else if (text == "not_stated")
    u.kind = Kind::not_stated;
  else if (text.starts_with("within ")) {
    std::string_view rest = text.substr(7);
    const auto space = rest.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    int amount = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + space, amount);
    if (ec != std::errc{} || end != rest.data() + space || amount <= 0 || amount > 3650) return std::nullopt;
    std::string_view unit = rest.substr(space + 1);
    if (unit.ends_with('s')) unit.remove_suffix(1);  // "1 day" and "1 days" both read naturally enough
    if (unit == "day")
      u.unit = Unit::days;
    else if (unit == "week")
      u.unit = Unit::weeks;
    else if (unit == "month")
      u.unit = Unit::months;
    else
      return std::nullopt;
    u.kind = Kind::within;
    u.amount = amount;
  } else {
    return std::nullopt;
  }
  return u;
}

std::string Urgency::spelling() const {
  switch (kind) {
    case Kind::immediate: return "immediate";
    case Kind::same_shift: return "same_shift";
    case Kind::same_day: return "same_day";
    case Kind::next_review: return "next_review";
    case Kind::not_stated: return "not_stated";
    case Kind::within: break;
  }
  const char* unit_word = unit == Unit::days ? "day" : unit == Unit::weeks ? "week" : "month";
  return fmt::format("within {} {}{}", amount, unit_word, amount == 1 ? "" : "s");
}

std::string Urgency::label() const {
  switch (kind) {
    case Kind::immediate: return "Immediately";
    case Kind::same_shift: return "During the same shift";
    case Kind::same_day: return "The same day";
    case Kind::next_review: return "At the next review";
    case Kind::not_stated: return "No timescale given by the source";
    case Kind::within: break;
  }
  std::string s = spelling();
  s[0] = 'W';
  return s;
}

int Urgency::rank() const {
  switch (kind) {
    case Kind::immediate: return 0;
    case Kind::same_shift: return 1;
    case Kind::same_day: return 2;
    case Kind::within: return 10 + amount * (unit == Unit::days ? 1 : unit == Unit::weeks ? 7 : 30);
    case Kind::next_review: return 1'000'000;
    case Kind::not_stated: return 2'000'000;
  }
  return 0;
}

namespace {
int lookup(const detail::IdIndex& index, std::string_view id) {
  auto it = index.find(id);
  return it == index.end() ? -1 : it->second;
}
}  // namespace

int Policy::question_index(std::string_view id) const { return lookup(question_index_, id); }
int Policy::fact_index(std::string_view id) const { return lookup(fact_index_, id); }
int Policy::action_index(std::string_view id) const { return lookup(action_index_, id); }

const Question* Policy::find_question(std::string_view id) const {
  const int i = question_index(id);
  return i < 0 ? nullptr : &questions_[i];
}

const Action* Policy::find_action(std::string_view id) const {
  const int i = action_index(id);
  return i < 0 ? nullptr : &actions_[i];
}

const std::string& Policy::content_hash() const {
  std::call_once(content_hash_once_, [this] { content_hash_ = sha256_hex(detail::canonical_json(*this)); });
  return content_hash_;
}

std::string Policy::canonical_json() const { return detail::canonical_json(*this); }

const SourceQuote* Policy::find_source_quote(std::string_view id) const {
  for (const auto& quote : source_quotes_)
    if (quote.id == id) return &quote;
  return nullptr;
}

const EventKind* Policy::find_event_kind(std::string_view id) const {
  for (const auto& kind : event_kinds_)
    if (kind.id == id) return &kind;
  return nullptr;
}

std::string_view Policy::role_title(std::string_view role_id) const {
  for (const auto& r : roles_)
    if (r.id == role_id) return r.title;
  return role_id;
}

}  // namespace waymark
