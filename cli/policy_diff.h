// What changed between two versions of a policy, in words a board reads.
#pragma once

#include <waymark/waymark.h>

#include <string>
#include <vector>

namespace waymark::cli {

struct PolicyChanges {
  // Grouped under headings ("Questions", "Actions", ...), each line one change.
  std::vector<std::pair<std::string, std::vector<std::string>>> sections;
  // The content differs (formatting and comments do not count).
  bool content_changed = false;
  // What the policy advises changed: a condition, an owner, an urgency, a kind, the options, or
  // a question, fact or action added or removed (semantic versioning: not a PATCH change).
  std::vector<std::string> meaning_changes;
  bool empty() const { return sections.empty(); }
};

PolicyChanges diff_policies(const Policy& old_policy, const Policy& new_policy);

// Compares dotted version numbers part by part, numerically where both parts are numbers:
// negative if a < b, 0 if equal, positive if a > b.
int compare_versions(const std::string& a, const std::string& b);

// True when `after` is `before` with only its third (PATCH) number raised: 1.2.3 -> 1.2.4.
bool patch_bump_only(const std::string& before, const std::string& after);

}  // namespace waymark::cli
