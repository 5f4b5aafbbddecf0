// Appending to the chain and checking it.
#include "chain.h"

#include <fmt/format.h>
#include <waymark/session.h>

#include <set>

#include "store_impl.h"

namespace waymark {

namespace detail {

std::string entry_hash(const ChainEntry& e, const std::string& body_sha256) {
  return sha256_hex(fmt::format("waymark-chain-1\n{}\n{}\n{}\n{}\n{}\n{}", e.prev_hash, e.seq,
                                e.kind, e.case_reference, e.created_at, body_sha256));
}

ChainEntry append_entry(const Database& db, const std::string& kind, const std::string& reference,
                        const std::string& body) {
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
  e.created_at = timestamp_now();
  e.body = body;
  const std::string body_sha = sha256_hex(body);
  e.hash = entry_hash(e, body_sha);
  Statement(
      db,
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
  detail::Statement s(
      impl_->db,
      "SELECT c.seq, c.kind, c.case_reference, c.created_at, coalesce(b.body, ''), c.prev_hash, "
      "c.hash FROM chain c LEFT JOIN bodies b ON b.seq = c.seq WHERE c.case_reference = ? "
      "ORDER BY c.seq");
  s.bind(1, reference);
  std::vector<ChainEntry> out;
  while (s.step())
    out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)});
  return out;
}

ChainReport Store::verify(std::optional<std::string> expected_head) const {
  const auto& db = impl_->db;
  // One read transaction, so a concurrent writer cannot make the chain look broken.
  db.exec("BEGIN");
  struct EndRead {
    const detail::Database& db;
    ~EndRead() { sqlite3_exec(db.handle(), "COMMIT", nullptr, nullptr, nullptr); }
  } end_read{db};

  ChainReport report;
  // A damaged file can still hold an intact chain; a manager running verify needs to hear of both.
  {
    detail::Statement check(db, "PRAGMA quick_check(1)");
    if (check.step() && check.text(0) != "ok") {
      report.ok = false;
      report.problem =
          fmt::format("the database file is damaged ({}); restore it from a backup", check.text(0));
      return report;
    }
  }
  std::set<std::string> erased;
  {
    detail::Statement s(db, "SELECT case_reference FROM chain WHERE kind = 'erasure'");
    while (s.step()) erased.insert(s.text(0));
  }
  detail::Statement s(
      db,
      "SELECT c.seq, c.kind, c.case_reference, c.created_at, c.body_sha256, c.prev_hash, c.hash, "
      "b.body FROM chain c LEFT JOIN bodies b ON b.seq = c.seq ORDER BY c.seq");
  bool head_seen = false;
  auto fail = [&](std::string problem) {
    if (report.ok) {
      report.ok = false;
      report.problem = std::move(problem);
    }
  };
  std::string prev;
  std::int64_t expected_seq = 1;
  while (s.step()) {
    ChainEntry e{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(7), s.text(5), s.text(6)};
    const std::string body_sha = s.text(4);
    const std::string what = fmt::format("entry {} ({} for case '{}', {})", e.seq, e.kind,
                                         e.case_reference, e.created_at);
    if (e.seq != expected_seq)
      fail(fmt::format("entry {} is missing (removed); the chain resumes at {}", expected_seq,
                       what));
    else if (e.prev_hash != prev)
      fail(fmt::format("{} does not follow the entry before it: an entry was altered or removed",
                       what));
    else if (detail::entry_hash(e, body_sha) != e.hash)
      fail(fmt::format("{} was altered: its hash does not match its content", what));
    else if (s.is_null(7) && !erased.contains(e.case_reference))
      fail(fmt::format("{} has lost its content, and the case was not erased", what));
    else if (!s.is_null(7) && detail::sha256_hex(e.body) != body_sha)
      fail(fmt::format("{} was altered: its content does not match the hash in the chain", what));
    if (expected_head && e.hash == *expected_head) head_seen = true;
    prev = e.hash;
    expected_seq = e.seq + 1;
    ++report.entries;
  }
  report.head = prev;
  if (expected_head && !head_seen && !(expected_head->empty() && prev.empty()))
    fail(fmt::format(
        "the head {} you kept is not in this store: it was restored from an older copy, or "
        "entries after the current head ({}) were removed",
        *expected_head, prev.empty() ? "none" : prev));
  return report;
}

}  // namespace waymark
