// A condition (an action's `when`) over a policy with a question of every kind, a fact and the
// chronology: compiled (or refused with its position), then evaluated with every question
// answered, and with none.
#include "fuzz_support.h"

#include <cstdio>
#include <string>

namespace {

const std::string policy_start = R"([policy]
id = "fuzz-conditions"
title = "Conditions"
version = "1.0.0"
owner = "Fuzz"
applies_to = "fuzzing"
effective = 2026-01-01
review_by = 2030-01-01
sources = ["fuzz"]

[roles]
worker = "Worker"

[[question]]
id = "risk"
text = "Risk?"
help = "h"
kind = "yes_no"
source = "s"

[[question]]
id = "kind"
text = "Which?"
help = "h"
kind = "choice"
options = [{ id = "one", text = "One" }, { id = "two", text = "Two" }]
source = "s"

[[question]]
id = "tried"
text = "Tried?"
help = "h"
kind = "multi_choice"
options = [{ id = "calls", text = "Calls" }, { id = "visits", text = "Visits" }]
source = "s"

[[question]]
id = "count"
text = "How many?"
help = "h"
kind = "number"
source = "s"

[[question]]
id = "when"
text = "When?"
help = "h"
kind = "date"
source = "s"

[[question]]
id = "note"
text = "Note?"
help = "h"
kind = "text"
source = "s"

[[action]]
id = "fuzzed"
kind = "step"
text = "Act."
owner = "worker"
urgency = "immediate"
why = "w"
source = "s"
when = ')";

// `text` as the inside of a TOML basic string.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      char escape[8];
      std::snprintf(escape, sizeof(escape), "\\u%04X", static_cast<unsigned char>(c));
      out += escape;
    } else {
      out += c;
    }
  }
  return out + "\"\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace waymark;
  std::string policy_text = policy_start;
  policy_text.pop_back();  // the quote: the condition goes in as an escaped basic string
  policy_text += quoted(fuzz::as_text(data, size));
  const LoadResult loaded = try_load_policy_text(policy_text, "conditions.toml");
  for (const Diagnostic& diagnostic : loaded.diagnostics) (void)diagnostic.format();
  if (!loaded) return 0;
  try {
    Session unanswered(loaded.policy, *Date::from_ymd(2026, 11, 25));
    (void)unanswered.outcome();
    Session answered(loaded.policy, *Date::from_ymd(2026, 11, 25));
    fuzz::walk_to_record(answered);
  } catch (const Error&) {
  }
  return 0;
}
