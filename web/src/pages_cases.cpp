// The case store's read-only pages: looking a case up, its timeline, and the due list.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "html.h"
#include "pages.h"

namespace waymark::web {

namespace {

constexpr std::string_view reference_hint = "A pseudonymous reference only, never a name.";

std::string cell(std::string_view html) { return fmt::format("<td class=\"govuk-table__cell\">{}</td>", html); }
// Dates and references are read as one thing: never broken across lines.
std::string nowrap_cell(std::string_view html) {
  return fmt::format("<td class=\"govuk-table__cell waymark-nowrap\">{}</td>", html);
}

std::string table(std::string_view caption, const std::vector<std::string>& headings, std::string_view rows) {
  std::string head;
  for (const auto& heading : headings)
    head += fmt::format("<th scope=\"col\" class=\"govuk-table__header\">{}</th>", heading);
  return fmt::format(
      "<table class=\"govuk-table\"><caption class=\"govuk-table__caption "
      "govuk-table__caption--m\">{}</caption>"
      "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">{}</tr></thead>\n"
      "<tbody class=\"govuk-table__body\">\n{}</tbody></table>\n",
      escape(caption), head, rows);
}

std::string no_store_text() {
  return "<p class=\"govuk-body\">The case store is not in use. Start the page with <code>waymark "
         "serve --db FILE</code> "
         "(or set <code>WAYMARK_DB</code>) to see cases' timelines and the actions due.</p>\n";
}

std::string due_cell(const TrackedAction& action, Date today) {
  if (!action.due) return "No date";
  if (*action.due < today) return action.due->iso() + " <strong class=\"govuk-tag govuk-tag--red\">Overdue</strong>";
  return action.due->iso();
}

// What a record link says after "Record N": policy title, session date and role, as the record holds them.
std::string record_summary(const std::string& body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (!doc.is_object()) return {};
  const auto policy = doc.value("policy", nlohmann::json::object());
  const auto session = doc.value("session", nlohmann::json::object());
  if (!policy.is_object() || !session.is_object()) return {};
  std::string out = ": " + policy.value("title", std::string());
  if (const std::string date = session.value("date", std::string()); !date.empty()) out += ", " + date;
  if (const std::string role = session.value("completed_by_role", std::string()); !role.empty())
    out += ", completed by " + role;
  return out;
}

// "End of a share" in words: the team it was with, and why it ended.
std::string share_end_words(const std::string& body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (!doc.is_object()) return {};
  return fmt::format("team {}: {}", doc.value("team", std::string()), doc.value("reason", std::string()));
}

// The case's team, and the teams it is shared with now and why.
std::string team_and_shares(const std::optional<std::string>& team, const std::vector<CaseShare>& shares) {
  if (!team) return {};
  std::string out = fmt::format("<p class=\"govuk-body\">Team: <strong>{}</strong></p>\n", escape(*team));
  std::string items;
  for (const CaseShare& share : shares)
    if (!share.ended_at)
      items += fmt::format("<li>team <strong>{}</strong> since {}, for: {}</li>\n", escape(share.team),
                           escape(share.at.substr(0, 10)), escape(share.purpose));
  if (!items.empty())
    out += "<p class=\"govuk-body\">Shared with:</p>\n<ul class=\"govuk-list govuk-list--bullet\">\n" + items + "</ul>\n";
  return out;
}

std::string when(const Event& event) {
  if (!event.minute_of_day) return event.date.iso();
  return fmt::format("{} {}", event.date.iso(), format_time_of_day(*event.minute_of_day));
}

}  // namespace

std::string case_lookup_page(bool have_store, std::string_view error, std::string_view typed) {
  if (!have_store) return layout("Cases", "<h1 class=\"govuk-heading-l\">Cases</h1>\n" + no_store_text(), "/");
  const std::string error_html = error_message("case-error", error);
  return layout(
      error.empty() ? "Cases" : "Error: Cases",
      fmt::format("{}<h1 class=\"govuk-heading-l\">Find a case</h1>\n<form method=\"get\" "
                  "action=\"/cases\" novalidate>"
                  "<div class=\"govuk-form-group{}\"><label class=\"govuk-label\" for=\"case\">Case "
                  "reference</label>"
                  "<div class=\"govuk-hint\" id=\"case-hint\">{}</div>{}"
                  "<input class=\"govuk-input govuk-input--width-20{}\" id=\"case\" name=\"case\" "
                  "type=\"text\" aria-describedby=\"case-hint{}\" "
                  "autocomplete=\"off\" value=\"{}\"></div>\n<button type=\"submit\" "
                  "class=\"govuk-button\">Show the case</button></form>\n",
                  error_summary(error.empty() ? std::vector<FieldError>{}
                                              : std::vector<FieldError>{{"#case", std::string(error)}}),
                  error.empty() ? "" : " govuk-form-group--error", reference_hint, error_html,
                  error.empty() ? "" : " govuk-input--error", error.empty() ? "" : " case-error", escape(typed)),
      "/");
}

std::string case_page(const std::string& reference, const std::optional<std::string>& team,
                      const std::vector<StoredEvent>& events, const std::vector<ChainEntry>& entries,
                      const std::vector<OwnedAction>& open,
                      std::string_view filed, Date today, const PolicyRegistry& registry,
                      const std::optional<ShareForm>& share) {
  std::string body;
  if (share && !share->error.empty()) body += error_summary({{"#share-team", share->error}});
  if (share && !share->ending_error.empty()) body += error_summary({{"#end-share-reason", share->ending_error}});
  if (!filed.empty())
    body += fmt::format(
        "<div class=\"govuk-panel govuk-panel--confirmation\"><h2 "
        "class=\"govuk-panel__title\">Record filed</h2>"
        "<div class=\"govuk-panel__body\">Chain entry {}</div></div>\n",
        escape(filed));
  body += fmt::format("<span class=\"govuk-caption-l\">Case</span><h1 class=\"govuk-heading-l\">{}</h1>\n",
                      escape(reference));
  body += team_and_shares(team, case_shares(entries));

  std::vector<TrackedAction> tracked;
  for (const auto& owned : open) tracked.push_back(owned.action);
  TimelineData timeline = case_timeline(reference, events, entries, tracked, today);
  for (const PolicyEntry& entry : registry.policies()) add_kind_labels(timeline, *entry.policy);
  std::string rows;
  const auto known = known_event_kinds(registry);
  std::vector<Event> in_force;
  for (const auto& stored : events)
    if (!stored.superseded_by) in_force.push_back(stored.event);
  for (const auto& stored : events) {
    const Event& event = stored.event;
    const auto label = timeline.kind_labels.find(event.kind);
    std::string what = escape(label != timeline.kind_labels.end() ? label->second : event.kind);
    // The loaded policies' kinds are the vocabulary: an event of another kind counts for nothing.
    if (!known.contains(event.kind))
      what += " <strong class=\"govuk-tag govuk-tag--yellow\">No loaded policy reads this kind</strong>";
    if (!event.agency.empty()) what += "<br><span class=\"govuk-body-s\">Agency: " + escape(event.agency) + "</span>";
    if (!event.reason.empty()) what += "<br><span class=\"govuk-body-s\">Reason: " + escape(event.reason) + "</span>";
    if (stored.superseded_by)
      what += fmt::format(" <strong class=\"govuk-tag govuk-tag--grey\">Corrected by event {}</strong>",
                          *stored.superseded_by);
    if (stored.supersedes)
      what += fmt::format(" <strong class=\"govuk-tag\">Corrects event {}</strong>", *stored.supersedes);
    rows += fmt::format("<tr class=\"govuk-table__row\">{}{}{}{}{}</tr>\n", cell(std::to_string(stored.id)),
                        nowrap_cell(when(event)), cell(what), cell(escape(event.note)),
                        cell(escape(event.recorded_by.empty() ? "Role not given" : event.recorded_by)));
  }
  if (!events.empty()) {
    // The picture, with the windows the latest record counted; the tables below list the events
    // and open actions it draws.
    body += "<h2 class=\"govuk-heading-m\">Timeline</h2>\n" + unread_events_html(reference, in_force, known) +
            timeline_html(timeline, {.events = false, .actions = false});
  }
  body += events.empty() ? "<h2 class=\"govuk-heading-m\">Timeline</h2>\n<p class=\"govuk-body\">No events "
                           "recorded.</p>\n"
                         : table("Events", {"Event", "Date", "What", "Note", "Recorded by"}, rows);

  rows.clear();
  for (const auto& [action, owner] : open)
    rows += fmt::format("<tr class=\"govuk-table__row\">{}{}{}{}</tr>\n", nowrap_cell(due_cell(action, today)),
                        cell(escape(action.text)), cell(escape(owner)),
                        cell("<code class=\"waymark-id\">" + escape(action.action_id) + "</code>"));
  body += open.empty() ? "<h2 class=\"govuk-heading-m\">Open actions</h2>\n<p "
                         "class=\"govuk-body\">No open actions.</p>\n"
                       : table("Open actions", {"Due", "Action", "Owner", "Id"}, rows);

  rows.clear();
  // Events are chain entries too, but the timeline above already shows them.
  // Each record links to its printable page, where its countersignatures are shown with it.
  for (const auto& entry : entries) {
    if (entry.kind == "event") continue;
    std::string what = escape(entry.kind);
    if (entry.kind == "record" && !entry.body.empty())
      what = fmt::format("<a class=\"govuk-link\" href=\"/cases/{}/records/{}\">Record {}</a>{}", escape(reference),
                         entry.seq, entry.seq, escape(record_summary(entry.body)));
    else if (entry.kind == "countersignature")
      for (const Countersignature& c : countersignatures({entry}))
        what = fmt::format("Countersignature of <a class=\"govuk-link\" href=\"/cases/{}/records/{}\">record {}</a> "
                           "by {}",
                           escape(reference), c.record_seq, c.record_seq, escape(c.role));
    else if (entry.kind == "share")
      for (const CaseShare& shared : case_shares({entry}))
        what = fmt::format("Shared with team {} by {}: {}", escape(shared.team), escape(shared.role),
                           escape(shared.purpose));
    else if (entry.kind == "share_end")
      what = "End of a share: " + escape(share_end_words(entry.body));
    rows += fmt::format("<tr class=\"govuk-table__row\">{}{}{}</tr>\n", cell(std::to_string(entry.seq)), cell(what),
                        nowrap_cell(escape(entry.created_at)));
  }
  body += rows.empty() ? "<h2 class=\"govuk-heading-m\">Records and exports</h2>\n<p "
                            "class=\"govuk-body\">None yet.</p>\n"
                          : table("Records and exports", {"Chain entry", "What", "When"}, rows);
  body +=
      "<p class=\"govuk-body-s\">Add events and close actions with <code>waymark case</code> and "
      "<code>waymark done</code>.</p>\n";
  if (share) body += share_forms(reference, case_shares(entries), *share);
  return layout("Case " + reference, body, "/cases");
}

namespace {

// A countersignature is a new chain entry: the record above it is never edited.
std::string countersign_form(const std::string& reference, std::int64_t seq, const CountersignForm& form) {
  const bool error = !form.error.empty();
  return fmt::format(
      "<form class=\"waymark-no-print\" method=\"post\" action=\"/cases/{}/records/{}/countersign\" novalidate>{}"
      "<div class=\"govuk-form-group{}\"><h2 class=\"govuk-label-wrapper\"><label class=\"govuk-label "
      "govuk-label--m\" for=\"countersign-comment\">Countersign this record</label></h2>"
      "<div class=\"govuk-hint\" id=\"countersign-hint\">What you checked, and whether you agree. It is added "
      "beside the record, by your role; the record itself is never changed.</div>{}"
      "<textarea class=\"govuk-textarea\" id=\"countersign-comment\" name=\"comment\" rows=\"3\" "
      "aria-describedby=\"countersign-hint{}\">{}</textarea></div>"
      "<button type=\"submit\" class=\"govuk-button\">Countersign as team manager</button></form>\n",
      escape(reference), seq, csrf_field(form.csrf), error ? " govuk-form-group--error" : "",
      error_message("countersign-error", form.error), error ? " countersign-error" : "", escape(form.comment));
}

}  // namespace

std::string stored_record_page(const std::string& reference, std::int64_t seq, std::string_view record_html,
                               const std::optional<CountersignForm>& countersign) {
  std::string body;
  if (countersign && !countersign->error.empty()) body += error_summary({{"#countersign-comment", countersign->error}});
  body += fmt::format(
      "<span class=\"govuk-caption-l\">Case {} &middot; record {}</span>\n<p class=\"govuk-body "
      "waymark-no-print\">Print this page with your browser's Print command. It shows the record as it was filed, "
      "and any countersignature added since.</p>\n{}",
      escape(reference), seq, record_html);
  if (countersign) body += countersign_form(reference, seq, *countersign);
  return layout(fmt::format("Record {} of case {}", seq, reference), body, "/cases/" + reference);
}

namespace {

// The filters of the due list, sent as a GET form so a filtered list can be bookmarked.
std::string due_filter_form(const DueFilter& filter, std::string_view error) {
  const bool wrong = !error.empty();
  return fmt::format(
      "<form method=\"get\" action=\"/due\" novalidate class=\"waymark-no-print\">{}"
      "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"due-case\">Case reference</label>"
      "<input class=\"govuk-input govuk-input--width-10\" id=\"due-case\" name=\"case\" type=\"text\" "
      "autocomplete=\"off\" value=\"{}\"></div>"
      "<div class=\"govuk-form-group{}\"><label class=\"govuk-label\" for=\"due-owner\">Owner role, such as "
      "line_manager</label>{}<input class=\"govuk-input govuk-input--width-20{}\" id=\"due-owner\" name=\"owner\" "
      "type=\"text\" autocomplete=\"off\" spellcheck=\"false\" value=\"{}\"{}></div>"
      "<div class=\"govuk-form-group\"><div class=\"govuk-checkboxes govuk-checkboxes--small\" "
      "data-module=\"govuk-checkboxes\"><div class=\"govuk-checkboxes__item\"><input "
      "class=\"govuk-checkboxes__input\" id=\"due-overdue\" name=\"overdue\" type=\"checkbox\" "
      "value=\"yes\"{}><label class=\"govuk-label govuk-checkboxes__label\" for=\"due-overdue\">Overdue "
      "only</label></div></div></div>"
      "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\">Filter</button> {}</form>\n",
      wrong ? error_summary({{"#due-owner", std::string(error)}}) : "", escape(filter.reference),
      wrong ? " govuk-form-group--error" : "", error_message("due-owner-error", error),
      wrong ? " govuk-input--error" : "", escape(filter.owner), wrong ? " aria-describedby=\"due-owner-error\"" : "",
      filter.overdue_only ? " checked" : "",
      filter.any() ? "<a class=\"govuk-link\" href=\"/due\">Show all open actions</a>" : "");
}

}  // namespace

std::string due_page(const std::vector<OwnedAction>& actions, Date today, const DueFilter& filter,
                     std::string_view error) {
  const auto overdue =
      std::ranges::count_if(actions, [&](const OwnedAction& a) { return a.action.due && *a.action.due < today; });
  std::string rows;
  for (const auto& [action, owner] : actions)
    rows += fmt::format(
        "<tr class=\"govuk-table__row\">{}{}{}{}</tr>\n", nowrap_cell(due_cell(action, today)),
        nowrap_cell(fmt::format("<a class=\"govuk-link\" href=\"/cases/{0}\">{0}</a>", escape(action.case_reference))),
        cell(escape(action.text)), cell(escape(owner)));
  std::string body = "<h1 class=\"govuk-heading-l\">Actions due</h1>\n" + due_filter_form(filter, error);
  if (actions.empty())
    body += filter.any() ? "<p class=\"govuk-body\">No open actions match the filter.</p>\n"
                         : "<p class=\"govuk-body\">No open actions.</p>\n";
  else
    body += fmt::format("<p class=\"govuk-body\">{} open {} on {}, {} overdue.</p>\n", actions.size(),
                        actions.size() == 1 ? "action" : "actions", today.iso(), overdue) +
            table("Open actions, overdue first", {"Due", "Case", "Action", "Owner"}, rows);
  return layout(error.empty() ? "Actions due" : "Error: Actions due", body, "/");
}

}  // namespace waymark::web
