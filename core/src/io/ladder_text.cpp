// The ladder's words: its text alternative, the equivalent list for a page (GOV.UK's task list
// pattern) and the compact ladder for a terminal.
#include <fmt/format.h>
#include <waymark/ladder.h>
#include <waymark/xml_text.h>

namespace waymark {

namespace {

// "If the person continues to decline support, within the same shift": the trigger and the
// timescale of a step to come, whichever the source gives.
std::string when_words(const LadderStep& step) {
  std::string out = step.trigger;
  if (!step.timescale.empty()) out += (out.empty() ? "" : ". When: ") + step.timescale;
  return out;
}

}  // namespace

std::string ladder_summary(const Ladder& ladder) {
  const LadderStep& current = ladder.steps.at(ladder.current);
  std::string out = fmt::format("{}: the case is at step {} of {}, {}.", ladder.title, ladder.step_number,
                                ladder.step_count, current.title);
  std::string done, next;
  for (const LadderStep& s : ladder.steps) {
    if (s.state == LadderState::done) done += (done.empty() ? "" : "; ") + s.title;
    if (s.state == LadderState::next) {
      next += (next.empty() ? "" : "; then ") + s.title;
      if (const std::string when = when_words(s); !when.empty()) next += " (" + when + ")";
    }
  }
  if (!done.empty()) out += " Done: " + done + ".";
  out += next.empty() ? " It is the last step." : " If this continues: " + next + ".";
  return out;
}

std::string ladder_list_html(const Ladder& ladder) {
  std::string items;
  for (const LadderStep& s : ladder.steps) {
    std::string hint;
    if (s.state == LadderState::next) {
      if (const std::string when = when_words(s); !when.empty())
        hint += "<p class=\"govuk-body-s\">If this continues: " + xml_escaped(when) + "</p>";
      if (!s.actions.empty()) {
        hint += "<ul class=\"govuk-list govuk-list--bullet govuk-body-s\">";
        for (const std::string& a : s.actions) hint += "<li>" + xml_escaped(a) + "</li>";
        hint += "</ul>";
      }
    } else if (!s.trigger.empty()) {
      hint += "<p class=\"govuk-body-s\">Reached: " + xml_escaped(s.trigger) + "</p>";
    }
    if (!s.source.empty()) hint += "<p class=\"govuk-body-s\">Source: " + xml_escaped(s.source) + "</p>";
    // GOV.UK's task list: a done step's status is plain text, the others are tags.
    const char* status = s.state == LadderState::done ? "Done"
                         : s.state == LadderState::current
                             ? "<strong class=\"govuk-tag\">You are here</strong>"
                             : "<strong class=\"govuk-tag govuk-tag--grey\">Not yet</strong>";
    items += fmt::format(
        "<li class=\"govuk-task-list__item\" data-step=\"{}\" data-state=\"{}\"><div "
        "class=\"govuk-task-list__name-and-hint\"><div>{}</div><div class=\"govuk-task-list__hint\">{}</div></div><div "
        "class=\"govuk-task-list__status\">{}</div></li>\n",
        xml_escaped(s.id), to_string(s.state), xml_escaped(s.title), hint, status);
  }
  return "<ol class=\"govuk-task-list waymark-ladder-list\">\n" + items + "</ol>\n";
}

std::string ladder_html(const Ladder& ladder) {
  return fmt::format(
      "<figure class=\"waymark-ladder-figure\">\n{}<figcaption class=\"govuk-body\">{}</figcaption>\n</figure>\n{}",
      ladder_svg(ladder), xml_escaped(ladder_summary(ladder)), ladder_list_html(ladder));
}

std::string ladder_text(const Ladder& ladder) {
  std::string out = fmt::format("{}: step {} of {}\n", ladder.title, ladder.step_number, ladder.step_count);
  for (const LadderStep& s : ladder.steps) {
    const char* mark = s.state == LadderState::done ? "[x]" : s.state == LadderState::current ? "[>]" : "[ ]";
    out += fmt::format("  {} {}{}\n", mark, s.title, s.state == LadderState::current ? "   <- you are here" : "");
    if (s.state == LadderState::next)
      if (const std::string when = when_words(s); !when.empty())
        out += fmt::format("        if this continues: {}\n", when);
  }
  return out;
}

}  // namespace waymark
