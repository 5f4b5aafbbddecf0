#include "refusal_functions.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <iterator>
#include <map>
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

// The first day of the `days` days ending on the session date.
plugin::Days window_start(const plugin::Context& context, double days) {
  return {context.today.since_epoch - static_cast<std::int32_t>(days) + 1};
}

bool in_window(const plugin::Context& context, const plugin::Event& e, double days) {
  const std::int32_t today = context.today.since_epoch;
  return e.date.since_epoch <= today && e.date.since_epoch > today - static_cast<std::int32_t>(days);
}

// A note is bare unless it shows one of the things the source's Step 1 and Step 2 ask the
// record to hold. These are signs, not proof: a word here means the note says more than
// "refused personal care", which is all the check is for (docs/authoring.md lists them).
// An approach, or an alternative tried (Step 2: returning later, choice, other wording or staff).
constexpr std::string_view approach_words[] = {
    "reoffered", "reoffer",  "returned",   "return",      "retried",      "tried",     "try",         "attempted",
    "attempt",   "approach", "approached", "alternative", "alternatives", "later",     "minutes",     "mins",
    "choice",    "chose",    "options",    "explained",   "explanation",  "reassured", "reassurance", "encouraged",
    "prompted",  "prompt",   "prompting",  "wording",     "familiar",     "different", "another",     "colleague",
    "slower",    "quieter",  "calmly",     "gently",      "sequence",     "space"};
// How the person presented (Step 1: how they appeared, their words or gestures).
constexpr std::string_view presentation_words[] = {
    "appeared", "appears",  "seemed",     "looked",    "presented", "presentation", "calm",    "tense",   "anxious",
    "anxiety",  "distress", "distressed", "upset",     "agitated",  "angry",        "tearful", "crying",  "withdrawn",
    "low",      "mood",     "confused",   "confusion", "tired",     "sleepy",       "drowsy",  "pain",    "painful",
    "sore",     "unwell",   "frightened", "scared",    "afraid",    "fear",         "worried", "shouted", "shouting",
    "pushed",   "turned",   "gestured",   "shook",     "said",      "says",         "stated",  "told",    "replied",
    "words",    "body",     "settled",    "relaxed",   "happy",     "cheerful",     "quiet",   "restless"};
// A trigger (Step 1: tiredness, pain, distress or environmental discomfort; Ex2: timing, side
// effects).
constexpr std::string_view trigger_words[] = {
    "because", "due",    "trigger", "triggered", "cold",       "hot",     "noise",  "noisy",   "loud",     "busy",
    "privacy", "rushed", "late",    "timing",    "hungry",     "thirsty", "toilet", "visitor", "visitors", "asleep",
    "wanted",  "wants",  "prefers", "preferred", "preference", "too",     "side",   "effects", "taste"};
// Words that undo a following approach or trigger word: "no alternative tried", "no obvious
// trigger".
constexpr std::string_view negations[] = {"no", "not", "nothing", "without", "none", "never", "didn", "unable"};

template <std::size_t n>
bool is_one_of(const std::string& word, const std::string_view (&list)[n]) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

std::vector<std::string> words_of(std::string_view note) {
  std::vector<std::string> words(1);
  for (char c : note) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u))
      words.back() += static_cast<char>(std::tolower(u));
    else if (c != '-' && !words.back().empty())  // "re-offered" is one word
      words.emplace_back();
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

}  // namespace

double events_within(plugin::Context context, std::string_view kind, double days) {
  whole(days, 1, 3660, "days");
  double n = 0;
  for (const auto& e : context.events()) n += e.kind == kind && in_window(context, e, days);
  context.counted(kind, window_start(context, days), context.today, n);
  return n;
}

double refusals_same_time_of_day(plugin::Context context, std::string_view kind, double days, double window_minutes) {
  whole(days, 1, 3660, "days");
  whole(window_minutes, 0, 720, "window_minutes");
  std::vector<std::pair<int, std::int32_t>> timed;  // minute of day, date
  for (const auto& e : context.events())
    if (e.kind == kind && e.minute_of_day >= 0 && in_window(context, e, days))
      timed.emplace_back(e.minute_of_day, e.date.since_epoch);
  std::sort(timed.begin(), timed.end());
  // Widest run of sorted times spanning at most the window, counting the days it covers (times
  // either side of midnight are not joined: refusals cluster around care routines, not across
  // them).
  std::map<std::int32_t, int> days_in_run;
  std::size_t best = 0;
  for (std::size_t lo = 0, hi = 0; hi < timed.size(); ++hi) {
    ++days_in_run[timed[hi].second];
    for (; timed[hi].first - timed[lo].first > window_minutes; ++lo)
      if (--days_in_run[timed[lo].second] == 0) days_in_run.erase(timed[lo].second);
    best = std::max(best, days_in_run.size());
  }
  context.counted(kind, window_start(context, days), context.today, static_cast<double>(best));
  return static_cast<double>(best);
}

bool bare_refusal_note(std::string_view note) {
  const std::vector<std::string> words = words_of(note);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    const bool negated =
        (i >= 1 && is_one_of(words[i - 1], negations)) || (i >= 2 && is_one_of(words[i - 2], negations));
    if (is_one_of(word, presentation_words)) {
      // "said no" only restates the refusal.
      if (!(i + 1 < words.size() && words[i + 1] == "no")) return false;
    } else if ((is_one_of(word, approach_words) || is_one_of(word, trigger_words)) && !negated) {
      return false;
    }
  }
  return true;
}

double bare_refusal_notes(plugin::Context context, std::string_view kind, double days) {
  whole(days, 1, 3660, "days");
  double n = 0;
  for (const auto& e : context.events())
    n += e.kind == kind && in_window(context, e, days) && bare_refusal_note(e.note);
  context.counted(kind, window_start(context, days), context.today, n);
  return n;
}

}  // namespace waymark::cqc
