/// Evidence records: what was asked, answered, recommended and decided, in a form a manager,
/// a board or an inspector can read later. See docs/record-format.md.
#pragma once

#include <waymark/export.h>
#include <waymark/session.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

/// The record format this Waymark writes (`format_version` in the JSON).
inline constexpr int record_format_version = 1;

/// The evidence record of a session as JSON text. `created_at` is an ISO 8601 timestamp.
WAYMARK_EXPORT std::string evidence_record_json(const Session& session, std::string_view created_at);

/// Markdown to file, plain text for a terminal, or an HTML fragment (GOV.UK classes) for a page.
enum class RecordStyle { markdown, text, html };

/// A manager's countersignature of a filed record, as the case store holds it (a chain entry of
/// its own: the record is never edited).
struct RecordCountersignature {
  std::int64_t chain_entry = 0;
  std::string role;
  std::string at;
  std::string comment;
};

/// Where a record is filed, when it is read back from the case store.
struct RecordFiling {
  std::int64_t chain_entry = 0;
  std::string chain_hash;
  std::vector<RecordCountersignature> countersignatures;
};

/// Renders a record (JSON text) for people. With `filing`, also its countersignatures and, in
/// the technical details at the end, where it is in the store's chain. Throws RecordError when
/// the JSON is not a readable record.
WAYMARK_EXPORT std::string render_record(std::string_view record_json, RecordStyle style = RecordStyle::markdown,
                                         const RecordFiling* filing = nullptr);

/// Why each action in a record was recommended, in a practitioner's words, using only what the
/// record holds (so an old record is explained with the policy version it was made under).
WAYMARK_EXPORT std::string explain_record(std::string_view record_json);

}  // namespace waymark
