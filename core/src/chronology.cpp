#include <waymark/chronology.h>

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
