#include "schema.h"

#include <fmt/format.h>
#include <waymark/session.h>

#include <array>

#include "chain.h"
#include "sqlite.h"
#include "tracked.h"

namespace waymark::detail {

namespace {

// 'WYMK': marks the file as a Waymark store, so another application's database is refused.
constexpr std::int64_t application_id = 0x57594d4b;

// Migration N takes the schema from version N to N+1. Append only: never edit a shipped one.
constexpr std::array<const char*, store_schema_version> migrations = {
    R"sql(
CREATE TABLE cases (
  reference TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  case_reference TEXT NOT NULL REFERENCES cases(reference),
  kind TEXT NOT NULL,
  date TEXT NOT NULL,
  minute_of_day INTEGER,
  agency TEXT NOT NULL,
  reason TEXT NOT NULL,
  note TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  supersedes INTEGER UNIQUE REFERENCES events(id)
);
CREATE INDEX events_by_case ON events(case_reference, kind, date);

-- The hash chain: evidence records, export audit entries and erasures, in order.
CREATE TABLE chain (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('record', 'export', 'erasure')),
  case_reference TEXT NOT NULL,
  created_at TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
CREATE INDEX chain_by_case ON chain(case_reference);
-- Bodies apart from the chain, so erasing a case removes its content but keeps the chain checkable.
CREATE TABLE bodies (
  seq INTEGER PRIMARY KEY REFERENCES chain(seq),
  body TEXT NOT NULL
);

CREATE TABLE actions (
  record_seq INTEGER NOT NULL REFERENCES chain(seq),
  case_reference TEXT NOT NULL,
  action_id TEXT NOT NULL,
  text TEXT NOT NULL,
  owner TEXT NOT NULL,
  due TEXT,
  PRIMARY KEY (record_seq, action_id)
);
-- In `due` order, so listing open actions reads the index instead of sorting.
CREATE INDEX actions_by_due ON actions(due, case_reference, record_seq);
CREATE TABLE closures (
  record_seq INTEGER NOT NULL,
  action_id TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  note TEXT NOT NULL CHECK (length(note) > 0),
  closed_by TEXT NOT NULL,
  PRIMARY KEY (record_seq, action_id),
  FOREIGN KEY (record_seq, action_id) REFERENCES actions(record_seq, action_id)
);

-- Append-only, enforced here as well as in the code. Deletion is allowed only for a case whose
-- erasure is already in the chain.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: record a correction instead'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
WHEN NOT EXISTS (SELECT 1 FROM chain WHERE kind = 'erasure' AND case_reference = OLD.case_reference)
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER chain_no_update BEFORE UPDATE ON chain
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER chain_no_delete BEFORE DELETE ON chain
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER bodies_no_update BEFORE UPDATE ON bodies
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER bodies_no_delete BEFORE DELETE ON bodies
WHEN NOT EXISTS (SELECT 1 FROM chain c JOIN chain e ON e.case_reference = c.case_reference
                 WHERE c.seq = OLD.seq AND e.kind = 'erasure')
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER actions_no_update BEFORE UPDATE ON actions
BEGIN SELECT RAISE(ABORT, 'actions are closed by a closure, never edited'); END;
CREATE TRIGGER closures_no_update BEFORE UPDATE ON closures
BEGIN SELECT RAISE(ABORT, 'closures are append-only'); END;
)sql",
    // Version 2 is migrate_to_2 below: SQL, then data, then SQL.
    nullptr,
    // Version 3 is migrate_to_3 below, the same way.
    nullptr,
    // Version 4: the chain takes countersignatures (the CHECK again, so the table is rebuilt with
    // every trigger that names it dropped first, then version 3's triggers again, an erased
    // case's countersignatures losing their comments with its records).
    R"sql(
DROP TRIGGER chain_no_update;
DROP TRIGGER chain_no_delete;
DROP TRIGGER events_no_delete;
DROP TRIGGER bodies_no_delete;
DROP TRIGGER actions_no_delete;
DROP TRIGGER closures_no_delete;
CREATE TABLE chain_v4 (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('record', 'export', 'erasure', 'closure', 'event', 'countersignature')),
  case_reference TEXT NOT NULL,
  created_at TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
INSERT INTO chain_v4 SELECT seq, kind, case_reference, created_at, body_sha256, prev_hash, hash
FROM chain ORDER BY seq;
DROP TABLE chain;
ALTER TABLE chain_v4 RENAME TO chain;
CREATE INDEX chain_by_case ON chain(case_reference);
CREATE TRIGGER chain_no_update BEFORE UPDATE ON chain
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER chain_no_delete BEFORE DELETE ON chain
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
WHEN NOT EXISTS (SELECT 1 FROM chain WHERE kind = 'erasure' AND case_reference = OLD.case_reference)
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER bodies_no_delete BEFORE DELETE ON bodies
WHEN NOT EXISTS (SELECT 1 FROM chain c JOIN chain e ON e.case_reference = c.case_reference
                 WHERE c.seq = OLD.seq AND c.kind IN ('record', 'closure', 'event', 'countersignature')
                 AND e.kind = 'erasure')
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER actions_no_delete BEFORE DELETE ON actions
WHEN NOT EXISTS (SELECT 1 FROM chain WHERE kind = 'erasure' AND case_reference = OLD.case_reference)
BEGIN SELECT RAISE(ABORT, 'actions are closed by a closure, never deleted'); END;
CREATE TRIGGER closures_no_delete BEFORE DELETE ON closures
WHEN NOT EXISTS (SELECT 1 FROM chain r JOIN chain e ON e.case_reference = r.case_reference
                 WHERE r.seq = OLD.record_seq AND e.kind = 'erasure')
BEGIN SELECT RAISE(ABORT, 'closures are append-only'); END;
)sql",
    // Version 5: a team's store. Accounts (updated in place: they are not history), the team each
    // case belongs to (set once; removed only with an erased case), and the audit of reads,
    // append-only and chained like the records.
    R"sql(
CREATE TABLE accounts (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  teams TEXT NOT NULL,
  password_hash TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_sign_ins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE case_teams (
  case_reference TEXT PRIMARY KEY REFERENCES cases(reference),
  team TEXT NOT NULL,
  assigned_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  account TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  case_reference TEXT NOT NULL,
  detail TEXT NOT NULL,
  purpose TEXT NOT NULL,
  allowed INTEGER NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_by_case ON audit(case_reference, seq);
CREATE INDEX audit_by_account ON audit(account, seq);
CREATE TRIGGER case_teams_no_update BEFORE UPDATE ON case_teams
BEGIN SELECT RAISE(ABORT, 'a case''s team is set once: share the case instead'); END;
CREATE TRIGGER case_teams_no_delete BEFORE DELETE ON case_teams
WHEN NOT EXISTS (SELECT 1 FROM chain WHERE kind = 'erasure' AND case_reference = OLD.case_reference)
BEGIN SELECT RAISE(ABORT, 'a case''s team is set once'); END;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit is append-only'); END;
)sql",
    // Version 6: what `waymark serve` keeps between requests, so several serve processes can share
    // one store: walk-throughs in progress, the form-token secret, and sign-ins by their token's
    // hash. Not history: replaced and removed freely, never chained, never copied.
    R"sql(
CREATE TABLE web_walks (
  browser TEXT NOT NULL,
  policy_id TEXT NOT NULL,
  walk_id TEXT NOT NULL,
  session_json TEXT NOT NULL,
  filed_record TEXT,
  saved_at TEXT NOT NULL,
  PRIMARY KEY (browser, policy_id, walk_id)
) WITHOUT ROWID;
CREATE TABLE web_secret (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  secret TEXT NOT NULL
);
CREATE TABLE web_sign_ins (
  token_hash TEXT PRIMARY KEY,
  account TEXT NOT NULL,
  last_used INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX web_sign_ins_by_account ON web_sign_ins(account);
)sql",
    // Version 7: the chain takes shares of a case with another team and their ends (the CHECK
    // again: the table is rebuilt as for version 4, with every trigger naming it dropped first and
    // made again). Like exports, shares keep their content after an erasure. Actions get an index
    // by case, for a case page among tens of thousands of actions.
    R"sql(
DROP TRIGGER chain_no_update;
DROP TRIGGER chain_no_delete;
DROP TRIGGER events_no_delete;
DROP TRIGGER bodies_no_delete;
DROP TRIGGER actions_no_delete;
DROP TRIGGER closures_no_delete;
DROP TRIGGER case_teams_no_delete;
CREATE TABLE chain_v7 (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('record', 'export', 'erasure', 'closure', 'event', 'countersignature',
                                     'share', 'share_end')),
  case_reference TEXT NOT NULL,
  created_at TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
INSERT INTO chain_v7 SELECT seq, kind, case_reference, created_at, body_sha256, prev_hash, hash
FROM chain ORDER BY seq;
DROP TABLE chain;
ALTER TABLE chain_v7 RENAME TO chain;
CREATE INDEX chain_by_case ON chain(case_reference);
CREATE TRIGGER chain_no_update BEFORE UPDATE ON chain
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER chain_no_delete BEFORE DELETE ON chain
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
WHEN NOT EXISTS (SELECT 1 FROM chain WHERE kind = 'erasure' AND case_reference = OLD.case_reference)
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER bodies_no_delete BEFORE DELETE ON bodies
WHEN NOT EXISTS (SELECT 1 FROM chain c JOIN chain e ON e.case_reference = c.case_reference
                 WHERE c.seq = OLD.seq AND c.kind IN ('record', 'closure', 'event', 'countersignature')
                 AND e.kind = 'erasure')
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER actions_no_delete BEFORE DELETE ON actions
WHEN NOT EXISTS (SELECT 1 FROM chain WHERE kind = 'erasure' AND case_reference = OLD.case_reference)
BEGIN SELECT RAISE(ABORT, 'actions are closed by a closure, never deleted'); END;
CREATE TRIGGER closures_no_delete BEFORE DELETE ON closures
WHEN NOT EXISTS (SELECT 1 FROM chain r JOIN chain e ON e.case_reference = r.case_reference
                 WHERE r.seq = OLD.record_seq AND e.kind = 'erasure')
BEGIN SELECT RAISE(ABORT, 'closures are append-only'); END;
CREATE TRIGGER case_teams_no_delete BEFORE DELETE ON case_teams
WHEN NOT EXISTS (SELECT 1 FROM chain WHERE kind = 'erasure' AND case_reference = OLD.case_reference)
BEGIN SELECT RAISE(ABORT, 'a case''s team is set once'); END;
CREATE INDEX IF NOT EXISTS actions_by_case ON actions(case_reference);
)sql",
    // Version 8: the due list's index holds every column the list reads, so open actions are read
    // from the index alone rather than looking each one up in the table. It begins with
    // actions_by_due's columns, which it replaces.
    R"sql(
DROP INDEX IF EXISTS actions_by_due;
CREATE INDEX IF NOT EXISTS actions_open_by_due ON actions(due, case_reference, record_seq, declined, action_id, text, owner);
)sql",
};

// Version 2, first part: the chain takes closures (a CHECK cannot be altered, so the table is
// rebuilt, its triggers dropped first), and actions can be marked declined.
constexpr const char* migration_2_tables = R"sql(
DROP TRIGGER chain_no_update;
DROP TRIGGER chain_no_delete;
DROP TRIGGER events_no_delete;
DROP TRIGGER bodies_no_delete;
DROP TRIGGER actions_no_update;
CREATE TABLE chain_v2 (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('record', 'export', 'erasure', 'closure')),
  case_reference TEXT NOT NULL,
  created_at TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
INSERT INTO chain_v2 SELECT seq, kind, case_reference, created_at, body_sha256, prev_hash, hash
FROM chain ORDER BY seq;
DROP TABLE chain;
ALTER TABLE chain_v2 RENAME TO chain;
CREATE INDEX chain_by_case ON chain(case_reference);
ALTER TABLE actions ADD COLUMN declined INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 2, last part: nothing tracked can be deleted either, except the content of an erased
// case. Bodies of exports and erasures are never deleted: they are the audit.
constexpr const char* migration_2_triggers = R"sql(
CREATE TRIGGER chain_no_update BEFORE UPDATE ON chain
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER chain_no_delete BEFORE DELETE ON chain
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
WHEN NOT EXISTS (SELECT 1 FROM chain WHERE kind = 'erasure' AND case_reference = OLD.case_reference)
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER bodies_no_delete BEFORE DELETE ON bodies
WHEN NOT EXISTS (SELECT 1 FROM chain c JOIN chain e ON e.case_reference = c.case_reference
                 WHERE c.seq = OLD.seq AND c.kind IN ('record', 'closure') AND e.kind = 'erasure')
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER actions_no_update BEFORE UPDATE ON actions
BEGIN SELECT RAISE(ABORT, 'actions are closed by a closure, never edited'); END;
CREATE TRIGGER actions_no_delete BEFORE DELETE ON actions
WHEN NOT EXISTS (SELECT 1 FROM chain WHERE kind = 'erasure' AND case_reference = OLD.case_reference)
BEGIN SELECT RAISE(ABORT, 'actions are closed by a closure, never deleted'); END;
CREATE TRIGGER closures_no_delete BEFORE DELETE ON closures
WHEN NOT EXISTS (SELECT 1 FROM chain r JOIN chain e ON e.case_reference = r.case_reference
                 WHERE r.seq = OLD.record_seq AND e.kind = 'erasure')
BEGIN SELECT RAISE(ABORT, 'closures are append-only'); END;
)sql";

// Version 3, first part: the chain takes events (the CHECK again), so the table is rebuilt with
// every trigger that names it dropped first.
constexpr const char* migration_3_tables = R"sql(
DROP TRIGGER chain_no_update;
DROP TRIGGER chain_no_delete;
DROP TRIGGER events_no_delete;
DROP TRIGGER bodies_no_delete;
DROP TRIGGER actions_no_delete;
DROP TRIGGER closures_no_delete;
CREATE TABLE chain_v3 (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('record', 'export', 'erasure', 'closure', 'event')),
  case_reference TEXT NOT NULL,
  created_at TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
INSERT INTO chain_v3 SELECT seq, kind, case_reference, created_at, body_sha256, prev_hash, hash
FROM chain ORDER BY seq;
DROP TABLE chain;
ALTER TABLE chain_v3 RENAME TO chain;
CREATE INDEX chain_by_case ON chain(case_reference);
)sql";

// Version 3, last part: version 2's triggers again, and an erased case's events' entries lose
// their content with the events.
constexpr const char* migration_3_triggers = R"sql(
CREATE TRIGGER chain_no_update BEFORE UPDATE ON chain
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER chain_no_delete BEFORE DELETE ON chain
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
WHEN NOT EXISTS (SELECT 1 FROM chain WHERE kind = 'erasure' AND case_reference = OLD.case_reference)
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER bodies_no_delete BEFORE DELETE ON bodies
WHEN NOT EXISTS (SELECT 1 FROM chain c JOIN chain e ON e.case_reference = c.case_reference
                 WHERE c.seq = OLD.seq AND c.kind IN ('record', 'closure', 'event') AND e.kind = 'erasure')
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER actions_no_delete BEFORE DELETE ON actions
WHEN NOT EXISTS (SELECT 1 FROM chain WHERE kind = 'erasure' AND case_reference = OLD.case_reference)
BEGIN SELECT RAISE(ABORT, 'actions are closed by a closure, never deleted'); END;
CREATE TRIGGER closures_no_delete BEFORE DELETE ON closures
WHEN NOT EXISTS (SELECT 1 FROM chain r JOIN chain e ON e.case_reference = r.case_reference
                 WHERE r.seq = OLD.record_seq AND e.kind = 'erasure')
BEGIN SELECT RAISE(ABORT, 'closures are append-only'); END;
)sql";

std::int64_t pragma(Database& db, const char* sql) {
  Statement s(db, sql);
  return s.step() ? s.integer(0) : 0;
}

// Version 1 tracked neither added nor declined actions, and kept closures out of the chain:
// bring the rows in line with the records, and chain every closure made so far.
void migrate_to_2(Database& db) {
  db.exec(migration_2_tables);
  {
    Statement records(db,
                      "SELECT c.seq, c.case_reference, b.body FROM chain c JOIN bodies b ON b.seq = c.seq "
                      "WHERE c.kind = 'record' ORDER BY c.seq");
    Statement insert(db,
                     "INSERT OR IGNORE INTO actions(record_seq, case_reference, action_id, text, "
                     "owner, due) VALUES (?, ?, ?, ?, ?, ?)");
    Statement decline(db, "UPDATE actions SET declined = 1 WHERE record_seq = ? AND action_id = ?");
    while (records.step()) {
      for (const auto& a : tracked_actions(records.text(2))) {
        insert.bind(1, records.integer(0)).bind(2, records.text(1)).bind(3, a.id);
        insert.bind(4, a.text).bind(5, a.owner);
        if (a.due)
          insert.bind(6, *a.due);
        else
          insert.bind_null(6);
        insert.run();
        insert.reset();
        if (a.declined) {
          decline.bind(1, records.integer(0)).bind(2, a.id).run();
          decline.reset();
        }
      }
    }
  }
  {
    Statement closures(db,
                       "SELECT a.case_reference, c.record_seq, c.action_id, c.closed_at, c.note, c.closed_by "
                       "FROM closures c JOIN actions a ON a.record_seq = c.record_seq AND a.action_id = "
                       "c.action_id ORDER BY c.closed_at, c.record_seq, c.action_id");
    while (closures.step())
      append_entry(
          db, "closure", closures.text(0),
          closure_body(closures.integer(1), closures.text(2), closures.text(3), closures.text(4), closures.text(5)));
  }
  db.exec(migration_2_triggers);
}

// Version 2 kept events out of the chain: chain every event held so far, in the order they were
// recorded, each entry saying it was chained by this migration (from then on, `verify` finds any
// change to them; what was changed before cannot be told).
void migrate_to_3(Database& db) {
  db.exec(migration_3_tables);
  const std::string now = timestamp_now();
  const std::string note = fmt::format(
      "recorded under schema version 2, before events were chained; chained as it stood on {} by the "
      "migration to schema version 3",
      now);
  Statement events(db, fmt::format("SELECT {} FROM events ORDER BY id", event_columns).c_str());
  while (events.step()) append_entry(db, "event", events.text(1), event_body(events, note), now);
  db.exec(migration_3_triggers);
}

}  // namespace

void prepare_database(Database& db) {
  if (db.kind() == BackendKind::postgresql)
    prepare_postgres(db);
  else
    prepare_sqlite(db);
}

void prepare_sqlite(Database& db) {
  auto& lite = static_cast<SqliteBackend&>(db.backend());
  sqlite3_busy_timeout(lite.handle(), 10000);
  sqlite3_db_config(lite.handle(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  // Reading the header first: a non-SQLite file fails here, before anything is written. One
  // snapshot, so a store another process is creating right now is never seen half made (tables
  // without the mark) and taken for another application's database.
  std::int64_t app = 0, version = 0, tables = 0;
  {
    ReadTransaction read(db);
    app = pragma(db, "PRAGMA application_id");
    version = pragma(db, "PRAGMA user_version");
    tables = pragma(db, "SELECT count(*) FROM sqlite_schema");
  }
  const std::string file = db.path().string();
  if (app != application_id && (app != 0 || tables != 0))
    throw StoreError(
        fmt::format("{}: not a Waymark case store (an SQLite database of another application); "
                    "it was left untouched",
                    file));
  // The version is the file's own header: a damaged or hand-made file may hold any number.
  if (version < 0)
    throw StoreError(fmt::format("{}: the case store is damaged: its schema version ({}) is not one Waymark writes; "
                                 "it was left untouched",
                                 file, version));
  if (version > store_schema_version)
    throw StoreError(
        fmt::format("{}: this case store was written by a newer Waymark (schema version {}; this "
                    "Waymark reads up to {}); upgrade Waymark to use it",
                    file, version, store_schema_version));
  // Switching a new file to WAL needs it to itself for a moment, and SQLite does not wait for
  // that on its own: retry for as long as the busy timeout, as processes opening the same new
  // store at once do.
  for (int waited_ms = 0;; waited_ms += 10) {
    const int code = sqlite3_exec(lite.handle(), "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
    if (code == SQLITE_OK) break;
    if ((code & 0xff) != SQLITE_BUSY || waited_ms >= 10000) lite.fail(code, "cannot use the case store");
    sqlite3_sleep(10);
  }
  db.exec("PRAGMA synchronous = FULL");
  // Reads through a memory map instead of a read() per page: one case's events lie scattered
  // among every other case's, and at millions of events a chronology read one page at a time
  // spends most of its time in system calls (bench/store.bench.cpp).
  db.exec("PRAGMA mmap_size = 268435456");
  // Erasure relies on this: deleted content is overwritten, not left in free pages.
  db.exec("PRAGMA secure_delete = ON");
  // Foreign keys stay off while migrating (they cannot change inside a transaction), so a table
  // can be rebuilt; each migration checks them before it commits.
  db.exec("PRAGMA foreign_keys = OFF");
  for (auto v = version; v < store_schema_version; ++v) {
    Transaction t(db);
    // Another process may have migrated while this one waited for the lock.
    if (pragma(db, "PRAGMA user_version") > v) continue;
    if (v == 1)
      migrate_to_2(db);
    else if (v == 2)
      migrate_to_3(db);
    else
      db.exec(migrations[static_cast<std::size_t>(v)]);
    if (Statement broken(db, "PRAGMA foreign_key_check"); broken.step())
      throw StoreError(
          fmt::format("{}: the case store is damaged (a row of {} refers to nothing); restore it from a backup", file,
                      broken.text(0)));
    db.exec(fmt::format("PRAGMA application_id = {}", application_id).c_str());
    db.exec(fmt::format("PRAGMA user_version = {}", v + 1).c_str());
    t.commit();
  }
  db.exec("PRAGMA foreign_keys = ON");
}

}  // namespace waymark::detail
