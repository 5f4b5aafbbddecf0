#include <waymark/chronology.h>

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace waymark {

namespace {

// Untimed events sort before timed ones on the same day.
bool earlier(const Event& a, const Event& b) {
  const auto minute = [](const Event& e) { return e.minute_of_day.value_or(-1); };
  return std::make_tuple(a.date.days_since_epoch(), minute(a)) < std::make_tuple(b.date.days_since_epoch(), minute(b));
}

}  // namespace

bool is_event_kind(std::string_view kind) {
  return !kind.empty() && std::all_of(kind.begin(), kind.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::optional<std::int32_t> parse_time_of_day(std::string_view text) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(text[0]) || !digit(text[1]) || !digit(text[3]) || !digit(text[4]))
    return std::nullopt;
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

std::string format_time_of_day(std::int32_t minute_of_day) {
  return fmt::format("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60);
}

Chronology::Chronology(std::vector<Event> events) : events_(std::move(events)) {
  std::stable_sort(events_.begin(), events_.end(), earlier);
}

void Chronology::add(Event event) {
  const auto at = std::upper_bound(events_.begin(), events_.end(), event, earlier);
  events_.insert(at, std::move(event));
}

std::size_t Chronology::count(std::string_view kind, Date from, Date to) const {
  return static_cast<std::size_t>(std::count_if(events_.begin(), events_.end(), [&](const Event& e) {
    return e.kind == kind && !(e.date < from) && !(to < e.date);
  }));
}

const Event* Chronology::last(std::string_view kind, Date on) const {
  for (auto it = events_.rbegin(); it != events_.rend(); ++it)
    if (it->kind == kind && !(on < it->date)) return &*it;
  return nullptr;
}

}  // namespace waymark
