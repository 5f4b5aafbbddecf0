// The timeline's words: the text alternative and the tables that say what the picture shows, for
// screen readers and for anyone who would rather read.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <waymark/xml_text.h>

#include <algorithm>
#include <iterator>

#include "timeline_model.h"

namespace waymark {

namespace {

bool overdue(const TimelineAction& a, Date today) { return a.due && *a.due < today; }

std::string table(std::string_view caption, std::initializer_list<std::string_view> headings, std::string_view rows) {
  std::string head;
  for (const auto heading : headings)
    head += fmt::format("<th scope=\"col\" class=\"govuk-table__header\">{}</th>", heading);
  return fmt::format(
      "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--s\">{}</caption>"
      "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">{}</tr></thead>\n"
      "<tbody class=\"govuk-table__body\">\n{}</tbody></table>\n",
      xml_escaped(caption), head, rows);
}

void add_row(std::string& rows, std::initializer_list<std::string_view> cells) {
  rows += "<tr class=\"govuk-table__row\">";
  for (const auto c : cells) {
    rows += "<td class=\"govuk-table__cell\">";
    append_xml_escaped(rows, c);
    rows += "</td>";
  }
  rows += "</tr>\n";
}

std::string event_details(const TimelineEvent& e) {
  std::vector<std::string> parts;
  if (!e.event.agency.empty()) parts.push_back("Agency: " + e.event.agency);
  if (!e.event.reason.empty()) parts.push_back("Reason: " + e.event.reason);
  if (!e.event.note.empty()) parts.push_back(e.event.note);
  if (e.corrects) parts.push_back(fmt::format("Corrects event {}", *e.corrects));
  if (e.corrected_by) parts.push_back(fmt::format("Corrected by event {}", *e.corrected_by));
  return fmt::format("{}", fmt::join(parts, ". "));
}

}  // namespace

std::string timeline_summary(const TimelineData& data) {
  const detail::TimelineModel model = detail::build_timeline_model(data);
  std::string out;
  if (data.events.empty()) {
    out = "No events recorded.";
  } else {
    std::vector<std::string> kinds;
    for (std::size_t row = 0; row < model.kinds.size(); ++row)
      if (model.kind_totals[row])
        kinds.push_back(fmt::format("{} {}", model.kind_totals[row], detail::kind_words(data, model.kinds[row])));
    const auto [first, last] =
        std::ranges::minmax(data.events, {}, [](const TimelineEvent& e) { return e.event.date; });
    out = fmt::format("{} {} from {} to {}: {}.", data.events.size(), data.events.size() == 1 ? "event" : "events",
                      first.event.date.iso(), last.event.date.iso(), fmt::join(kinds, ", "));
    if (model.grouping != TimelineGrouping::event)
      out += fmt::format(" Drawn as counts per {}.", model.grouping == TimelineGrouping::week ? "week" : "month");
    if (model.corrected_left_out)
      out += fmt::format(" {} corrected {} not counted; the corrections are.", model.corrected_left_out,
                         model.corrected_left_out == 1 ? "event is" : "events are");
    else if (const auto corrected =
                 std::ranges::count_if(data.events, [](const auto& e) { return e.corrected_by.has_value(); }))
      out +=
          fmt::format(" {} corrected {} shown struck through.", corrected, corrected == 1 ? "event is" : "events are");
  }
  for (const CountedWindow& w : data.windows)
    out += fmt::format(" The policy counted {} {} from {} to {}.", detail::count_text(w.count),
                       detail::kind_words(data, w.kind), w.from.iso(), w.to.iso());
  const auto late = std::ranges::count_if(data.actions, [&](const auto& a) { return overdue(a, data.today); });
  if (!data.actions.empty())
    out += fmt::format(" {} open {}, {} overdue.", data.actions.size(), data.actions.size() == 1 ? "action" : "actions",
                       late);
  for (const TimelineGap& g : data.gaps) out += fmt::format(" {} to {}: {}.", g.from.iso(), g.to.iso(), g.label);
  out += fmt::format(" Today is {}.", data.today.iso());
  return out;
}

std::string timeline_tables_html(const TimelineData& data, TimelineTables tables) {
  const detail::TimelineModel model = detail::build_timeline_model(data);
  std::string out, rows;
  if (!tables.events) {
  } else if (model.grouping == TimelineGrouping::event) {
    for (const TimelineEvent& e : data.events)
      add_row(rows, {e.id ? std::to_string(e.id) : "", e.event.date.iso(),
                     e.event.minute_of_day ? format_time_of_day(*e.event.minute_of_day) : "",
                     detail::kind_label(data, e.event.kind), event_details(e)});
    if (!rows.empty()) out += table("Events on the timeline", {"Event", "Date", "Time", "Kind", "Details"}, rows);
  } else {
    for (const auto& m : model.marks)
      add_row(rows, {detail::period_text(m.date, model.grouping), detail::kind_label(data, model.kinds[m.row]),
                     std::to_string(m.count)});
    out += table(model.grouping == TimelineGrouping::week ? "Events per week" : "Events per month",
                 {model.grouping == TimelineGrouping::week ? "Week" : "Month", "Kind", "Events"}, rows);
  }
  rows.clear();
  for (const CountedWindow& w : data.windows)
    add_row(rows, {detail::kind_label(data, w.kind), w.from.iso(), w.to.iso(), detail::count_text(w.count), w.function});
  if (!rows.empty()) out += table("Windows the policy counted", {"Kind", "From", "To", "Counted", "Counted by"}, rows);
  rows.clear();
  for (const TimelineAction& a : tables.actions ? data.actions : std::vector<TimelineAction>{})
    add_row(rows, {a.due ? a.due->iso() : "No date", overdue(a, data.today) ? "Overdue" : "Open", a.text});
  if (!rows.empty()) out += table("Open actions", {"Due", "Status", "Action"}, rows);
  rows.clear();
  for (const TimelineGap& g : data.gaps) add_row(rows, {g.from.iso(), g.to.iso(), g.label});
  if (!rows.empty()) out += table("Gaps in the chronology", {"From", "To", "What happened"}, rows);
  return out;
}

std::string timeline_html(const TimelineData& data, TimelineTables tables) {
  const auto figure = [](const TimelineData& d) {
    return fmt::format(
        "<figure class=\"waymark-timeline-figure\">\n{}<figcaption class=\"govuk-body\">{}</figcaption>\n</figure>\n",
        timeline_svg(d), xml_escaped(timeline_summary(d)));
  };
  std::string out = figure(data);
  // The tables list every event already, so the enlarged weeks need none of their own.
  if (const auto recent = recent_timeline(data))
    out += "<p class=\"govuk-body\"><strong>Recent events, enlarged</strong></p>\n" + figure(*recent);
  return out + timeline_tables_html(data, tables);
}

}  // namespace waymark
