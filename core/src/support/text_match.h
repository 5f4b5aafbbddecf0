// Suggesting the name a user probably meant.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace waymark::detail {

std::size_t edit_distance(std::string_view a, std::string_view b);

// Keeps the candidate closest to `typed` (within a small distance), for "did you mean" hints.
class ClosestMatch {
 public:
  explicit ClosestMatch(std::string_view typed) : typed_(typed) {}
  void consider(std::string_view candidate);
  // Empty when nothing was close enough.
  const std::string& best() const { return best_; }

 private:
  std::string_view typed_;
  std::string best_;
  std::size_t best_distance_ = 3;
};

}  // namespace waymark::detail
