#include "event_table.h"

#include <fmt/format.h>

#include <algorithm>

namespace waymark::detail {

std::vector<Event> read_event_tables(const toml::node& node, DiagnosticSink& sink) {
  std::vector<Event> events;
  const auto* array = node.as_array();
  if (!array) {
    sink.report(DiagnosticCode::toml_table_shape, position_of(node), "events are written as [[event]] tables");
    return events;
  }
  for (const auto& item : *array) {
    const auto* entry = item.as_table();
    if (!entry) {
      sink.report(DiagnosticCode::toml_table_shape, position_of(item), "events are written as [[event]] tables");
      continue;
    }
    TableReader r(*entry, "[[event]]", sink);
    Event e;
    e.kind = r.text("kind");
    if (!e.kind.empty() && !is_event_kind(e.kind))
      sink.report(DiagnosticCode::event_kind_id, r.position("kind"),
                  fmt::format("event kind '{}' must be lower case letters, digits and '_' (like "
                              "\"refusal\" or \"no_access_visit\")",
                              e.kind));
    const auto date = r.date("date");
    const std::string time = r.text("time", false);
    if (!time.empty()) {
      e.minute_of_day = parse_time_of_day(time);
      if (!e.minute_of_day)
        sink.report(DiagnosticCode::event_time, r.position("time"),
                    fmt::format("time '{}' must be written \"HH:MM\" (24-hour)", time));
    }
    e.agency = r.text("agency", false);
    e.reason = r.text("reason", false);
    e.note = r.text("note", false);
    e.recorded_by = r.text("recorded_by", false);
    r.finish({"kind", "date", "time", "agency", "reason", "note", "recorded_by"});
    if (!date) continue;
    e.date = *date;
    events.push_back(std::move(e));
  }
  return events;
}

}  // namespace waymark::detail
