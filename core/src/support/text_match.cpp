#include "text_match.h"

#include <waymark/closest_match.h>

#include <algorithm>
#include <vector>

namespace waymark::detail {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

void ClosestMatch::consider(std::string_view candidate) {
  const std::size_t d = edit_distance(typed_, candidate);
  if (d < best_distance_) {
    best_distance_ = d;
    best_ = candidate;
  }
}

}  // namespace waymark::detail

namespace waymark {

std::string closest_match(std::string_view typed, const std::vector<std::string>& candidates) {
  detail::ClosestMatch match(typed);
  for (const auto& candidate : candidates) match.consider(candidate);
  return match.best();
}

}  // namespace waymark
