/// Who may use a team's case store, and the audit of what they read. Accounts, teams and the
/// audit trail are kept in the case store itself (both backends), so every `waymark serve` of a
/// team sees the same ones. See docs/deployment.md.
///
/// Accounts are known by an account name the council chooses (a staff number or login such as
/// `sw0142`), and act under a role title: records and audit entries never hold a person's name.
#pragma once

#include <waymark/date.h>
#include <waymark/enum_text.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

/// What an account may do (docs/deployment.md, "What each role sees").
enum class AccessRole {
  /// Walks through policies; reads and files to the cases of their teams.
  practitioner,
  /// As a practitioner for their teams, and sees their teams' due list.
  team_manager,
  /// Policies, their tests and lint; never case content.
  board_author,
  /// Reads every case, record and due list, changes nothing; every read is audited.
  auditor,
  /// Accounts and teams; never case content.
  administrator,
};

template <>
struct EnumWords<AccessRole> {
  static constexpr std::pair<AccessRole, std::string_view> table[] = {
      {AccessRole::practitioner, "practitioner"}, {AccessRole::team_manager, "team_manager"},
      {AccessRole::board_author, "board_author"}, {AccessRole::auditor, "auditor"},
      {AccessRole::administrator, "administrator"},
  };
};

/// The longest account and team names accepted, and the shortest password.
inline constexpr std::size_t max_account_name_length = 64;
inline constexpr std::size_t min_password_length = 12;

/// An account as the store holds it (never its password or its hash).
struct Account {
  /// The sign-in name: lower case letters, digits, `.`, `_` and `-`.
  std::string name;
  AccessRole role = AccessRole::practitioner;
  /// The teams whose cases it works on (practitioner, team manager).
  std::vector<std::string> teams;
  bool disabled = false;
  /// Whether it has a password (accounts signed in by a trusted proxy need none).
  bool has_password = false;
};

/// The answer to a sign-in attempt.
struct SignInResult {
  enum class Outcome { signed_in, wrong_password, locked, disabled };
  Outcome outcome = Outcome::wrong_password;
  /// Set when signed in.
  std::optional<Account> account;
  /// When locked: seconds until the next attempt is considered.
  std::int64_t retry_after_seconds = 0;
};

/// Consecutive failed sign-ins before an account is locked, and how long: the first lock lasts
/// `first_lock_seconds`, each further failure doubles it, up to `longest_lock_seconds`.
inline constexpr int failures_before_lock = 5;
inline constexpr std::int64_t first_lock_seconds = 30;
inline constexpr std::int64_t longest_lock_seconds = 3600;

/// One audit entry: a read of case content, or an attempt refused. Entries are chained (each
/// hashes the one before), so `waymark verify` finds one altered or removed.
struct AuditEntry {
  std::int64_t seq = 0;
  /// ISO 8601, UTC.
  std::string at;
  std::string account;
  std::string role;
  /// What was done: `read case`, `read record`, `read chronology`, `read due list`, `sign in`...
  std::string action;
  /// The case concerned; empty for what spans cases (the due list, a sign-in).
  std::string case_reference;
  /// More about what was read (a record's chain entry, a filter); never an answer.
  std::string detail;
  /// Why, where the user was asked.
  std::string purpose;
  /// False for a refused attempt.
  bool allowed = true;
  std::string prev_hash;
  std::string hash;
};

/// Which audit entries `Store::audit_entries` returns; empty fields match everything.
struct AuditFilter {
  std::string case_reference;
  std::string account;
  std::optional<Date> from;
  std::optional<Date> to;  // inclusive
};

/// Whether a name is acceptable as an account or team name.
bool valid_account_name(std::string_view name);

}  // namespace waymark
