// A record's JSON read and checked the way render_record reads it, for the other readers of records.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace waymark::detail {

// Throws RecordError (saying which part is wrong) unless the text is a readable evidence record.
nlohmann::json read_record(std::string_view record_json);

}  // namespace waymark::detail
