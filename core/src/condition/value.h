// The runtime value of an expression. Internal: the public API speaks in Answers and Outcomes.
#pragma once

#include <waymark/policy.h>

#include <cstdint>
#include <string_view>

namespace waymark::detail {

// `unknown` is final (unanswered, not asked); `pending` exists only while lint searches
// answers and means "not chosen yet, could become anything". Conditions fire only on `true`.
enum class State : std::uint8_t { known, unknown, pending };

struct Value {
  State state = State::unknown;
  bool boolean = false;
  double number = 0;         // number
  std::int32_t integer = 0;  // option index, or date as days since epoch
  std::uint64_t bits = 0;    // option_set: chosen options
  std::uint64_t known = 0;   // option_set: which options are decided (all, outside lint's search)
  std::string_view text{};   // text; valid only during one evaluation

  bool is_true() const { return state == State::known && boolean; }
  bool is_false() const { return state == State::known && !boolean; }

  static Value unknown() { return {}; }
  static Value pending() { return of_state(State::pending); }
  static Value of_state(State s) {
    Value v;
    v.state = s;
    return v;
  }
  static Value of_bool(bool b) {
    Value v;
    v.state = State::known;
    v.boolean = b;
    return v;
  }
  static Value of_number(double n) {
    Value v;
    v.state = State::known;
    v.number = n;
    return v;
  }
  static Value of_integer(std::int32_t i) {
    Value v;
    v.state = State::known;
    v.integer = i;
    return v;
  }
  static Value of_text(std::string_view t) {
    Value v;
    v.state = State::known;
    v.text = t;
    return v;
  }
  static Value of_set(std::uint64_t bits, std::uint64_t known) {
    Value v;
    v.state = State::known;
    v.bits = bits;
    v.known = known;
    return v;
  }
};

// The weaker of two non-known states: pending wins, because it may still become anything.
inline State merge_unknown(State a, State b) {
  return (a == State::pending || b == State::pending) ? State::pending : State::unknown;
}

}  // namespace waymark::detail
