// Accounts: who may sign in to a team's store, under which role, for which teams. Passwords are
// kept as Argon2id hashes (password_hash.h); repeated failures lock the account for a while.
#include <fmt/format.h>
#include <waymark/session.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "password_hash.h"
#include "store_impl.h"

namespace waymark {

using detail::Statement;

bool valid_account_name(std::string_view name) {
  auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  };
  return !name.empty() && name.size() <= max_account_name_length && std::all_of(name.begin(), name.end(), allowed) &&
         name.front() != '.' && name.front() != '_' && name.front() != '-';
}

namespace {

constexpr const char* name_rule =
    "1 to 64 lower case letters, digits, '.', '_' or '-', starting with a letter or digit (a staff number or login, "
    "never a person's name)";
// A password longer than this is a mistake (or an attempt to make hashing slow), not a passphrase.
constexpr std::size_t max_password_bytes = 1024;
// Enough doublings to pass longest_lock_seconds from first_lock_seconds, without overflowing.
constexpr int max_lock_doublings = 20;

void require_name(const std::string& name, std::string_view what) {
  if (!valid_account_name(name)) throw StoreError(fmt::format("{} '{}' is not acceptable: {}", what, name, name_rule));
}

void require_password(const std::string& password) {
  // Counted in characters, not bytes, so a passphrase in any script is measured fairly.
  const auto characters = static_cast<std::size_t>(std::count_if(
      password.begin(), password.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
  if (characters < min_password_length)
    throw StoreError(
        fmt::format("a password has at least {} characters (this one has {}); a passphrase of a few "
                    "words is easier to remember",
                    min_password_length, characters));
  if (password.size() > max_password_bytes)
    throw StoreError(fmt::format("a password has at most {} bytes", max_password_bytes));
}

// Teams are kept as one comma list, sorted, each once (a team name has no comma).
std::string teams_text(const std::vector<std::string>& teams) {
  const std::set<std::string> unique(teams.begin(), teams.end());
  std::string out;
  for (const auto& team : unique) out += (out.empty() ? "" : ",") + team;
  return out;
}

std::vector<std::string> teams_list(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

AccessRole role_from(const detail::Database& db, const std::string& name, const std::string& text) {
  if (const auto role = parse<AccessRole>(text)) return *role;
  throw StoreError(
      fmt::format("{}: account '{}' has a role Waymark does not know ('{}'); it was changed outside "
                  "Waymark",
                  db.path().string(), name, detail::readable_text(text)));
}

// Columns: name, role, teams, whether it has a password, disabled.
constexpr const char* account_columns =
    "name, role, teams, CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END, disabled";  // an integer on both backends
Account account_from(const detail::Database& db, const Statement& row) {
  Account a;
  a.name = row.text(0);
  a.role = role_from(db, a.name, row.text(1));
  a.teams = teams_list(row.text(2));
  a.has_password = row.integer(3) != 0;
  a.disabled = row.integer(4) != 0;
  return a;
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void require_account(const detail::Database& db, const std::string& name) {
  Statement s(db, "SELECT 1 FROM accounts WHERE name = ?");
  if (!s.bind(1, name).step())
    throw StoreError(
        fmt::format("{}: no account '{}' in this store (`waymark user list` lists them)", db.path().string(), name));
}

}  // namespace

void Store::add_account(const Account& account, const std::optional<std::string>& password) {
  const auto& db = impl_->db;
  require_name(account.name, "the account name");
  for (const auto& team : account.teams) require_name(team, "the team name");
  std::optional<std::string> hash;
  if (password) {
    require_password(*password);
    hash = detail::hash_password(*password);  // before the lock: it takes a while, on purpose
  }
  detail::Transaction t(db);
  if (Statement taken(db, "SELECT 1 FROM accounts WHERE name = ?"); taken.bind(1, account.name).step())
    throw StoreError(fmt::format("{}: account '{}' is already in this store", db.path().string(), account.name));
  Statement insert(db,
                   "INSERT INTO accounts(name, role, teams, password_hash, disabled, failed_sign_ins, locked_until, "
                   "created_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?)");
  insert.bind(1, account.name).bind(2, to_string(account.role)).bind(3, teams_text(account.teams));
  if (hash)
    insert.bind(4, *hash);
  else
    insert.bind_null(4);
  insert.bind(5, std::int64_t{account.disabled ? 1 : 0}).bind(6, timestamp_now()).run();
  t.commit();
}

void Store::set_account_disabled(const std::string& name, bool disabled) {
  const auto& db = impl_->db;
  detail::Transaction t(db);
  require_account(db, name);
  Statement(db, "UPDATE accounts SET disabled = ? WHERE name = ?")
      .bind(1, std::int64_t{disabled ? 1 : 0})
      .bind(2, name)
      .run();
  t.commit();
}

void Store::set_password(const std::string& name, const std::string& password) {
  const auto& db = impl_->db;
  require_password(password);
  const std::string hash = detail::hash_password(password);
  detail::Transaction t(db);
  require_account(db, name);
  Statement(db, "UPDATE accounts SET password_hash = ?, failed_sign_ins = 0, locked_until = 0 WHERE name = ?")
      .bind(1, hash)
      .bind(2, name)
      .run();
  t.commit();
}

std::optional<Account> Store::find_account(const std::string& name) const {
  const auto& db = impl_->db;
  Statement s(db, fmt::format("SELECT {} FROM accounts WHERE name = ?", account_columns).c_str());
  if (!s.bind(1, name).step()) return std::nullopt;
  return account_from(db, s);
}

std::vector<Account> Store::accounts() const {
  const auto& db = impl_->db;
  Statement s(db, fmt::format("SELECT {} FROM accounts ORDER BY name", account_columns).c_str());
  std::vector<Account> out;
  while (s.step()) out.push_back(account_from(db, s));
  return out;
}

SignInResult Store::sign_in(const std::string& name, const std::string& password) {
  const auto& db = impl_->db;
  SignInResult result;
  const std::int64_t now = unix_now();
  std::optional<std::string> hash;
  bool disabled = false;
  {
    Statement s(db, "SELECT password_hash, disabled, locked_until FROM accounts WHERE name = ?");
    if (!s.bind(1, name).step()) {
      detail::spend_a_password_check(password);
      return result;  // wrong_password, as for a known name
    }
    if (const std::int64_t until = s.integer(2); until > now) {
      // Locked: the password is not even checked, so guessing goes no faster.
      result.outcome = SignInResult::Outcome::locked;
      result.retry_after_seconds = until - now;
      return result;
    }
    if (!s.is_null(0)) hash = s.text(0);
    disabled = s.integer(1) != 0;
  }
  // Checked outside the write lock: it takes tens of milliseconds on purpose.
  bool matches = false;
  if (hash)
    matches = detail::password_matches(password, *hash);
  else
    detail::spend_a_password_check(password);
  // A disabled account says so only to someone who knows its password.
  if (disabled) {
    if (matches) result.outcome = SignInResult::Outcome::disabled;
    return result;
  }
  detail::Transaction t(db);
  if (matches) {
    Statement(db, "UPDATE accounts SET failed_sign_ins = 0, locked_until = 0 WHERE name = ?").bind(1, name).run();
    result.outcome = SignInResult::Outcome::signed_in;
    result.account = find_account(name);
    t.commit();
    return result;
  }
  // Read again under the lock: attempts at the same moment each count.
  Statement s(db, "SELECT failed_sign_ins, locked_until FROM accounts WHERE name = ?");
  if (!s.bind(1, name).step()) return result;  // removed meanwhile
  if (s.integer(1) > now) {
    result.outcome = SignInResult::Outcome::locked;
    result.retry_after_seconds = s.integer(1) - now;
    return result;
  }
  const std::int64_t failures = s.integer(0) + 1;
  std::int64_t lock = 0;
  if (failures >= failures_before_lock) {
    const auto doublings =
        static_cast<int>(std::min<std::int64_t>(failures - failures_before_lock, max_lock_doublings));
    lock = std::min(first_lock_seconds << doublings, longest_lock_seconds);
  }
  Statement(db, "UPDATE accounts SET failed_sign_ins = ?, locked_until = ? WHERE name = ?")
      .bind(1, failures)
      .bind(2, lock ? now + lock : std::int64_t{0})
      .bind(3, name)
      .run();
  t.commit();
  if (lock) {
    // The failure that locks the account says so, and for how long.
    result.outcome = SignInResult::Outcome::locked;
    result.retry_after_seconds = lock;
  }
  return result;
}

}  // namespace waymark
