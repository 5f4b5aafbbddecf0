/// A filed evidence record walked again: the policy it names, and its answers and events as a
/// session, so "what would change the advice" can be asked of a record after the event.
#pragma once

#include <waymark/export.h>
#include <waymark/session.h>

#include <string>
#include <string_view>

namespace waymark {

/// The policy an evidence record was made under, as the record names it.
struct RecordPolicy {
  std::string id;
  std::string version;
  std::string content_sha256;
  Date date;  ///< the session date
};

/// Throws RecordError when the text is not a readable evidence record.
WAYMARK_EXPORT RecordPolicy record_policy(std::string_view record_json);

/// The record's session again: its date, case reference, role, events and answers (not its
/// judgements). Throws RecordError when `policy` is not the exact policy the record names (same
/// id and content hash) or an answer no longer fits.
WAYMARK_EXPORT Session session_from_record(std::string_view record_json, std::shared_ptr<const Policy> policy);

}  // namespace waymark
