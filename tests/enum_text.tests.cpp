// Every enum written as words reads back as itself, and its words are the ones stored in policies,
// records and saved sessions: changing one would make older files unreadable.
#include <waymark/enum_text.h>
#include <waymark/error.h>
#include <waymark/ladder.h>
#include <waymark/outcome.h>
#include <waymark/policy.h>
#include <waymark/session.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace waymark;

namespace {

template <WordedEnum Enum>
std::vector<std::string> words_round_trip() {
  std::vector<std::string> words;
  for (const auto& [value, word] : EnumWords<Enum>::table) {
    CHECK(to_string(value) == word);
    CHECK(parse<Enum>(word) == value);
    words.emplace_back(word);
  }
  CHECK_FALSE(parse<Enum>("no such word").has_value());
  return words;
}

}  // namespace

TEST_CASE("enum words read back as their values, spelled as files store them", "[enum]") {
  using Words = std::vector<std::string>;
  CHECK(words_round_trip<QuestionKind>() == Words{"yes_no", "choice", "multi_choice", "number", "date", "text"});
  CHECK(words_round_trip<ActionKind>() == Words{"step", "prohibition", "flag"});
  CHECK(words_round_trip<Judgement>() == Words{"accept", "adapt", "decline"});
  CHECK(words_round_trip<HistoryEntry::Kind>() == Words{"answered", "changed", "dropped", "undone"});
  CHECK(words_round_trip<OutcomeGroup>() == Words{"do_now", "also_recommended", "keep_in_mind"});
  CHECK(words_round_trip<NoAnswer>() == Words{"", "not_answered", "not_asked"});
  CHECK(words_round_trip<Reasons>() == Words{"include", "omit", "on_demand"});
  CHECK(words_round_trip<LadderState>() == Words{"done", "current", "next"});
  CHECK(words_round_trip<Severity>() == Words{"error", "warning", "note"});
  CHECK(words_round_trip<ValueType>().front() == "yes/no");
  // Evaluated at compile time too: the tables are constexpr.
  static_assert(parse<Judgement>("adapt") == Judgement::adapt);
  static_assert(to_string(OutcomeGroup::keep_in_mind) == "keep_in_mind");
}
