/// Which of a case's events a policy reads: the chronology's vocabulary is the event kinds the
/// loaded policies declare in [event_kinds]; an event of another kind counts for nothing.
#pragma once

#include <waymark/chronology.h>
#include <waymark/export.h>
#include <waymark/policy_registry.h>

#include <map>
#include <string>
#include <vector>

namespace waymark {

/// A kind some loaded policy reads: its label and the ids of the policies that read it.
struct KnownEventKind {
  std::string label;
  std::vector<std::string> read_by;
};

/// Every kind a loaded policy declares in [event_kinds], by id.
WAYMARK_EXPORT std::map<std::string, KnownEventKind> known_event_kinds(const PolicyRegistry& registry);

/// How many of a chronology's events, by kind, one policy reads, and how many it does not.
struct WAYMARK_EXPORT EventsRead {
  std::size_t total = 0;
  std::map<std::string, int> read;                // kinds the policy reads
  std::map<std::string, int> read_by_others;      // kinds only other loaded policies read
  std::map<std::string, int> read_by_no_policy;   // kinds no loaded policy reads: misnamed?
  std::size_t read_total() const;
};

WAYMARK_EXPORT EventsRead events_read(const Policy& policy, const std::vector<Event>& events, const PolicyRegistry& all);

/// "2 medication_refusal, 1 personal_care_refusal".
WAYMARK_EXPORT std::string count_by_kind(const std::map<std::string, int>& counts);

}  // namespace waymark
