// A case's chronology from Python: Event objects, read by condition functions (the children's
// protocol counts repeat referrals, the CQC pathway finds refusals at the same time of day).
#include "bind_chronology.h"

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "convert.h"

namespace waymark::python {

namespace {

// A time of day from a `datetime.time` or an "HH:MM" string; None means not known.
std::optional<std::int32_t> time_from_python(py::handle value) {
  if (value.is_none()) return std::nullopt;
  if (py::isinstance<py::str>(value)) {
    const auto text = value.cast<std::string>();
    if (auto minutes = parse_time_of_day(text)) return minutes;
    throw py::value_error(fmt::format("time '{}' must be written \"HH:MM\" (24-hour)", text));
  }
  const auto time_type = py::module_::import("datetime").attr("time");
  if (py::isinstance(value, time_type))
    return value.attr("hour").cast<std::int32_t>() * 60 + value.attr("minute").cast<std::int32_t>();
  throw py::type_error("an event's time is a datetime.time, an \"HH:MM\" string or None");
}

py::object time_to_python(const std::optional<std::int32_t>& minute_of_day) {
  if (!minute_of_day) return py::none();
  return py::module_::import("datetime").attr("time")(*minute_of_day / 60, *minute_of_day % 60);
}

Event make_event(std::string kind, Date date, py::handle time, std::string agency, std::string reason, std::string note,
                 std::string recorded_by) {
  if (!is_event_kind(kind))
    throw py::value_error(fmt::format(
        "event kind '{}' must be lower case letters, digits and '_' (like 'refusal' or 'no_access_visit')", kind));
  Event e;
  e.kind = std::move(kind);
  e.date = date;
  e.minute_of_day = time_from_python(time);
  e.agency = std::move(agency);
  e.reason = std::move(reason);
  e.note = std::move(note);
  e.recorded_by = std::move(recorded_by);
  return e;
}

}  // namespace

std::shared_ptr<const Chronology> chronology_from_python(py::handle events) {
  if (events.is_none()) return nullptr;
  std::vector<Event> list;
  for (py::handle item : py::iter(events)) {
    if (!py::isinstance<Event>(item))
      throw py::type_error(fmt::format("events are waymark.Event objects, not {}",
                                       py::str(py::type::of(item).attr("__name__")).cast<std::string>()));
    list.push_back(item.cast<const Event&>());
  }
  return std::make_shared<const Chronology>(std::move(list));
}

py::list chronology_to_python(const std::shared_ptr<const Chronology>& chronology) {
  py::list out;
  if (chronology)
    for (const Event& e : chronology->events()) out.append(py::cast(e));
  return out;
}

void bind_chronology(py::module_& m) {
  py::class_<Event>(m, "Event",
                    "One dated event on a case's chronology (a refusal, a missed appointment, a "
                    "referral...). Facts only: no names.")
      .def(py::init(&make_event), py::arg("kind"), py::arg("date"), py::arg("time") = py::none(), py::kw_only(),
           py::arg("agency") = "", py::arg("reason") = "", py::arg("note") = "", py::arg("recorded_by") = "",
           "`kind` is lower case letters, digits and '_'; `time` a datetime.time or \"HH:MM\" when "
           "known; `reason` the presenting reason of a referral; `recorded_by` a role, never a name.")
      .def_readonly("kind", &Event::kind)
      .def_readonly("date", &Event::date)
      .def_property_readonly(
          "time", [](const Event& e) { return time_to_python(e.minute_of_day); },
          "The time of day (datetime.time), or None when not known.")
      .def_readonly("agency", &Event::agency)
      .def_readonly("reason", &Event::reason)
      .def_readonly("note", &Event::note)
      .def_readonly("recorded_by", &Event::recorded_by)
      .def("__repr__", [](const Event& e) {
        return fmt::format("<Event {} on {}{}>", e.kind, e.date.iso(),
                           e.minute_of_day ? " at " + format_time_of_day(*e.minute_of_day) : std::string());
      });
}

}  // namespace waymark::python
