// A synthetic policy of a chosen size, for measuring how the engine scales.
#pragma once

#include <string>

namespace waymark::bench {

// `questions` yes/no and choice questions (some asked only after earlier answers), `facts`
// derived facts, and `actions` actions whose conditions mix questions and facts.
std::string generated_policy(int questions, int actions, int facts = 20);

}  // namespace waymark::bench
