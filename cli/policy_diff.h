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
  bool empty() const { return sections.empty(); }
};

PolicyChanges diff_policies(const Policy& old_policy, const Policy& new_policy);

// Compares dotted version numbers part by part, numerically where both parts are numbers:
// negative if a < b, 0 if equal, positive if a > b.
int compare_versions(const std::string& a, const std::string& b);

}  // namespace waymark::cli
