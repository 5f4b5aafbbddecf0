// What a case's chronology holds against what the loaded policies read: the web's side of
// `run --case`'s line about the events read, and of its warning about kinds no policy reads.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <waymark/event_kinds_read.h>

#include "html.h"
#include "pages.h"

namespace waymark::web {

namespace {

std::string events_word(std::size_t n) { return fmt::format("{} event{}", n, n == 1 ? "" : "s"); }

// "2 Refusal of medication (medication_refusal), 1 referral": a kind is named by its label where a
// loaded policy declares one, and by its id as recorded.
std::string counted(const std::map<std::string, int>& counts, const std::map<std::string, KnownEventKind>& known) {
  std::string text;
  for (const auto& [kind, count] : counts) {
    const auto found = known.find(kind);
    const std::string name = found == known.end() ? fmt::format("<code>{}</code>", escape(kind))
                                                  : fmt::format("{} (<code>{}</code>)", escape(found->second.label),
                                                                escape(kind));
    text += fmt::format("{}{} {}", text.empty() ? "" : ", ", count, name);
  }
  return text;
}

std::string warning(std::string_view text_html) {
  return fmt::format(
      "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
      "<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>{}</strong>"
      "</div>\n",
      text_html);
}

// The kinds the loaded policies read, each with its label and the policies that read it.
std::string known_kinds_html(const std::map<std::string, KnownEventKind>& known) {
  std::string items;
  for (const auto& [id, kind] : known)
    items += fmt::format("<li><code>{}</code>: {} (read by {})</li>", escape(id), escape(kind.label),
                         escape(fmt::format("{}", fmt::join(kind.read_by, ", "))));
  return known.empty() ? "<p class=\"govuk-body\">No loaded policy reads chronology events.</p>\n"
                       : "<ul class=\"govuk-list govuk-list--bullet\">" + items + "</ul>\n";
}

std::string unread_warning(std::string_view case_reference, const std::map<std::string, int>& unread,
                           const std::map<std::string, KnownEventKind>& known) {
  return warning(fmt::format("Case {} has events no loaded policy reads: {}. They count for nothing in any "
                             "recommendation. Were they recorded under another name?",
                             escape(case_reference), counted(unread, known))) +
         "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\"><span "
         "class=\"govuk-details__summary-text\">The kinds of event the policies read</span></summary><div "
         "class=\"govuk-details__text\">\n" +
         known_kinds_html(known) + "</div></details>\n";
}

}  // namespace

std::string events_read_html(const Policy& policy, std::string_view case_reference, const std::vector<Event>& events,
                             const PolicyRegistry& registry) {
  if (events.empty()) return {};
  const auto known = known_event_kinds(registry);
  const EventsRead counts = events_read(policy, events, registry);
  std::string read = fmt::format("The chronology of case {} holds {}. This policy read {}", escape(case_reference),
                                 events_word(counts.total), events_word(counts.read_total()));
  if (!counts.read.empty()) read += ": " + counted(counts.read, known);
  read += ".";
  if (!counts.read_by_others.empty())
    read += " It does not read " + counted(counts.read_by_others, known) + ", which other policies read.";
  std::string html = "<div class=\"govuk-inset-text\" id=\"events-read\">" + read + "</div>\n";
  if (!counts.read_by_no_policy.empty()) html += unread_warning(case_reference, counts.read_by_no_policy, known);
  return html;
}

std::string unread_events_html(std::string_view case_reference, const std::vector<Event>& events,
                               const std::map<std::string, KnownEventKind>& known) {
  std::map<std::string, int> unread;
  for (const Event& event : events)
    if (!known.contains(event.kind)) ++unread[event.kind];
  return unread.empty() ? std::string() : unread_warning(case_reference, unread, known);
}

}  // namespace waymark::web
