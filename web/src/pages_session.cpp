// The list of policies, the start page, one question per page, and "check your answers".
#include "html.h"
#include "pages.h"

#include <waymark/answer.h>

#include <fmt/format.h>

#include <algorithm>

namespace waymark::web {

namespace {

std::string question_path(std::string_view base, const Question& question) {
  return fmt::format("{}/questions/{}", base, question.id);
}

QuestionForm form_from_answer(const Question& question, const Answer* answer) {
  QuestionForm form;
  if (!answer) return form;
  switch (question.kind) {
    case QuestionKind::yes_no: form.value = answer->yes ? "yes" : "no"; break;
    case QuestionKind::choice: form.value = answer->choice; break;
    case QuestionKind::multi_choice:
      form.ticked = answer->choices.empty() ? std::vector<std::string>{"none"} : answer->choices;
      break;
    case QuestionKind::number:
    case QuestionKind::text: form.value = describe_answer(question, *answer); break;
    case QuestionKind::date: {
      const std::string iso = answer->date.iso();
      form.year = iso.substr(0, 4);
      form.month = iso.substr(5, 2);
      form.day = iso.substr(8, 2);
      break;
    }
  }
  return form;
}

enum class Pick { one, any };

// One GOV.UK radio (`govuk-radios__item`) or checkbox (`govuk-checkboxes__item`). An exclusive
// checkbox ("None of these") unticks the others, with GOV.UK Frontend's script.
std::string choice_item(std::string_view value, std::string_view label, bool checked, int index, Pick pick,
                        bool exclusive = false) {
  const std::string id = index == 0 ? "answer" : fmt::format("answer-{}", index);
  const std::string_view family = pick == Pick::one ? "radios" : "checkboxes";
  const std::string_view type = pick == Pick::one ? "radio" : "checkbox";
  return fmt::format(
      "<div class=\"govuk-{0}__item\"><input class=\"govuk-{0}__input\" id=\"{1}\" name=\"answer\" type=\"{5}\" "
      "value=\"{2}\"{3}{6}><label class=\"govuk-label govuk-{0}__label\" for=\"{1}\">{4}</label></div>\n",
      family, id, escape(value), checked ? " checked" : "", escape(label), type,
      exclusive ? " data-behaviour=\"exclusive\"" : "");
}

// Screen readers read the error message with the field it is about.
std::string_view described_by(std::string_view error) {
  return error.empty() ? "" : " aria-describedby=\"answer-error\"";
}

std::string fieldset(const Question& question, std::string_view hint, std::string_view error, std::string_view inner) {
  return fmt::format(
      "<fieldset class=\"govuk-fieldset\"{}><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--l\">"
      "<h1 class=\"govuk-fieldset__heading\">{}</h1></legend>\n{}{}{}</fieldset>\n",
      described_by(error), escape(question.text), hint, error, inner);
}

std::string answer_field(const Question& question, const QuestionForm& form) {
  const std::string error = form.error.empty() ? "" : error_message("answer-error", form.error) + "\n";
  const auto label_heading = [&](std::string_view input) {
    return fmt::format(
        "<h1 class=\"govuk-label-wrapper\"><label class=\"govuk-label govuk-label--l\" "
        "for=\"answer\">{}</label></h1>\n{}{}",
        escape(question.text), error, input);
  };
  std::string inner;
  int index = 0;
  switch (question.kind) {
    case QuestionKind::yes_no:
      inner = choice_item("yes", "Yes", form.value == "yes", 0, Pick::one) +
              choice_item("no", "No", form.value == "no", 1, Pick::one);
      return fieldset(question, "", error, "<div class=\"govuk-radios govuk-radios--inline\">" + inner + "</div>");
    case QuestionKind::choice:
      for (const auto& option : question.options)
        inner += choice_item(option.id, option.text, form.value == option.id, index++, Pick::one);
      return fieldset(question, "", error, "<div class=\"govuk-radios\">" + inner + "</div>");
    case QuestionKind::multi_choice: {
      const auto ticked = [&](std::string_view id) { return std::ranges::find(form.ticked, id) != form.ticked.end(); };
      for (const auto& option : question.options)
        inner += choice_item(option.id, option.text, ticked(option.id), index++, Pick::any);
      inner += "<div class=\"govuk-checkboxes__divider\">or</div>\n" +
               choice_item("none", "None of these", ticked("none"), index++, Pick::any, true);
      return fieldset(question, "<div class=\"govuk-hint\">Select all that apply.</div>\n", error,
                      "<div class=\"govuk-checkboxes\" data-module=\"govuk-checkboxes\">" + inner + "</div>");
    }
    case QuestionKind::number:
      return label_heading(
          fmt::format("<input class=\"govuk-input govuk-input--width-5\" id=\"answer\" name=\"answer\" type=\"text\" "
                      "inputmode=\"decimal\" value=\"{}\"{}>\n",
                      escape(form.value), described_by(form.error)));
    case QuestionKind::date: {
      const auto part = [&](std::string_view name, std::string_view label, const std::string& value, int width) {
        return fmt::format(
            "<div class=\"govuk-date-input__item\"><label class=\"govuk-label govuk-date-input__label\" "
            "for=\"answer{}\">{}</label>"
            "<input class=\"govuk-input govuk-input--width-{}\" id=\"answer{}\" name=\"answer-{}\" type=\"text\" "
            "inputmode=\"numeric\" value=\"{}\"></div>",
            name == "day" ? "" : fmt::format("-{}", name), label, width, name == "day" ? "" : fmt::format("-{}", name),
            name, escape(value));
      };
      inner =
          part("day", "Day", form.day, 2) + part("month", "Month", form.month, 2) + part("year", "Year", form.year, 4);
      return fieldset(question, "<div class=\"govuk-hint\">For example, 27 3 2026</div>\n", error,
                      "<div class=\"govuk-date-input\">" + inner + "</div>");
    }
    case QuestionKind::text:
      return label_heading(
          fmt::format("<textarea class=\"govuk-textarea\" id=\"answer\" name=\"answer\" rows=\"5\" "
                      "maxlength=\"{}\"{}>{}</textarea>\n",
                      max_text_answer, described_by(form.error), escape(form.value)));
  }
  return {};
}

}  // namespace

std::string policy_path(std::string_view policy_id) { return fmt::format("/policies/{}", policy_id); }

std::string walk_path(std::string_view policy_id, std::string_view walk_id) {
  return fmt::format("/policies/{}/walks/{}", policy_id, walk_id);
}

std::string policy_list_page(const PolicyRegistry& registry, Date today) {
  std::string rows;
  for (const auto& entry : registry.policies()) {
    const PolicyInfo& info = entry.policy->info();
    const bool overdue = entry.policy->overdue_for_review(today);
    rows += fmt::format(
        "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
        "href=\"{}\">{}</a>{}{}</td>"
        "<td class=\"govuk-table__cell\">{}</td><td class=\"govuk-table__cell\">{}</td><td class=\"govuk-table__cell "
        "waymark-nowrap\">{}</td></tr>\n",
        policy_path(info.id), escape(info.title),
        overdue ? " <strong class=\"govuk-tag govuk-tag--red\">Overdue for review</strong>" : "",
        entry.policy->in_force(today) ? "" : " <strong class=\"govuk-tag govuk-tag--grey\">Not yet in force</strong>",
        escape(info.version), escape(info.owner), info.review_by.iso());
  }
  if (rows.empty())
    rows = "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\" colspan=\"4\">No policies found.</td></tr>";
  return layout("Policies",
                fmt::format("<h1 class=\"govuk-heading-l\">Choose a policy</h1>\n<table class=\"govuk-table\"><caption "
                            "class=\"govuk-visually-hidden\">Policies</caption>"
                            "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" "
                            "class=\"govuk-table__header\">Policy</th>"
                            "<th scope=\"col\" class=\"govuk-table__header\">Version</th><th scope=\"col\" "
                            "class=\"govuk-table__header\">Owner</th>"
                            "<th scope=\"col\" class=\"govuk-table__header\">Review by</th></tr></thead>\n<tbody "
                            "class=\"govuk-table__body\">\n{}</tbody></table>\n",
                            rows));
}

namespace {

// The browser's walk-throughs of this policy, each with a link to carry on.
std::string walks_table(const std::string& policy_id, const std::vector<SessionLink>& walks) {
  if (walks.empty()) return {};
  std::string rows;
  for (const auto& walk : walks) {
    const Session& session = *walk.session;
    const std::string reference = session.case_reference().empty() ? "No case reference" : session.case_reference();
    const bool finished = session.is_complete();
    rows += fmt::format(
        "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">{}</td><td class=\"govuk-table__cell\">{}</td>"
        "<td class=\"govuk-table__cell\">{}</td><td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
        "href=\"{}/{}\">{}"
        "<span class=\"govuk-visually-hidden\"> ({})</span></a></td></tr>\n",
        escape(reference), session.date().iso(),
        finished ? "<strong class=\"govuk-tag govuk-tag--green\">Answered</strong>"
                 : "<strong class=\"govuk-tag govuk-tag--blue\">In progress</strong>",
        walk_path(policy_id, walk.id), finished ? "outcome" : "next", finished ? "See the actions" : "Continue",
        escape(reference));
  }
  return fmt::format(
      "<h2 class=\"govuk-heading-m\">Your walk-throughs of this policy</h2>\n<table class=\"govuk-table\">"
      "<caption class=\"govuk-visually-hidden\">Your walk-throughs of this policy</caption><thead "
      "class=\"govuk-table__head\">"
      "<tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Case</th>"
      "<th scope=\"col\" class=\"govuk-table__header\">Started</th><th scope=\"col\" "
      "class=\"govuk-table__header\">Status</th>"
      "<th scope=\"col\" class=\"govuk-table__header\"><span "
      "class=\"govuk-visually-hidden\">Link</span></th></tr></thead>\n"
      "<tbody class=\"govuk-table__body\">\n{}</tbody></table>\n"
      "<p class=\"govuk-body\">Starting again below starts a new walk-through beside these: they are kept.</p>\n",
      rows);
}

}  // namespace

namespace {

// A GOV.UK text input with its label, hint and error message.
std::string start_field(std::string_view id, std::string_view label, std::string_view hint, std::string_view value,
                        std::string_view error, std::string_view width) {
  const std::string error_id = fmt::format("{}-error", id);
  return fmt::format(
      "<div class=\"govuk-form-group{}\"><label class=\"govuk-label\" for=\"{}\">{}</label>"
      "<div class=\"govuk-hint\" id=\"{}-hint\">{}</div>{}"
      "<input class=\"govuk-input {}{}\" id=\"{}\" name=\"{}\" type=\"text\" aria-describedby=\"{}-hint{}\" "
      "autocomplete=\"off\" value=\"{}\"></div>\n",
      error.empty() ? "" : " govuk-form-group--error", id, label, id, hint, error_message(error_id, error), width,
      error.empty() ? "" : " govuk-input--error", id, id, id, error.empty() ? "" : " " + error_id, escape(value));
}

}  // namespace

std::string start_page(const Policy& policy, const std::vector<SessionLink>& walks, std::string_view csrf,
                       const StartForm& form) {
  const PolicyInfo& info = policy.info();
  const std::string path = policy_path(info.id);
  std::vector<FieldError> errors;
  if (!form.case_error.empty()) errors.push_back({"#case", form.case_error});
  if (!form.date_error.empty()) errors.push_back({"#date", form.date_error});
  if (!form.role_error.empty()) errors.push_back({"#role", form.role_error});
  return layout(
      errors.empty() ? info.title : "Error: " + info.title,
      fmt::format("{}<h1 class=\"govuk-heading-l\">{}</h1>\n<p class=\"govuk-body\">{}</p>\n<p "
                  "class=\"govuk-body\">Applies to: {}</p>\n"
                  "<p class=\"govuk-body-s\">Version {}, owned by {}, review by {}.</p>\n{}"
                  "<form method=\"post\" action=\"{}/start\" novalidate>{}\n{}{}{}"
                  "<button type=\"submit\" class=\"govuk-button govuk-button--start\">{}</button></form>\n",
                  error_summary(errors), escape(info.title), escape(info.summary), escape(info.applies_to),
                  escape(info.version), escape(info.owner), info.review_by.iso(), walks_table(info.id, walks), path,
                  csrf_field(csrf),
                  start_field("case", "Case reference (optional)", "A pseudonymous reference only, never a name.",
                              form.case_reference, form.case_error, "govuk-input--width-20"),
                  start_field("date", "Session date (optional)",
                              "Leave it blank for today. For a past incident, the date it happened, for example "
                              "2026-11-03: due dates count from it.",
                              form.date, form.date_error, "govuk-input--width-10"),
                  start_field("role", "Your role (optional)",
                              "A role such as social_worker or care_staff, never your name. The record says the "
                              "walk-through was completed by this role.",
                              form.role, form.role_error, "govuk-input--width-20"),
                  walks.empty() ? "Start now" : "Start a new walk-through"),
      "/");
}

std::string question_page(const Session& session, std::string_view base, const Question& question,
                          std::string_view csrf, bool from_check, const QuestionForm& form) {
  const QuestionForm shown = form.error.empty() ? form_from_answer(question, session.answer_of(question.id)) : form;
  const Question* previous = session.previous_question(&question);
  const std::string back = from_check ? std::string(base) + "/check"
                           : previous ? question_path(base, *previous)
                                      : policy_path(session.policy().id());
  std::string help;
  if (!question.help.empty() || !question.source.empty() || !question.cites.empty())
    help = fmt::format(
        "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\"><span "
        "class=\"govuk-details__summary-text\">"
        "Why am I asked this?</span></summary><div class=\"govuk-details__text\"><p class=\"govuk-body\">{}</p>"
        "{}<p class=\"govuk-body-s\">Source: {}</p></div></details>\n",
        escape(question.help), quotes_html(session.policy(), question.cites), escape(question.source));
  // Numbered as the terminal numbers it; "of about": the questions the answers so far do not rule out.
  const std::size_t number = session.question_number(question);
  const std::string caption =
      fmt::format("<p class=\"govuk-body-s\" id=\"progress\">Question {} of about {}</p>\n", number,
                  std::max(number, session.questions_expected())) +
      (question.section.empty() ? ""
                                : fmt::format("<span class=\"govuk-caption-l\">{}</span>\n", escape(question.section)));
  return layout(
      form.error.empty() ? question.text : "Error: " + question.text,
      fmt::format(
          "{}{}<form method=\"post\" action=\"{}\" novalidate>{}{}\n<div class=\"govuk-form-group{}\">\n{}</div>\n{}"
          "<button type=\"submit\" class=\"govuk-button\">Continue</button></form>\n",
          error_summary(form.error.empty() ? std::vector<FieldError>{}
                                           : std::vector<FieldError>{{"#answer", form.error}}),
          caption, question_path(base, question), csrf_field(csrf),
          from_check ? "<input type=\"hidden\" name=\"return\" value=\"check\">" : "",
          form.error.empty() ? "" : " govuk-form-group--error", answer_field(question, shown), help),
      back);
}

std::string check_page(const Session& session, std::string_view base) {
  std::string rows;
  std::string section;
  for (const Question* question : session.answered_questions()) {
    if (question->section != section) {
      section = question->section;
      if (!rows.empty()) rows += "</dl>\n";
      rows +=
          fmt::format("<h2 class=\"govuk-heading-m\">{}</h2>\n<dl class=\"govuk-summary-list\">\n", escape(section));
    } else if (rows.empty()) {
      rows += "<dl class=\"govuk-summary-list\">\n";
    }
    rows += summary_row(question->text, escape(describe_answer(*question, *session.answer_of(question->id))),
                        fmt::format("<a class=\"govuk-link\" href=\"{}?return=check\">Change<span "
                                    "class=\"govuk-visually-hidden\"> {}</span></a>",
                                    question_path(base, *question), escape(question->text)));
  }
  if (!rows.empty()) rows += "</dl>\n";
  const std::string path(base);
  const Question* last = session.previous_question(nullptr);
  return layout("Check your answers",
                fmt::format("<h1 class=\"govuk-heading-l\">Check your answers</h1>\n{}"
                            "<a class=\"govuk-button\" href=\"{}/outcome\">See the recommended actions</a>\n",
                            rows, path),
                last ? question_path(base, *last) : path);
}

std::string error_page(std::string_view title, std::string_view message) {
  return layout(
      title,
      fmt::format("<h1 class=\"govuk-heading-l\">{}</h1>\n<p class=\"govuk-body\">{}</p>\n"
                  "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to the list of policies</a></p>\n",
                  escape(title), escape(message)));
}

}  // namespace waymark::web
