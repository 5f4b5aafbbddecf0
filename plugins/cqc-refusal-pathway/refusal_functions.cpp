#include "refusal_functions.h"

#include <algorithm>
#include <cctype>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace waymark::cqc {

namespace {

double whole(double value, double low, double high, const char* what) {
  if (value < low || value > high || std::floor(value) != value)
    throw std::invalid_argument(std::string(what) + " must be a whole number in range");
  return value;
}

bool in_window(const plugin::Context& context, const plugin::Event& e, double days) {
  const std::int32_t today = context.today.since_epoch;
  return e.date.since_epoch <= today && e.date.since_epoch > today - static_cast<std::int32_t>(days);
}

// Words that only restate a refusal. Anything else (a time, a feeling, an approach, a reason)
// means the note records more than the bare refusal.
constexpr std::array<std::string_view, 22> refusal_words = {
    "refused", "refuses", "refusing", "refusal", "declined", "declines", "declining", "personal", "care",
    "support",  "again",   "today",    "resident", "person",  "client",  "he",        "she",      "they",
    "has",      "had",     "all",      "the"};

}  // namespace

double events_within(plugin::Context context, std::string_view kind, double days) {
  whole(days, 1, 3660, "days");
  double n = 0;
  for (const auto& e : context.events()) n += e.kind == kind && in_window(context, e, days);
  return n;
}

double refusals_same_time_of_day(plugin::Context context, std::string_view kind, double window_minutes) {
  whole(window_minutes, 0, 720, "window_minutes");
  std::vector<int> minutes;
  for (const auto& e : context.events())
    if (e.kind == kind && e.minute_of_day >= 0 && e.date.since_epoch <= context.today.since_epoch)
      minutes.push_back(e.minute_of_day);
  std::sort(minutes.begin(), minutes.end());
  // Widest run of sorted times spanning at most the window (times either side of midnight are
  // not joined: refusals cluster around care routines, not across them).
  std::size_t best = 0;
  for (std::size_t lo = 0, hi = 0; hi < minutes.size(); ++hi) {
    while (minutes[hi] - minutes[lo] > window_minutes) ++lo;
    best = std::max(best, hi - lo + 1);
  }
  return static_cast<double>(best);
}

bool bare_refusal_note(std::string_view note) {
  std::string word;
  auto only_refusal = [&] {
    const bool ok = word.empty() || std::find(refusal_words.begin(), refusal_words.end(), word) != refusal_words.end();
    word.clear();
    return ok;
  };
  for (char c : note) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      word += static_cast<char>(std::tolower(u));
    } else if (!only_refusal()) {
      return false;
    }
  }
  return only_refusal();
}

double bare_refusal_notes(plugin::Context context, std::string_view kind, double days) {
  whole(days, 1, 3660, "days");
  double n = 0;
  for (const auto& e : context.events()) n += e.kind == kind && in_window(context, e, days) && bare_refusal_note(e.note);
  return n;
}

}  // namespace waymark::cqc
