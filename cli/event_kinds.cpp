#include "event_kinds.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <waymark/closest_match.h>

#include "cli_support.h"

#include <algorithm>

namespace waymark::cli {

namespace {

std::string kinds_list(const std::map<std::string, KnownEventKind>& known) {
  std::string list;
  for (const auto& [id, kind] : known)
    list += fmt::format("\n  {:<24} {} (read by {})", id, kind.label, fmt::join(kind.read_by, ", "));
  return list;
}

}  // namespace

void require_known_event_kind(const std::string& kind, const PolicyRegistry& registry) {
  const auto known = known_event_kinds(registry);
  if (known.contains(kind)) return;
  if (known.empty())
    throw Failure{exit_bad_input, fmt::format("waymark: error: --kind '{}': no loaded policy reads chronology events "
                                              "(a policy lists the kinds it reads in [event_kinds])",
                                              kind)};
  std::vector<std::string> ids;
  for (const auto& [id, _] : known) ids.push_back(id);
  const std::string suggestion = closest_match(kind, ids);
  throw Failure{
      exit_bad_input,
      fmt::format("waymark: error: --kind '{}': no loaded policy reads events of that kind, so it would "
                  "count for nothing.{} The kinds the policies read:{}",
                  kind, suggestion.empty() ? "" : fmt::format(" Did you mean '{}'?", suggestion), kinds_list(known))};
}

void report_chronology_read(const Policy& policy, const std::string& case_reference, const std::vector<Event>& events,
                            const PolicyRegistry& all) {
  if (events.empty()) return;
  const auto known = known_event_kinds(all);
  const EventsRead counts = events_read(policy, events, all);
  const auto& read = counts.read;
  const auto& unread_here = counts.read_by_others;
  const auto& unread_anywhere = counts.read_by_no_policy;
  const std::size_t read_total = counts.read_total();
  const auto events_word = [](std::size_t n) { return fmt::format("{} event{}", n, n == 1 ? "" : "s"); };
  fmt::print(stderr, "The chronology of case {} holds {}; {} read {}{}{}\n", case_reference, events_word(events.size()),
             policy.id(), events_word(read_total), read.empty() ? "" : fmt::format(" ({})", count_by_kind(read)),
             unread_here.empty() ? "" : fmt::format("; it does not read {}", count_by_kind(unread_here)));
  if (!unread_anywhere.empty())
    fmt::print(stderr,
               "waymark: warning: case {} has events no loaded policy reads: {}. Were they recorded under another "
               "name? The kinds the policies read:{}\n",
               case_reference, count_by_kind(unread_anywhere), kinds_list(known));
}

}  // namespace waymark::cli
