// A stored case as a timeline: what the case page and `waymark case show` draw.
#include <waymark/error.h>
#include <waymark/record.h>
#include <waymark/record_session.h>
#include <waymark/store.h>

#include <algorithm>
#include <string>
#include <vector>

namespace waymark {

TimelineData case_timeline(const std::string& reference, const std::vector<StoredEvent>& events,
                           const std::vector<ChainEntry>& entries, const std::vector<TrackedAction>& open, Date today) {
  TimelineData data;
  data.title = "Case " + reference;
  data.today = today;
  for (const StoredEvent& se : events) data.events.push_back({se.event, se.id, se.supersedes, se.superseded_by});
  for (const TrackedAction& a : open)
    if (a.case_reference == reference) data.actions.push_back({a.action_id, a.text, a.due});
  // Each policy's latest walk-through's windows: what its conditions counted when it was filed (a
  // CQC walk-through's refusals and a children's one's engagement plan, side by side). A damaged
  // record draws none (`waymark verify` reports it); the events are still shown.
  std::vector<std::string> policies_seen;
  std::vector<std::vector<CountedWindow>> latest;  // newest record first
  for (auto entry = entries.rbegin(); entry != entries.rend(); ++entry) {
    if (entry->kind != "record" || entry->body.empty()) continue;
    try {
      const std::string policy = record_policy(entry->body).id;
      if (std::find(policies_seen.begin(), policies_seen.end(), policy) != policies_seen.end()) continue;
      policies_seen.push_back(policy);
      latest.push_back(record_timeline(entry->body).windows);
    } catch (const RecordError&) {
    }
  }
  for (auto windows = latest.rbegin(); windows != latest.rend(); ++windows)
    for (CountedWindow& w : *windows)
      if (std::find(data.windows.begin(), data.windows.end(), w) == data.windows.end())
        data.windows.push_back(std::move(w));
  return data;
}

TimelineData case_timeline(const Store& store, const std::string& reference, Date today) {
  return case_timeline(reference, store.events(reference), store.entries(reference), store.open_actions(reference), today);
}

}  // namespace waymark
