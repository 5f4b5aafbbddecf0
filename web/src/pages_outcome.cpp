// The outcome (Do now, Also recommended, If this continues, Keep in mind; each action with the
// practitioner's judgement) and the record.
#include "html.h"
#include "pages.h"

#include <waymark/answer.h>
#include <waymark/build_info.h>
#include <waymark/ladder.h>
#include <waymark/timeline.h>
#include <waymark/what_would_change.h>

#include <fmt/format.h>

#include <utility>
#include <vector>

namespace waymark::web {

namespace {

std::string_view kind_tag(ActionKind kind) {
  switch (kind) {
    case ActionKind::prohibition: return "<strong class=\"govuk-tag govuk-tag--red\">Do not</strong> ";
    case ActionKind::flag: return "<strong class=\"govuk-tag govuk-tag--orange\">Flag</strong> ";
    case ActionKind::step: break;
  }
  return "";
}

std::string due_text(const Recommendation& recommendation) {
  const Action& action = *recommendation.action;
  std::string text = recommendation.due ? recommendation.due->iso() : action.urgency.label();
  if (!action.timescale.empty()) text += " (" + action.timescale + ")";
  return text;
}

// The same words as `waymark explain` (core because_words), as a sentence per reason.
std::string because_list(const Recommendation& recommendation) {
  if (recommendation.because.empty()) return {};
  std::string items;
  for (const auto& because : recommendation.because) {
    std::string words = because_words(because);
    if (!words.empty() && words[0] >= 'a' && words[0] <= 'z') words[0] = static_cast<char>(words[0] - 'a' + 'A');
    items += fmt::format("<li>{}</li>", escape(words));
  }
  return fmt::format("<ul class=\"govuk-list govuk-list--bullet\">{}</ul>", items);
}

std::string action_details(const Session& session, const Recommendation& recommendation) {
  const Action& action = *recommendation.action;
  std::string rows = summary_row("Owner", escape(session.policy().role_title(action.owner))) +
                     summary_row("Due", escape(due_text(recommendation)));
  rows += summary_row("Evidence to record", action.record.empty() ? "Not stated by the source" : escape(action.record));
  if (!action.why.empty()) rows += summary_row("Why", escape(action.why));
  if (!action.source.empty()) rows += summary_row("Source", escape(action.source));
  if (!action.cites.empty()) rows += summary_row("The source says", quotes_html(session.policy(), action.cites));
  if (!recommendation.because.empty()) rows += summary_row("Recommended because", because_list(recommendation));
  return "<dl class=\"govuk-summary-list\">\n" + rows + "</dl>\n";
}

std::string judgement_form(const Session& session, std::string_view base, const Action& action, std::string_view csrf,
                           std::string_view error) {
  const ActionJudgement* decision = session.judgement_for(action.id);
  std::string radios;
  int index = 0;
  for (const auto judgement : {Judgement::accept, Judgement::adapt, Judgement::decline}) {
    const std::string id = fmt::format("{}-judgement{}", action.id, index++ == 0 ? "" : fmt::format("-{}", index));
    const auto value = to_string(judgement);
    radios += fmt::format(
        "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"{0}\" name=\"judgement\" "
        "type=\"radio\" value=\"{1}\"{2}>"
        "<label class=\"govuk-label govuk-radios__label\" for=\"{0}\">{3}</label></div>",
        id, value, decision && decision->judgement == judgement ? " checked" : "",
        judgement == Judgement::accept  ? "Accept"
        : judgement == Judgement::adapt ? "Adapt"
                                        : "Decline");
  }
  const std::string error_html = error_message(action.id + "-judgement-error", error);
  return fmt::format(
      "<form method=\"post\" action=\"{}/actions/{}\" novalidate>{}<div class=\"govuk-form-group{}\">"
      "<fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Your "
      "judgement"
      "<span class=\"govuk-visually-hidden\"> on: {}</span></legend>"
      "{}<div class=\"govuk-radios govuk-radios--inline\">{}</div></fieldset>"
      "<label class=\"govuk-label\" for=\"{}-reason\">Reason (needed to adapt or decline)</label>"
      "<textarea class=\"govuk-textarea\" id=\"{}-reason\" name=\"reason\" rows=\"2\">{}</textarea></div>"
      "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\">Save judgement</button></form>\n",
      base, action.id, csrf_field(csrf), error.empty() ? "" : " govuk-form-group--error", escape(action.text),
      error_html, radios, action.id, action.id, decision ? escape(decision->reason) : "");
}

std::string notes_html(const Outcome& outcome) {
  if (outcome.notes.empty()) return {};
  std::string items;
  for (const Note* note : outcome.notes)
    items += fmt::format("<div class=\"govuk-inset-text\">{}<br><span class=\"govuk-body-s\">Source: {}</span></div>\n",
                         escape(note->text), escape(note->source));
  return "<h3 class=\"govuk-heading-s\" id=\"notes\">Notes from the policy</h3>\n" + items;
}

// "Where this case is": each pathway that applies as its ladder, the picture and the same in a
// list: the steps done, the current step, and what comes next if this continues (with its
// triggers, timescales and actions).
std::string pathways_html(const Outcome& outcome) {
  std::string out;
  for (const Ladder& ladder : outcome_ladders(outcome))
    out += fmt::format("<h3 class=\"govuk-heading-s\">{}</h3>\n{}", escape(ladder.title), ladder_html(ladder));
  if (out.empty()) return {};
  return "<h2 class=\"govuk-heading-m\" id=\"where\">Where this case is</h2>\n" + out;
}

// The opening words: how many to do now, and that the rest are one click away.
std::string outcome_intro(const Outcome& outcome) {
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& r : outcome.actions) ++counts[static_cast<int>(r.group)];
  return fmt::format(
      "<p class=\"govuk-body\">The policy recommends {} {}: <a class=\"govuk-link\" href=\"#do-now\">{} to do "
      "now</a>, <a class=\"govuk-link\" href=\"#also-recommended\">{} also recommended</a> and <a "
      "class=\"govuk-link\" href=\"#keep-in-mind\">{} to keep in mind</a>. It is advice: record whether you accept, "
      "adapt or decline each one, with your reason.</p>\n",
      outcome.actions.size(), outcome.actions.size() == 1 ? "action" : "actions", counts[0], counts[1], counts[2]);
}

// "What would change the advice", folded: for each action not recommended now, the smallest change
// of answers or events after which it would be (waymark/what_would_change.h).
std::string not_recommended_html(const Session& session) {
  const auto all = what_would_change_not_recommended(session);
  if (all.empty()) return {};
  std::string items;
  for (const WhatWouldChange& what : all)
    items += fmt::format("<li id=\"why-not-{}\"><strong>{}</strong> {}</li>\n", what.action->id,
                         escape(what.action->text), escape(what_would_change_words(what)));
  return fmt::format(
      "<details class=\"govuk-details\" id=\"not-recommended\"><summary class=\"govuk-details__summary\"><span "
      "class=\"govuk-details__summary-text\">Not recommended now: what would change that ({} {})</span></summary><div "
      "class=\"govuk-details__text\">\n<ul class=\"govuk-list govuk-list--bullet\">\n{}</ul></div></details>\n",
      all.size(), all.size() == 1 ? "action" : "actions", items);
}

// Accepting every action not judged yet as recommended, in one step.
std::string accept_rest_html(const Session& session, const Outcome& outcome, std::string_view base,
                             std::string_view csrf) {
  std::size_t open = 0;
  for (const auto& r : outcome.actions) open += session.judgement_for(r.action->id) == nullptr;
  if (open == 0) return {};
  return fmt::format(
      "<form method=\"post\" action=\"{}/accept-rest\" id=\"accept-rest\" novalidate>{}<p class=\"govuk-body\">{} "
      "{} no judgement yet. You can accept {} as recommended in one step; to adapt or decline one, use its own "
      "form, with your reason.</p><button type=\"submit\" class=\"govuk-button govuk-button--secondary\">Accept the "
      "rest as recommended</button></form>\n",
      base, csrf_field(csrf), open, open == 1 ? "action has" : "actions have", open == 1 ? "it" : "them all");
}

// Filing the record with its case, when the case store is in use.
std::string filing_html(const Session& session, std::string_view base, std::string_view csrf, Filing filing) {
  const std::string reference = escape(session.case_reference());
  switch (filing.state) {
    case Filing::no_store: return {};
    case Filing::unknown_case:
      return fmt::format(
          "<p class=\"govuk-body\">The case store holds no case ‘{}’, so this record cannot be filed with it "
          "(add the case with <code>waymark case add</code>).</p>\n",
          reference);
    case Filing::filed:
      // Filed once per walk-through: a stored record is never changed, and filing again would
      // only add a duplicate.
      return fmt::format(
          "<div class=\"govuk-inset-text\" id=\"filing\"><p class=\"govuk-body\">This record is filed with case <a "
          "class=\"govuk-link\" href=\"/cases/{}\">{}</a> (chain entry {}). A filed record is never changed, so "
          "judgements "
          "recorded since are not in it.</p></div>\n",
          reference, reference, filing.entry);
    case Filing::possible: break;
  }
  const std::size_t unjudged = session.unjudged_actions().size();
  const std::string waiting =
      unjudged == 0 ? std::string()
                    : fmt::format(" {} {} no judgement yet: you will be asked to confirm.", unjudged,
                                  unjudged == 1 ? "action has" : "actions have");
  return fmt::format(
      "<form method=\"post\" action=\"{}/file\" id=\"filing\" novalidate>{}<p class=\"govuk-body\">Once your "
      "judgements are recorded, file the "
      "record with case <a class=\"govuk-link\" href=\"/cases/{}\">{}</a> in the case store: its actions then appear "
      "in the due list.{}</p>"
      "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\">File the record with case "
      "{}</button></form>\n",
      base, csrf_field(csrf), reference, reference, waiting, reference);
}


// The actions the practitioner added, and the form to add another the policy did not recommend
// (as the terminal offers after the judgements).
std::string added_actions_html(const Session& session, std::string_view base, std::string_view csrf,
                               const AddedForm& form) {
  std::string listed;
  for (const AddedAction& added : session.added_actions())
    listed += fmt::format(
        "<section class=\"waymark-action\"><h3 class=\"govuk-heading-s\">{}</h3>\n<dl "
        "class=\"govuk-summary-list\">\n{}{}{}</dl></section>\n",
        escape(added.text), summary_row("Added by", "The practitioner, not the policy"),
        summary_row("Owner", added.owner.empty() ? "Not given" : escape(added.owner)),
        summary_row("Reason", escape(added.reason)));
  const bool error = !form.error.empty();
  return fmt::format(
      "<h2 class=\"govuk-heading-m\" id=\"added-actions\">Actions you add</h2>\n{}"
      "<form method=\"post\" action=\"{}/added-actions\" novalidate>{}"
      "<div class=\"govuk-form-group{}\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend "
      "govuk-fieldset__legend--s\">Add an action the policy did not recommend</legend>"
      "<div class=\"govuk-hint\" id=\"added-hint\">Your own professional judgement, recorded as yours, with your "
      "reason. No names: a role owns it.</div>{}"
      "<label class=\"govuk-label\" for=\"added-text\">The action</label>"
      "<input class=\"govuk-input\" id=\"added-text\" name=\"text\" type=\"text\" "
      "aria-describedby=\"added-hint{}\" value=\"{}\">"
      "<label class=\"govuk-label\" for=\"added-owner\">Who owns it (a role, such as line_manager)</label>"
      "<input class=\"govuk-input govuk-input--width-20\" id=\"added-owner\" name=\"owner\" type=\"text\" "
      "value=\"{}\">"
      "<label class=\"govuk-label\" for=\"added-reason\">Why (needed)</label>"
      "<textarea class=\"govuk-textarea\" id=\"added-reason\" name=\"reason\" rows=\"2\">{}</textarea>"
      "</fieldset></div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\">Add the "
      "action</button></form>\n",
      listed, base, csrf_field(csrf), error ? " govuk-form-group--error" : "", error_message("added-error", form.error),
      error ? " added-error" : "", escape(form.text), escape(form.owner), escape(form.reason));
}

}  // namespace

std::string outcome_page(const Session& session, const PolicyRegistry& registry, std::string_view base,
                         std::string_view csrf, Filing filing, std::string_view error_action, std::string_view error,
                         const AddedForm& added) {
  const Outcome outcome = session.outcome();
  const std::string path(base);
  std::string body;
  if (!error.empty()) body += error_summary({{fmt::format("#{}-judgement", error_action), std::string(error)}});
  if (!added.error.empty()) body += error_summary({{"#added-text", added.error}});
  body += "<h1 class=\"govuk-heading-l\">Recommended actions</h1>\n";
  if (outcome.actions.empty())
    body += "<p class=\"govuk-body\">The policy recommends no action given your answers.</p>\n";
  else
    body += outcome_intro(outcome);
  if (session.chronology())
    body += events_read_html(session.policy(), session.case_reference(), session.chronology()->events(), registry);
  body += pathways_html(outcome);
  auto section = [&](const Recommendation& recommendation) {
    const Action& action = *recommendation.action;
    return fmt::format(
        "<section class=\"waymark-action\" id=\"{}\"><h3 class=\"govuk-heading-s\">{}{}</h3>\n{}{}</section>\n",
        action.id, kind_tag(action.kind), escape(action.text), action_details(session, recommendation),
        judgement_form(session, base, action, csrf, action.id == error_action ? error : ""));
  };
  for (auto group : {OutcomeGroup::do_now, OutcomeGroup::also_recommended, OutcomeGroup::keep_in_mind}) {
    std::string sections;
    std::size_t count = 0;
    bool has_error = false;
    for (const auto& recommendation : outcome.actions)
      if (recommendation.group == group) {
        sections += section(recommendation);
        ++count;
        has_error |= recommendation.action->id == error_action;
      }
    const std::string id(to_string(group) == "do_now" ? "do-now"
                         : to_string(group) == "also_recommended" ? "also-recommended"
                                                                   : "keep-in-mind");
    // Keep in mind holds the policy's notes too, so it is shown when there are only notes.
    const bool notes_here = group == OutcomeGroup::keep_in_mind && !outcome.notes.empty();
    if (count > 0 || notes_here) {
      body += fmt::format("<h2 class=\"govuk-heading-m\" id=\"{}\">{}</h2>\n", id, heading(group));
      // The rest are folded, one click away; open when one of them needs correcting.
      if (group == OutcomeGroup::also_recommended)
        body += fmt::format(
            "<details class=\"govuk-details\"{}><summary class=\"govuk-details__summary\"><span "
            "class=\"govuk-details__summary-text\">Show the {} other recommended {}</span></summary><div "
            "class=\"govuk-details__text\">\n{}</div></details>\n",
            has_error ? " open" : "", count, count == 1 ? "action" : "actions", sections);
      else
        body += sections;
    }
    if (group == OutcomeGroup::do_now) body += accept_rest_html(session, outcome, base, csrf);
    if (notes_here) body += notes_html(outcome);
  }
  body += added_actions_html(session, base, csrf, added);
  body += not_recommended_html(session);
  body += fmt::format("<p class=\"govuk-body\"><a class=\"govuk-button\" href=\"{}/record\">View the record</a></p>\n",
                      path);
  body += filing_html(session, base, csrf, filing);
  return layout(error.empty() && added.error.empty() ? "Recommended actions" : "Error: Recommended actions", body,
                path + "/check");
}

namespace {

// The chronology the conditions read, as the timeline picture with its words and tables; the
// actions are listed above, so their table is left out.
std::string chronology_html(const Session& session) {
  if (!session.chronology()) return {};
  const std::string title =
      session.case_reference().empty() ? session.policy().info().title : "Case " + session.case_reference();
  return "<h2 class=\"govuk-heading-m\">Chronology</h2>\n" +
         timeline_html(session_timeline(session, title), {.events = true, .actions = false});
}

// Every answer changed, dropped or undone, as the record keeps them: nothing is silently lost.
std::string changes_html(const Session& session) {
  std::string rows;
  for (const HistoryEntry& entry : session.history()) {
    if (entry.kind == HistoryEntry::Kind::answered) continue;
    const Question* question = session.policy().find_question(entry.question_id);
    auto words = [&](const std::optional<Answer>& answer) {
      return answer && question ? escape(describe_answer(*question, *answer)) : std::string("No answer");
    };
    rows += fmt::format(
        "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell waymark-nowrap\">{}</td><td "
        "class=\"govuk-table__cell\">{}</td><td class=\"govuk-table__cell\">{}</td><td "
        "class=\"govuk-table__cell\">{}</td><td class=\"govuk-table__cell\">{}</td></tr>\n",
        escape(entry.at), escape(question ? question->text : entry.question_id), escape(to_string(entry.kind)),
        words(entry.from), words(entry.to));
  }
  if (rows.empty()) return {};
  return "<table class=\"govuk-table\" id=\"changes\"><caption class=\"govuk-table__caption "
         "govuk-table__caption--m\">Changes to answers</caption><thead class=\"govuk-table__head\"><tr "
         "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">When</th><th scope=\"col\" "
         "class=\"govuk-table__header\">Question</th><th scope=\"col\" class=\"govuk-table__header\">Change</th><th "
         "scope=\"col\" class=\"govuk-table__header\">From</th><th scope=\"col\" "
         "class=\"govuk-table__header\">To</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n" +
         rows + "</tbody></table>\n";
}

}  // namespace

std::string record_page(const Session& session, std::string_view base) {
  const PolicyInfo& info = session.policy().info();
  const std::string path(base);
  const Outcome outcome = session.outcome();
  std::string details =
      summary_row("Policy", escape(fmt::format("{} ({}), owner {}", info.title, info.id, info.owner))) +
      summary_row("Version", escape(info.version)) +
      summary_row("Session date", session.date().iso());
  if (!session.case_reference().empty()) details += summary_row("Case reference", escape(session.case_reference()));
  if (!session.role().empty()) details += summary_row("Completed by (role)", escape(session.role()));
  details += summary_row("Status", outcome.complete ? "Complete: every question that applies was answered"
                                                    : "Incomplete: some questions that apply were not answered");
  // What an auditor checks, not what a practitioner reads first: at the end of the page.
  const std::string technical =
      "<h2 class=\"govuk-heading-m\" id=\"technical-details\">Technical details</h2>\n<dl "
      "class=\"govuk-summary-list\">\n" +
      summary_row("Policy content hash (SHA-256)", escape(session.policy().content_hash())) +
      summary_row("Made with", escape(fmt::format("Waymark {}, shown {}", build::version, timestamp_now()))) +
      "</dl>\n";
  std::string answers;
  for (const Question* question : session.answered_questions())
    answers += summary_row(question->text, escape(describe_answer(*question, *session.answer_of(question->id))));
  std::string actions;
  for (const auto& recommendation : outcome.actions) {
    const Action& action = *recommendation.action;
    const ActionJudgement* decision = session.judgement_for(action.id);
    const std::string judgement = decision ? fmt::format("{}{}", to_string(decision->judgement),
                                                         decision->reason.empty() ? "" : ": " + decision->reason)
                                           : "No judgement recorded";
    std::string rows =
        summary_row("Urgency", escape(action.urgency.label())) + summary_row("Due", escape(due_text(recommendation))) +
        summary_row("Owner", escape(session.policy().role_title(action.owner))) +
        summary_row("Evidence to record", action.record.empty() ? "Not stated by the source" : escape(action.record)) +
        summary_row("Why", action.why.empty() ? "Not stated by the source" : escape(action.why)) +
        summary_row("Source", action.source.empty() ? "Not stated by the source" : escape(action.source));
    if (!recommendation.because.empty()) rows += summary_row("Recommended because", because_list(recommendation));
    rows += summary_row("Practitioner's judgement", escape(judgement));
    actions += fmt::format("<h3 class=\"govuk-heading-s\">{}{}</h3>\n<dl class=\"govuk-summary-list\">\n{}</dl>\n",
                           kind_tag(action.kind), escape(action.text), rows);
  }
  if (outcome.actions.empty())
    actions = "<p class=\"govuk-body\">The policy recommends no action given these answers.</p>\n";
  for (const auto& added : session.added_actions())
    actions += fmt::format("<h3 class=\"govuk-heading-s\">{}</h3>\n<dl class=\"govuk-summary-list\">\n{}{}</dl>\n",
                           escape(added.text), summary_row("Added by", "The practitioner, not the policy"),
                           summary_row("Owner", escape(added.owner)) + summary_row("Reason", escape(added.reason)));
  return layout("Evidence record",
                fmt::format("<h1 class=\"govuk-heading-l\">Evidence record</h1>\n<p class=\"govuk-body "
                            "waymark-no-print\">Print this page with your browser's "
                            "Print command, or download the record: <a class=\"govuk-link\" href=\"{0}/record.json\" "
                            "download>JSON</a> or "
                            "<a class=\"govuk-link\" href=\"{0}/record.md\" download>Markdown</a>.</p>\n"
                            "<dl class=\"govuk-summary-list\">\n{1}</dl>\n{5}<h2 "
                            "class=\"govuk-heading-m\">Answers</h2>\n<dl class=\"govuk-summary-list\">\n{2}</dl>\n"
                            "<h2 class=\"govuk-heading-m\">Actions and judgements</h2>\n<p class=\"govuk-body\">The "
                            "actions are the policy's advice; the "
                            "practitioner's judgement on each is recorded with it.</p>\n{3}{4}",
                            path, details, answers, actions, notes_html(outcome), pathways_html(outcome)) +
                    changes_html(session) + chronology_html(session) + technical,
                path + "/outcome");
}

}  // namespace waymark::web

namespace waymark::web {

std::string confirm_filing_page(const Session& session, std::string_view base, std::string_view csrf,
                                std::size_t unjudged) {
  const std::string reference = escape(session.case_reference());
  return layout(
      "File the record without every judgement?",
      fmt::format(
          "<h1 class=\"govuk-heading-l\">File the record without every judgement?</h1>\n"
          "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
          "<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>{} "
          "recommended {} no judgement yet.</strong></div>\n"
          "<p class=\"govuk-body\">A filed record is never changed: {} will show as \u201cNo judgement "
          "recorded\u201d for case {} for good.</p>\n"
          "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"{}/outcome\">Go back and record your "
          "judgements</a></p>\n<form method=\"post\" action=\"{}/file\" novalidate>{}<input type=\"hidden\" "
          "name=\"confirm\" value=\"yes\"><button type=\"submit\" class=\"govuk-button "
          "govuk-button--warning\">File the record anyway</button></form>\n",
          unjudged, unjudged == 1 ? "action has" : "actions have", unjudged == 1 ? "it" : "they", reference, base, base,
          csrf_field(csrf)),
      std::string(base) + "/outcome");
}

}  // namespace waymark::web
