// A stored case as a timeline: what the case page and `waymark case show` draw.
#include <waymark/error.h>
#include <waymark/record.h>
#include <waymark/store.h>

#include <algorithm>

namespace waymark {

TimelineData case_timeline(const std::string& reference, const std::vector<StoredEvent>& events,
                           const std::vector<ChainEntry>& entries, const std::vector<TrackedAction>& open, Date today) {
  TimelineData data;
  data.title = "Case " + reference;
  data.today = today;
  for (const StoredEvent& se : events) data.events.push_back({se.event, se.id, se.supersedes, se.superseded_by});
  for (const TrackedAction& a : open)
    if (a.case_reference == reference) data.actions.push_back({a.action_id, a.text, a.due});
  // The latest walk-through's windows: what its conditions counted when it was filed. A damaged
  // record draws none (`waymark verify` reports it); the events are still shown.
  const auto latest = std::find_if(entries.rbegin(), entries.rend(),
                                   [](const ChainEntry& e) { return e.kind == "record" && !e.body.empty(); });
  if (latest != entries.rend()) try {
      data.windows = record_timeline(latest->body).windows;
    } catch (const RecordError&) {
    }
  return data;
}

TimelineData case_timeline(const Store& store, const std::string& reference, Date today) {
  return case_timeline(reference, store.events(reference), store.entries(reference), store.open_actions(), today);
}

}  // namespace waymark
