// A reason an action fired, and what would change the advice, in a practitioner's words. One
// wording for every place reasons are shown (`waymark explain`, records, Python, the web page), so
// they never disagree.
#include <fmt/format.h>
#include <waymark/outcome.h>
#include <waymark/what_would_change.h>

namespace waymark {

namespace {

// `"A"`, `"A" and "B"`, `"A", "B" and "C"` (or "or" for options that were not chosen).
std::string quoted_list(const std::vector<std::string_view>& items, std::string_view last_joiner) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? fmt::format(" {} ", last_joiner) : std::string(", ");
    out += fmt::format("\"{}\"", items[i]);
  }
  return out;
}

}  // namespace

std::string because_words(const Because& b) {
  if (b.is_fact) return fmt::format("\"{}\" is {}", b.text, b.value);
  switch (b.no_answer) {
    case NoAnswer::not_answered: return fmt::format("\"{}\" was not answered", b.text);
    case NoAnswer::not_asked: return fmt::format("\"{}\" was not asked (it did not apply)", b.text);
    case NoAnswer::none: break;
  }
  // A multiple-choice answer where single options decided it: those options, not the whole answer
  // (though when the deciding options were all left out, what was chosen instead follows).
  if (b.not_chosen.empty() && !b.chosen.empty())
    return fmt::format("you chose {} in answer to \"{}\"", quoted_list(b.chosen, "and"), b.text);
  if (!b.not_chosen.empty() && !b.chosen.empty())
    return fmt::format("you chose {} but not {} in answer to \"{}\"", quoted_list(b.chosen, "and"),
                       quoted_list(b.not_chosen, "or"), b.text);
  if (!b.not_chosen.empty())
    return fmt::format("you did not choose {} in answer to \"{}\": you chose \"{}\"", quoted_list(b.not_chosen, "or"),
                       b.text, b.value);
  return fmt::format("you answered \"{}\" to \"{}\"", b.value, b.text);
}

std::string because_sentence(const Because& b) {
  std::string where;
  if (!b.section.empty() && !b.source.empty())
    where = fmt::format(" ({}; source: {})", b.section, b.source);
  else if (!b.source.empty())
    where = fmt::format(" (source: {})", b.source);
  else if (!b.section.empty())
    where = fmt::format(" ({})", b.section);
  return because_words(b) + where;
}

std::string change_words(const CircumstanceChange& c) {
  if (c.kind == CircumstanceChange::Kind::events) {
    const std::string more = fmt::format("{} more \"{}\" event{} {} recorded", c.events_added, c.event_label,
                                         c.events_added == 1 ? "" : "s", c.events_added == 1 ? "was" : "were");
    if (!c.window) return more;
    const int days = c.window->to.days_since_epoch() - c.window->from.days_since_epoch() + 1;
    return fmt::format("{}, making {} in the {} day{} to {} (now {})", more, c.window->count, days,
                       days == 1 ? "" : "s", c.window->to.iso(), c.count_now);
  }
  switch (c.from_missing) {
    case NoAnswer::not_answered:
      return fmt::format("\"{}\" were answered \"{}\" (it is not answered yet)", c.question_text, c.to_words);
    case NoAnswer::not_asked:
      return fmt::format("\"{}\" were asked and answered \"{}\" (it is not asked now)", c.question_text,
                         c.to_words);
    case NoAnswer::none: break;
  }
  return fmt::format("the answer to \"{}\" were \"{}\" (it is \"{}\")", c.question_text, c.to_words, c.from_words);
}

std::string what_would_change_words(const WhatWouldChange& what) {
  switch (what.status) {
    case WhatIfStatus::found: {
      std::string out = what.recommended ? "Would no longer be recommended if " : "Would be recommended if ";
      for (std::size_t w = 0; w < what.ways.size(); ++w) {
        if (w > 0) out += "; or if ";
        for (std::size_t i = 0; i < what.ways[w].size(); ++i)
          out += (i == 0 ? "" : i + 1 == what.ways[w].size() ? " and " : ", ") + change_words(what.ways[w][i]);
      }
      return out + ".";
    }
    case WhatIfStatus::none:
      if (what.recommended && what.action && what.action->when.text() == "true")
        return "Recommended in every case: no change of answers removes it.";
      return fmt::format("No change of answers{} would {}.",
                         what.exhaustive ? "" : " or events among those tried",
                         what.recommended ? "remove it" : "make it recommended");
    case WhatIfStatus::not_worked_out: break;
  }
  return fmt::format("What would change this was not worked out: the search stopped after {} states.", what.states);
}

}  // namespace waymark
