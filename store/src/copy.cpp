// Copying a whole store, e.g. a practitioner's SQLite file into the team's PostgreSQL, or a
// backup out of it: every row as it is, so the chain (numbers, hashes) is the same on both sides.
#include <fmt/format.h>

#include <array>

#include "database.h"
#include "store_impl.h"

namespace waymark {

namespace {

struct Table {
  const char* name;
  const char* columns;
  int count;
  const char* order;
};

// In an order that satisfies every reference: cases before events, the chain before bodies and
// actions, actions before closures, and events by id (a correction comes after what it corrects).
// What `waymark serve` keeps between requests (web_walks, web_secret, web_sign_ins) is left out:
// walk-throughs in progress and sign-ins are not records, and a copy gets its own secret.
constexpr std::array<Table, 9> tables = {{
    {"cases", "reference, created_at", 2, "reference"},
    {"case_teams", "case_reference, team, assigned_at", 3, "case_reference"},
    {"chain", "seq, kind, case_reference, created_at, body_sha256, prev_hash, hash", 7, "seq"},
    {"bodies", "seq, body", 2, "seq"},
    {"events",
     "id, case_reference, kind, date, minute_of_day, agency, reason, note, recorded_by, recorded_at, supersedes", 11,
     "id"},
    {"actions", "rowid, record_seq, case_reference, action_id, text, owner, due, declined", 8, "rowid"},
    {"closures", "record_seq, action_id, closed_at, note, closed_by", 5, "record_seq, action_id"},
    // Accounts as they stand (hashes, locks), and the audit of reads with its own chain.
    {"accounts", "name, role, teams, password_hash, disabled, failed_sign_ins, locked_until, created_at", 8, "name"},
    {"audit", "seq, at, account, role, action, case_reference, detail, purpose, allowed, prev_hash, hash", 11, "seq"},
}};

std::int64_t count(const detail::Database& db, const char* table) {
  detail::Statement s(db, fmt::format("SELECT count(*) FROM {}", table).c_str());
  return s.step() ? s.integer(0) : 0;
}

}  // namespace

ChainReport Store::copy_into(Store& destination) const {
  const detail::Database& from = impl_->db;
  const detail::Database& to = destination.impl_->db;
  {
    const detail::ReadTransaction snapshot(from);
    detail::Transaction t(to);
    if (count(to, "cases") != 0 || count(to, "chain") != 0 || count(to, "accounts") != 0 || count(to, "audit") != 0)
      throw StoreError(
          fmt::format("{}: already holds cases, chain entries, accounts or audit entries; copy into a "
                      "new, empty store (a copy never merges two chains)",
                      to.path().string()));
    for (const Table& table : tables) {
      std::string placeholders;
      for (int i = 0; i < table.count; ++i) placeholders += i ? ", ?" : "?";
      detail::Statement rows(from,
                             fmt::format("SELECT {} FROM {} ORDER BY {}", table.columns, table.name, table.order).c_str());
      detail::Statement insert(
          to, fmt::format("INSERT INTO {}({}) VALUES ({})", table.name, table.columns, placeholders).c_str());
      while (rows.step()) {
        for (int i = 0; i < table.count; ++i) {
          if (rows.is_null(i))
            insert.bind_null(i + 1);
          else
            insert.bind(i + 1, rows.text(i));
        }
        insert.run();
        insert.reset();
      }
    }
    // Numbers given explicitly leave PostgreSQL's counters behind: the next event or action
    // must be numbered after the copied ones.
    if (to.kind() == detail::BackendKind::postgresql)
      to.exec(
          "SELECT setval(pg_get_serial_sequence('events', 'id'), max(id)) FROM events;"
          "SELECT setval(pg_get_serial_sequence('actions', 'rowid'), max(rowid)) FROM actions;");
    t.commit();
  }
  return destination.verify();
}

}  // namespace waymark
