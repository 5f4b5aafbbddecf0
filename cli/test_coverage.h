// What a policy's scenario tests leave unexercised: questions never answered, options never
// chosen, actions never recommended, notes never shown.
#pragma once

#include <waymark/waymark.h>

#include <set>
#include <string>
#include <vector>

namespace waymark::cli {

class Coverage {
 public:
  // Records one scenario's answers and the actions its outcome recommends.
  void add(const std::vector<IndexedAnswer>& answers, const Outcome& outcome);
  // One line per thing no scenario exercises, e.g. "option 'q = other' is never chosen".
  std::vector<std::string> gaps(const Policy& policy) const;

 private:
  std::set<std::string> questions_, options_, actions_, notes_, steps_at_, next_steps_;
};

}  // namespace waymark::cli
