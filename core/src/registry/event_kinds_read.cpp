#include <waymark/event_kinds_read.h>

#include <fmt/format.h>

#include <algorithm>

namespace waymark {

std::map<std::string, KnownEventKind> known_event_kinds(const PolicyRegistry& registry) {
  std::map<std::string, KnownEventKind> known;
  for (const auto& entry : registry.policies())
    for (const EventKind& kind : entry.policy->event_kinds()) {
      KnownEventKind& slot = known[kind.id];
      if (slot.label.empty()) slot.label = kind.label;
      if (std::find(slot.read_by.begin(), slot.read_by.end(), entry.policy->id()) == slot.read_by.end())
        slot.read_by.push_back(entry.policy->id());
    }
  return known;
}

std::size_t EventsRead::read_total() const {
  std::size_t total_read = 0;
  for (const auto& [_, count] : read) total_read += static_cast<std::size_t>(count);
  return total_read;
}

EventsRead events_read(const Policy& policy, const std::vector<Event>& events, const PolicyRegistry& all) {
  EventsRead result;
  result.total = events.size();
  const auto known = known_event_kinds(all);
  for (const Event& event : events) {
    if (policy.find_event_kind(event.kind))
      ++result.read[event.kind];
    else if (known.contains(event.kind))
      ++result.read_by_others[event.kind];
    else
      ++result.read_by_no_policy[event.kind];
  }
  return result;
}

std::string count_by_kind(const std::map<std::string, int>& counts) {
  std::string text;
  for (const auto& [kind, count] : counts) text += fmt::format("{}{} {}", text.empty() ? "" : ", ", count, kind);
  return text;
}

}  // namespace waymark
