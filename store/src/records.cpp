// Storing an evidence record with its case, and tracking the actions it recommends or adds.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "chain.h"
#include "store_impl.h"
#include "tracked.h"

namespace waymark {

using nlohmann::json;

ChainEntry Store::add_record(const std::string& reference, const std::string& record_json) {
  const auto& db = impl_->db;
  const json record = json::parse(record_json, nullptr, false);
  if (record.is_discarded() || !record.is_object() || record.value("format", "") != "waymark-evidence-record")
    throw StoreError("only a Waymark evidence record can be stored with a case");
  const auto& session = record.value("session", json::object());
  if (session.contains("case_reference") && session["case_reference"].is_string() &&
      session["case_reference"].get<std::string>() != reference)
    throw StoreError(
        fmt::format("the record is for case '{}', not '{}'", session["case_reference"].get<std::string>(), reference));

  // A record is made by a session, which refuses control characters; one written by hand or a
  // script is held to the same rule, since every string in it is later printed or rendered.
  const auto check_strings = [](const json& value, const auto& self) -> void {
    if (value.is_string()) detail::require_text(value.get_ref<const std::string&>(), "a text in the record");
    if (value.is_structured())
      for (const auto& item : value) self(item, self);
  };
  check_strings(record, check_strings);

  detail::Transaction t(db);
  detail::require_case(db, reference);
  ChainEntry entry = detail::append_entry(db, "record", reference, record_json);
  detail::Statement insert(db,
                           "INSERT INTO actions(record_seq, case_reference, action_id, "
                           "text, owner, due, declined) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  // The same reading of the record as `verify` makes (tracked.h).
  for (const auto& action : detail::tracked_actions(record_json)) {
    insert.bind(1, entry.seq).bind(2, reference).bind(3, action.id);
    insert.bind(4, action.text).bind(5, action.owner);
    if (action.due)
      insert.bind(6, *action.due);
    else
      insert.bind_null(6);
    insert.bind(7, std::int64_t{action.declined ? 1 : 0});
    insert.run();
    insert.reset();
  }
  t.commit();
  return entry;
}

}  // namespace waymark
