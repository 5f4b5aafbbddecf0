/// Evidence records: what was asked, answered, recommended and decided, in a form a manager,
/// a board or an inspector can read later. See docs/record-format.md.
#pragma once

#include <waymark/export.h>
#include <waymark/session.h>

#include <string>
#include <string_view>

namespace waymark {

/// The record format this Waymark writes (`format_version` in the JSON).
inline constexpr int record_format_version = 1;

/// The evidence record of a session as JSON text. `created_at` is an ISO 8601 timestamp.
WAYMARK_EXPORT std::string evidence_record_json(const Session& session, std::string_view created_at);

enum class RecordStyle { markdown, text };

/// Renders a record (JSON text) for people: Markdown to file, or plain text for a terminal.
/// Throws RecordError when the JSON is not a readable record.
WAYMARK_EXPORT std::string render_record(std::string_view record_json, RecordStyle style = RecordStyle::markdown);

/// Why each action in a record was recommended, in a practitioner's words, using only what the
/// record holds (so an old record is explained with the policy version it was made under).
WAYMARK_EXPORT std::string explain_record(std::string_view record_json);

}  // namespace waymark
