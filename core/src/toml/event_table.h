// Reading the answers file's [[event]] tables into chronology events.
#pragma once

#include "toml_reader.h"

#include <waymark/chronology.h>

#include <vector>

namespace waymark::detail {

// Each well-formed [[event]] in `node`; every problem goes to `sink` with its position.
std::vector<Event> read_event_tables(const toml::node& node, DiagnosticSink& sink);

}  // namespace waymark::detail
