/// The case store: one database (an SQLite file by default, or PostgreSQL for a team) holding each case's chronology, the evidence records
/// of walk-throughs run against it, the actions those records recommend until they are closed,
/// and an audit of every export. Cases are known only by a pseudonymous reference.
///
/// Events, records, actions and closures are append-only (the database refuses UPDATE and DELETE
/// on them); a correction is a new event that supersedes an earlier one. Events (corrections
/// included), records, closures, exports and erasures form one hash chain across the store, so `verify` finds an altered or
/// removed entry. See docs/store.md.
#pragma once

#include <waymark/access.h>
#include <waymark/chronology.h>
#include <waymark/date.h>
#include <waymark/error.h>
#include <waymark/timeline.h>
#include <waymark/web_state.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

/// A store that cannot be opened or used (not a database, damaged, from a newer Waymark, a
/// reference that is unknown or already taken). The message names the file.
class StoreError : public Error {
 public:
  using Error::Error;
};

/// The schema version this Waymark writes (`PRAGMA user_version`).
inline constexpr int store_schema_version = 8;

/// The longest note (an event's, or the evidence closing an action), agency and presenting
/// reason accepted: short facts, with the full account kept where the note says.
inline constexpr std::size_t max_note_length = 1000;
inline constexpr std::size_t max_agency_length = 100;
inline constexpr std::size_t max_reason_length = 200;

/// The rule for a role, in words, for messages.
inline constexpr const char* role_rule =
    "a role id such as line_manager (lower case letters, digits and _), never a name";

/// Whether `locator` (a --db value) names a PostgreSQL database, a `postgresql://` or
/// `postgres://` connection string, rather than an SQLite file.
bool is_postgresql_locator(std::string_view locator);
/// The locator as it may be shown in a message or log: a connection string's password replaced
/// by *** (Waymark refuses such a string anyway; passwords come from ~/.pgpass or PGPASSWORD).
std::string redacted_locator(std::string_view locator);

/// The database used when none is named: $WAYMARK_DB, else $XDG_DATA_HOME/waymark/cases.db,
/// else ~/.local/share/waymark/cases.db.
std::filesystem::path default_store_path();

/// An event as held in the store: the chronology event plus its place in the store.
struct StoredEvent {
  std::int64_t id = 0;
  Event event;
  /// When it was recorded (ISO 8601, UTC).
  std::string recorded_at;
  /// The earlier event this one corrects, if any.
  std::optional<std::int64_t> supersedes;
  /// The later event that corrects this one, if any.
  std::optional<std::int64_t> superseded_by;
};

/// One entry of the store's hash chain.
struct ChainEntry {
  std::int64_t seq = 0;
  /// event, record, closure, countersignature, share, share_end, export or erasure.
  std::string kind;
  std::string case_reference;
  std::string created_at;
  /// The entry's content (an evidence record, an audit entry); empty once its case is erased.
  std::string body;
  std::string prev_hash;
  std::string hash;
};

/// An action from a stored record, open until someone closes it with an evidence note.
struct TrackedAction {
  std::string case_reference;
  std::string action_id;
  std::int64_t record_seq = 0;
  std::string text;
  std::string owner;
  std::optional<Date> due;
  /// Set once closed.
  std::optional<std::string> closed_at;
  std::string closed_note;
  std::string closed_by;
  /// The practitioner declined it (recorded in the record): never listed as open.
  bool declined = false;
};

/// A manager's countersignature of a stored record, read from its chain entry.
struct Countersignature {
  std::int64_t seq = 0;         // its own chain entry
  std::int64_t record_seq = 0;  // the record it signs
  std::string role;
  std::string at;  // ISO 8601, UTC
  std::string comment;
};
/// The countersignatures among a case's chain entries, in the order they were added (an erased
/// case's have lost their content and are left out).
std::vector<Countersignature> countersignatures(const std::vector<ChainEntry>& entries);

/// A case shared with a team other than its own: an explicit act, recorded in the chain with its
/// purpose, so the other team's practitioners and managers see the case until it is ended.
struct CaseShare {
  std::int64_t seq = 0;  // its own chain entry
  std::string team;      // the team it is shared with
  std::string purpose;
  std::string role;  // of who shared it
  std::string at;    // ISO 8601, UTC
  /// Set once the share is ended: when, by which role, and why.
  std::optional<std::string> ended_at;
  std::string ended_by;
  std::string end_reason;
};
/// The shares among a case's chain entries, in the order they were made, each with its end if it
/// has one (an erased case's have lost their content and are left out).
std::vector<CaseShare> case_shares(const std::vector<ChainEntry>& entries);

/// Whose a case is: its own team, and the teams it is shared with now.
struct CaseTeams {
  std::string team;
  std::vector<std::string> shared_with;
};

/// What `verify` found.
struct ChainReport {
  bool ok = true;
  std::size_t entries = 0;
  /// The hash of the last entry (the "head"), empty for an empty store.
  std::string head;
  /// The first problem, in words naming the entry, when not ok.
  std::string problem;
  /// How many audit entries (reads of case content, refusals) were checked: a chain of their own,
  /// apart from the records' chain, so `head` keeps its meaning.
  std::size_t audit_entries = 0;
};

/// An open connection to one store. Not copyable; each process opens its own. One thread uses it
/// at a time (the web server holds one lock around every request that reads or writes it), so
/// the connection does without SQLite's own per-call locking.
class Store {
 public:
  /// Opens (creating if missing) the store at `path` (an SQLite file, or a postgresql://
  /// connection string: libpq's rules, no password in it), migrating an older schema forward.
  /// Throws StoreError for a database that is not a Waymark store, is damaged, or is newer, or
  /// a server that cannot be reached.
  explicit Store(const std::filesystem::path& path);
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  /// The store as named in messages: the file, or the connection string without a password.
  const std::filesystem::path& path() const;
  /// Whether this store is held in PostgreSQL.
  bool is_postgresql() const;

  /// Whether a case reference is acceptable: letters, digits, - _ / . only, at most 64, at least
  /// one digit (a name has none), and not shaped like a date (of birth) or a National Insurance
  /// number.
  static bool valid_reference(std::string_view reference);
  /// Why a reference is refused, in words for the person who typed it.
  static std::string reference_rule(std::string_view reference);
  /// Whether a role is acceptable: a role id (lower case letters, digits, _; at most 64).
  static bool valid_role(std::string_view role);

  void add_case(const std::string& reference);
  bool has_case(const std::string& reference) const;
  /// Throws StoreError unless the case is held, saying when it was erased if it was.
  void require_case(const std::string& reference) const;

  /// Appends an event (or a correction of `supersedes`) and returns its id.
  std::int64_t append_event(const std::string& reference, const Event& event,
                            std::optional<std::int64_t> supersedes = std::nullopt);
  /// How many of the case's current events (corrected ones left out) of `kind` are dated in
  /// [from, to], both inclusive. Counted in the database, without loading the chronology.
  std::size_t count_events(const std::string& reference, std::string_view kind, Date from, Date to) const;
  /// Every event on the case, corrected ones included, in date order.
  std::vector<StoredEvent> events(const std::string& reference) const;

  /// Stores an evidence record (JSON) with the case, tracks its actions, and returns its chain
  /// entry.
  ChainEntry add_record(const std::string& reference, const std::string& record_json);
  /// Adds a manager's countersignature to the record in chain entry `record_seq` of the case: a
  /// new chain entry (the record itself is never changed) holding the record's entry, the
  /// signer's role, when, and a comment. Throws StoreError when that entry is not a record of the
  /// case, the role is not a role id, or the comment is empty, too long or not plain text.
  ChainEntry countersign(const std::string& reference, std::int64_t record_seq, const std::string& role,
                         const std::string& comment);
  /// Shares the case with `team` (not its own, not already shared) for a stated purpose: a chain
  /// entry, so the share cannot be hidden later. Throws StoreError for a case without a team, a
  /// team name not acceptable, a blank purpose or a role that is not a role id.
  ChainEntry share_case(const std::string& reference, const std::string& team, const std::string& purpose,
                        const std::string& role);
  /// Ends the case's share with `team` (a chain entry; the share itself stays in the chain).
  /// Throws StoreError when the case is not shared with that team, or without a reason and role.
  ChainEntry end_share(const std::string& reference, const std::string& team, const std::string& reason,
                       const std::string& role);
  /// The teams the case is shared with now, besides its own (read without the records' bodies).
  std::vector<std::string> shared_with(const std::string& reference) const;
  /// Every case that has a team, by reference, with its team and open shares: what a list over
  /// many cases (the due list) needs to decide who sees which, read once rather than per case.
  std::map<std::string, CaseTeams> teams_of_cases() const;
  /// The chain entries (records, exports, erasures) for one case.
  std::vector<ChainEntry> entries(const std::string& reference) const;

  /// Everything held on the case as JSON, with an audit entry of who exported it, why and to
  /// whom. `deliver` (optional) writes the JSON out before the audit entry is committed: if it
  /// throws, nothing is recorded, so the audit never claims an export that did not happen.
  /// Throws StoreError without a purpose, recipient and role.
  std::string export_case(const std::string& reference, const std::string& purpose, const std::string& recipient,
                          const std::string& role, const std::function<void(const std::string&)>& deliver = {});

  /// Removes the case's events, record bodies and actions, recording the erasure in the chain.
  ChainEntry erase_case(const std::string& reference, const std::string& role, const std::string& reason);

  /// Open actions across cases, overdue first then by due date (undated last). Declined and
  /// closed ones are left out.
  std::vector<TrackedAction> open_actions() const;
  /// The same for one case.
  std::vector<TrackedAction> open_actions(const std::string& reference) const;
  /// Every action the case's records track, open, closed and declined, record by record.
  std::vector<TrackedAction> actions(const std::string& reference) const;
  /// Closes the open action `action_id` on the case (from record `record_seq`, needed when
  /// several records left it open) with an evidence note, recording the closure in the chain;
  /// returns what it closed. Throws StoreError if none is open (saying when and by whom it was
  /// closed), several are and no record is named, or the note or role is not acceptable.
  TrackedAction close_action(const std::string& reference, const std::string& action_id, const std::string& note,
                             const std::string& role, std::optional<std::int64_t> record_seq = std::nullopt);

  /// Accounts (waymark/access.h). A password is kept only as its Argon2id hash; an account without
  /// one signs in only through a trusted proxy. Throws StoreError for a name that is taken or not
  /// acceptable, a team name not acceptable, or a password shorter than min_password_length.
  void add_account(const Account& account, const std::optional<std::string>& password);
  /// Throws StoreError for an unknown account.
  void set_account_disabled(const std::string& name, bool disabled);
  /// Sets a new password and lifts any lock. Throws StoreError for an unknown account or a short
  /// password.
  void set_password(const std::string& name, const std::string& password);
  std::optional<Account> find_account(const std::string& name) const;
  /// Every account, by name.
  std::vector<Account> accounts() const;
  /// Checks a password, counting failures: after failures_before_lock in a row the account is
  /// locked, each further failure doubling the lock. An unknown name costs the same time as a
  /// known one and answers wrong_password, so names cannot be found by trying.
  SignInResult sign_in(const std::string& name, const std::string& password);

  /// The team a case belongs to (set once, when a team store adds the case); nothing for a case
  /// added without one.
  void set_case_team(const std::string& reference, const std::string& team);
  std::optional<std::string> case_team(const std::string& reference) const;

  /// Appends an audit entry (its seq, time and hashes are filled in) and returns it.
  AuditEntry append_audit(AuditEntry entry);
  /// The audit entries matching `filter`, oldest first.
  std::vector<AuditEntry> audit_entries(const AuditFilter& filter = {}) const;

  /// What `waymark serve` keeps between requests (waymark/web_state.h), for several processes
  /// sharing one PostgreSQL store. Each call is one transaction.
  /// Saves a walk-through's session JSON (replacing the one saved before, its filed record kept).
  void save_web_walk(const WebWalkKey& key, const std::string& session_json);
  std::optional<WebWalk> web_walk(const WebWalkKey& key) const;
  /// A browser's walk-throughs of a policy, the latest saved first.
  std::vector<WebWalk> web_walks(const std::string& browser, const std::string& policy_id) const;
  /// Sets (or, with nothing, clears) the record the walk-through was filed with.
  void set_web_walk_filed(const WebWalkKey& key, const std::optional<std::string>& record_json);
  /// The secret form tokens and browser ids are signed with (64 hex digits), made on first use:
  /// every process asking gets the same one.
  std::string web_secret();
  /// Sign-ins, by the SHA-256 (hex) of their token.
  void add_web_sign_in(const std::string& token_hash, const WebSignIn& sign_in);
  std::optional<WebSignIn> web_sign_in(const std::string& token_hash) const;
  void touch_web_sign_in(const std::string& token_hash, std::int64_t last_used);
  void end_web_sign_in(const std::string& token_hash);
  /// Ends every sign-in of the account (disabled, or its password reset).
  void end_web_sign_ins_of(const std::string& account);
  /// Removes sign-ins unused since `before` (seconds since the epoch); returns how many.
  std::size_t end_web_sign_ins_unused_since(std::int64_t before);

  /// Recomputes the chain, and checks the events, actions and closures against the event,
  /// record and closure entries in it. With `expected_head` (any case), also checks that hash is in the chain (a store
  /// restored from an older copy lacks the newer head).
  ChainReport verify(std::optional<std::string> expected_head = std::nullopt) const;

  /// Copies this whole store into `destination`, which must hold no case and no chain entry
  /// yet: every case, event, chain entry, body, action and closure as it is (same numbers, same
  /// hashes), in one transaction on each side, so a failure copies nothing. Then verifies the
  /// destination and returns its report, whose head is this store's head.
  ChainReport copy_into(Store& destination) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The case's timeline on `today`: every event (corrections joined to the events they correct),
/// its open actions, and the windows the conditions of its latest record counted over.
TimelineData case_timeline(const Store& store, const std::string& reference, Date today);
/// The same from the case's parts already read: its events, chain entries and open actions.
TimelineData case_timeline(const std::string& reference, const std::vector<StoredEvent>& events,
                           const std::vector<ChainEntry>& entries, const std::vector<TrackedAction>& open, Date today);

/// The case's chronology, corrected events replaced by their corrections.
Chronology load_chronology(const Store& store, const std::string& reference);

}  // namespace waymark
