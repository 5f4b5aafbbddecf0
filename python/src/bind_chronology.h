// Events in and out of Python, for the session and the one-call evaluations.
#pragma once

#include <memory>

#include "bind.h"

namespace waymark::python {

/// A chronology from an iterable of waymark.Event (None: no chronology). Throws TypeError for
/// anything else in it. Needs the GIL.
std::shared_ptr<const Chronology> chronology_from_python(py::handle events);
/// The events as a list of waymark.Event, in date order (empty when there is no chronology).
py::list chronology_to_python(const std::shared_ptr<const Chronology>& chronology);

}  // namespace waymark::python
