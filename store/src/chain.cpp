// Appending to the chain and checking it.
#include "chain.h"

#include <fmt/format.h>
#include <waymark/session.h>

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "audit_chain.h"
#include "store_impl.h"
#include "tracked.h"

namespace waymark {

namespace {
using json_int = std::int64_t;
}  // namespace

namespace detail {

std::string entry_hash(const ChainEntry& e, const std::string& body_sha256) {
  return sha256_hex(fmt::format("waymark-chain-1\n{}\n{}\n{}\n{}\n{}\n{}", e.prev_hash, e.seq, e.kind, e.case_reference,
                                e.created_at, body_sha256));
}

std::string body_text(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string body_text(const nlohmann::ordered_json& body) {
  return body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string closure_body(std::int64_t record_seq, const std::string& action_id, const std::string& closed_at,
                         const std::string& note, const std::string& closed_by) {
  return body_text(nlohmann::json({{"record_seq", record_seq},
                                   {"action_id", action_id},
                                   {"closed_at", closed_at},
                                   {"note", note},
                                   {"closed_by", closed_by}}));
}

std::string event_body(const Statement& row, const std::string& chained_later) {
  nlohmann::ordered_json body = {{"id", row.integer(0)},
                                 {"case_reference", row.text(1)},
                                 {"kind", row.text(2)},
                                 {"date", row.text(3)},
                                 {"minute_of_day", nullptr},
                                 {"agency", row.text(5)},
                                 {"reason", row.text(6)},
                                 {"note", row.text(7)},
                                 {"recorded_by", row.text(8)},
                                 {"recorded_at", row.text(9)},
                                 {"supersedes", nullptr}};
  if (!row.is_null(4)) body["minute_of_day"] = row.integer(4);
  if (!row.is_null(10)) body["supersedes"] = row.integer(10);
  if (!chained_later.empty()) body["chained_later"] = chained_later;
  return body_text(body);
}

std::string event_body_without_note(const std::string& body) {
  auto parsed = nlohmann::ordered_json::parse(body, nullptr, false);
  if (!parsed.is_object()) return {};
  parsed.erase("chained_later");
  return body_text(parsed);
}

ChainEntry append_entry(const Database& db, const std::string& kind, const std::string& reference,
                        const std::string& body, std::string created_at) {
  ChainEntry e;
  Statement last(db, "SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1");
  if (last.step()) {
    e.seq = last.integer(0) + 1;
    e.prev_hash = last.text(1);
  } else {
    e.seq = 1;
  }
  e.kind = kind;
  e.case_reference = reference;
  e.created_at = created_at.empty() ? timestamp_now() : std::move(created_at);
  e.body = body;
  const std::string body_sha = sha256_hex(body);
  e.hash = entry_hash(e, body_sha);
  Statement(db,
            "INSERT INTO chain(seq, kind, case_reference, created_at, body_sha256, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, e.seq)
      .bind(2, kind)
      .bind(3, reference)
      .bind(4, e.created_at)
      .bind(5, body_sha)
      .bind(6, e.prev_hash)
      .bind(7, e.hash)
      .run();
  Statement(db, "INSERT INTO bodies(seq, body) VALUES (?, ?)").bind(1, e.seq).bind(2, body).run();
  return e;
}

}  // namespace detail

std::vector<ChainEntry> Store::entries(const std::string& reference) const {
  detail::Statement s(impl_->db,
                      "SELECT c.seq, c.kind, c.case_reference, c.created_at, coalesce(b.body, ''), c.prev_hash, "
                      "c.hash FROM chain c LEFT JOIN bodies b ON b.seq = c.seq WHERE c.case_reference = ? "
                      "ORDER BY c.seq");
  s.bind(1, reference);
  std::vector<ChainEntry> out;
  while (s.step()) out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)});
  return out;
}

ChainReport Store::verify(std::optional<std::string> expected_head) const {
  const auto& db = impl_->db;
  // A head copied by hand may come back in capitals.
  if (expected_head)
    for (char& c : *expected_head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // One read transaction, so a concurrent writer cannot make the chain look broken.
  const detail::ReadTransaction read(db);

  ChainReport report;
  // A damaged file can still hold an intact chain; a manager running verify needs to hear of both.
  if (const std::string damage = db.backend().damage(); !damage.empty()) {
    report.ok = false;
    report.problem = fmt::format("the database file is damaged ({}); restore it from a backup", damage);
    return report;
  }
  std::set<std::string> erased;
  {
    detail::Statement s(db, "SELECT case_reference FROM chain WHERE kind = 'erasure'");
    while (s.step()) erased.insert(s.text(0));
  }
  detail::Statement s(db,
                      "SELECT c.seq, c.kind, c.case_reference, c.created_at, c.body_sha256, c.prev_hash, c.hash, "
                      "b.body FROM chain c LEFT JOIN bodies b ON b.seq = c.seq ORDER BY c.seq");
  bool head_seen = false;
  auto fail = [&](std::string problem) {
    if (report.ok) {
      report.ok = false;
      report.problem = std::move(problem);
    }
  };
  // What the tables of actions and closures must agree with, gathered on the way.
  struct Tracked {
    std::string case_reference;
    detail::ExpectedAction action;
  };
  std::map<std::pair<std::int64_t, std::string>, Tracked> expected_actions;
  std::map<std::pair<std::int64_t, std::string>, std::pair<std::int64_t, std::string>>
      closure_entries;  // (record, action) -> (chain seq, body)
  std::map<std::int64_t, std::pair<std::int64_t, std::string>> event_entries;  // event id -> (chain seq, body)
  std::map<std::int64_t, std::string> record_cases;  // record entry -> its case
  std::string prev;
  std::int64_t expected_seq = 1;
  while (s.step()) {
    ChainEntry e{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(7), s.text(5), s.text(6)};
    const std::string body_sha = s.text(4);
    const bool has_body = !s.is_null(7);
    const std::string what =
        fmt::format("entry {} ({} for case '{}', {})", e.seq, e.kind, e.case_reference, e.created_at);
    if (e.seq != expected_seq)
      fail(fmt::format("entry {} is missing (removed); the chain resumes at {}", expected_seq, what));
    else if (e.prev_hash != prev)
      fail(fmt::format("{} does not follow the entry before it: an entry was altered or removed", what));
    else if (detail::entry_hash(e, body_sha) != e.hash)
      fail(fmt::format("{} was altered: its hash does not match its content", what));
    else if (!has_body && (e.kind == "export" || e.kind == "erasure" || e.kind == "share" || e.kind == "share_end"))
      fail(
          fmt::format("{} has lost its content: the audit of exports, shares and erasures is never "
                      "removed, not even by an erasure",
                      what));
    else if (!has_body && !erased.contains(e.case_reference))
      fail(fmt::format("{} has lost its content, and the case was not erased", what));
    else if (has_body && sha256_hex(e.body) != body_sha)
      fail(fmt::format("{} was altered: its content does not match the hash in the chain", what));
    if (e.kind == "record") record_cases[e.seq] = e.case_reference;
    if (has_body && e.kind == "record") {
      for (const auto& a : detail::tracked_actions(e.body))
        // The first of two actions with one id is the one tracked (ON CONFLICT DO NOTHING).
        expected_actions.try_emplace({e.seq, a.id}, Tracked{e.case_reference, a});
    } else if (has_body && e.kind == "event") {
      const auto body = nlohmann::json::parse(e.body, nullptr, false);
      const json_int id = body.is_object() ? body.value("id", json_int(0)) : 0;
      if (id <= 0)
        fail(fmt::format("{} is not a readable event", what));
      else if (!event_entries.try_emplace(id, e.seq, e.body).second)
        fail(fmt::format("{} chains event {} a second time: it was added outside Waymark", what, id));
    } else if (has_body && e.kind == "countersignature") {
      // A countersignature signs a record of its own case, made before it.
      const auto body = nlohmann::json::parse(e.body, nullptr, false);
      const json_int signed_seq = body.is_object() ? body.value("record_seq", json_int(0)) : 0;
      if (!record_cases.contains(signed_seq) || record_cases[signed_seq] != e.case_reference)
        fail(fmt::format("{} does not countersign a record of its case made before it", what));
    } else if (has_body && e.kind == "closure") {
      const auto body = nlohmann::json::parse(e.body, nullptr, false);
      if (body.is_object() && body.value("record_seq", json_int(0)) > 0)
        closure_entries[{body.value("record_seq", json_int(0)), body.value("action_id", "")}] = {e.seq, e.body};
      else
        fail(fmt::format("{} is not a readable closure", what));
    }
    if (expected_head && e.hash == *expected_head) head_seen = true;
    prev = e.hash;
    expected_seq = e.seq + 1;
    ++report.entries;
  }
  report.head = prev;
  if (expected_head && !head_seen && !(expected_head->empty() && prev.empty()))
    fail(
        fmt::format("the head {} you kept is not in this store: it was restored from an older copy, or "
                    "entries after the current head ({}) were removed",
                    *expected_head, prev.empty() ? "none" : prev));

  // Each event row must be the one its chain entry holds: an event inserted, edited, deleted or
  // renumbered outside Waymark no longer matches, even with the append-only triggers dropped.
  {
    detail::Statement rows(db, fmt::format("SELECT {} FROM events ORDER BY id", detail::event_columns).c_str());
    std::set<std::int64_t> seen;
    while (rows.step()) {
      const std::int64_t id = rows.integer(0);
      seen.insert(id);
      const auto it = event_entries.find(id);
      if (it == event_entries.end())
        fail(fmt::format("event {} on case '{}' ({} on {}) is not in the chain: it was added outside Waymark", id,
                         rows.text(1), rows.text(2), rows.text(3)));
      else if (detail::event_body_without_note(it->second.second) != detail::event_body(rows))
        fail(fmt::format("event {} on case '{}' does not match chain entry {}: it was altered outside Waymark", id,
                         rows.text(1), it->second.first));
    }
    for (const auto& [id, entry] : event_entries)
      if (!seen.contains(id))
        fail(fmt::format("event {} (chain entry {}) is missing: it was deleted outside Waymark", id, entry.first));
  }

  // Actions and closures are not in the chain as rows, but their records and closures are:
  // a row added, altered or deleted outside Waymark no longer matches them.
  {
    detail::Statement rows(db,
                           "SELECT record_seq, case_reference, action_id, text, owner, due, "
                           "declined FROM actions ORDER BY record_seq, action_id");
    std::set<std::pair<std::int64_t, std::string>> seen;
    while (rows.step()) {
      const std::pair key{rows.integer(0), rows.text(2)};
      seen.insert(key);
      const auto it = expected_actions.find(key);
      if (it == expected_actions.end()) {
        fail(
            fmt::format("action '{}' on case '{}' is not in record {}: it was added outside "
                        "Waymark",
                        key.second, rows.text(1), key.first));
        continue;
      }
      const auto& want = it->second;
      const std::optional<std::string> due = rows.is_null(5) ? std::nullopt : std::optional(rows.text(5));
      if (want.case_reference != rows.text(1) || want.action.text != rows.text(3) ||
          want.action.owner != rows.text(4) || want.action.due != due || want.action.declined != (rows.integer(6) != 0))
        fail(
            fmt::format("action '{}' of record {} (case '{}') does not match the record: it was "
                        "altered outside Waymark",
                        key.second, key.first, want.case_reference));
    }
    for (const auto& [key, want] : expected_actions)
      if (!seen.contains(key))
        fail(
            fmt::format("action '{}' of record {} (case '{}') is missing: it was deleted "
                        "outside Waymark",
                        key.second, key.first, want.case_reference));
  }
  {
    detail::Statement rows(db,
                           "SELECT record_seq, action_id, closed_at, note, closed_by FROM closures "
                           "ORDER BY record_seq, action_id");
    std::set<std::pair<std::int64_t, std::string>> seen;
    while (rows.step()) {
      const std::pair key{rows.integer(0), rows.text(1)};
      seen.insert(key);
      const auto it = closure_entries.find(key);
      if (it == closure_entries.end())
        fail(
            fmt::format("the closure of action '{}' on record {} is not in the chain: it was "
                        "added outside Waymark",
                        key.second, key.first));
      else if (it->second.second !=
               detail::closure_body(key.first, key.second, rows.text(2), rows.text(3), rows.text(4)))
        fail(
            fmt::format("the closure of action '{}' on record {} does not match chain entry {}: "
                        "it was altered outside Waymark",
                        key.second, key.first, it->second.first));
    }
    for (const auto& [key, entry] : closure_entries)
      if (!seen.contains(key))
        fail(
            fmt::format("the closure of action '{}' on record {} (chain entry {}) is missing: "
                        "it was deleted outside Waymark, reopening the action",
                        key.second, key.first, entry.first));
  }
  // The audit of reads: a chain of its own, so `head` stays the records' head.
  if (std::string problem = detail::verify_audit(db, report.audit_entries); !problem.empty()) fail(std::move(problem));
  return report;
}

}  // namespace waymark
