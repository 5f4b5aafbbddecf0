// What `waymark serve` keeps between requests when several serve processes share one store:
// walk-throughs in progress, the record each was filed with, the form-token secret and sign-ins.
// None of it is history, so rows are replaced and removed (no triggers, no chain).
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <waymark/random_bytes.h>

#include <algorithm>
#include <chrono>

#include "store_impl.h"

namespace waymark {

using detail::Statement;

namespace {

constexpr std::size_t secret_bytes = 32;

// Milliseconds, fixed width, so the text sorts in time order and walk-throughs saved within one
// second still list the latest first.
std::string saved_at_now() {
  const auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  const auto seconds = std::chrono::floor<std::chrono::seconds>(now);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", seconds, (now - seconds).count());
}

std::string lower_hex(const std::string& bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) out += fmt::format("{:02x}", static_cast<unsigned char>(c));
  return out;
}

bool is_sha256_hex(std::string_view text) {
  return text.size() == 64 &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// A token itself must never be stored: only its SHA-256, in hex.
void require_token_hash(const std::string& token_hash) {
  if (!is_sha256_hex(token_hash))
    throw StoreError("a sign-in is kept by the SHA-256 of its token (64 lower case hex digits), never the token");
}

// Columns: walk_id, session_json, filed_record, saved_at.
constexpr const char* walk_columns = "walk_id, session_json, filed_record, saved_at";
WebWalk walk_from(const Statement& row) {
  WebWalk w;
  w.walk_id = row.text(0);
  w.session_json = row.text(1);
  if (!row.is_null(2)) w.filed_record = row.text(2);
  w.saved_at = row.text(3);
  return w;
}

Statement& bind_key(Statement& s, const WebWalkKey& key, int first) {
  return s.bind(first, key.browser).bind(first + 1, key.policy_id).bind(first + 2, key.walk_id);
}

}  // namespace

void Store::save_web_walk(const WebWalkKey& key, const std::string& session_json) {
  const auto& db = impl_->db;
  detail::Transaction t(db);
  Statement upsert(db,
                   "INSERT INTO web_walks(browser, policy_id, walk_id, session_json, filed_record, saved_at) "
                   "VALUES (?, ?, ?, ?, NULL, ?) ON CONFLICT (browser, policy_id, walk_id) DO UPDATE SET "
                   "session_json = excluded.session_json, saved_at = excluded.saved_at");
  bind_key(upsert, key, 1).bind(4, session_json).bind(5, saved_at_now()).run();
  t.commit();
}

std::optional<WebWalk> Store::web_walk(const WebWalkKey& key) const {
  Statement s(impl_->db,
              fmt::format("SELECT {} FROM web_walks WHERE browser = ? AND policy_id = ? AND walk_id = ?", walk_columns)
                  .c_str());
  if (!bind_key(s, key, 1).step()) return std::nullopt;
  return walk_from(s);
}

std::vector<WebWalk> Store::web_walks(const std::string& browser, const std::string& policy_id) const {
  Statement s(impl_->db, fmt::format("SELECT {} FROM web_walks WHERE browser = ? AND policy_id = ? "
                                     "ORDER BY saved_at DESC, walk_id",
                                     walk_columns)
                             .c_str());
  s.bind(1, browser).bind(2, policy_id);
  std::vector<WebWalk> out;
  while (s.step()) out.push_back(walk_from(s));
  return out;
}

void Store::set_web_walk_filed(const WebWalkKey& key, const std::optional<std::string>& record_json) {
  const auto& db = impl_->db;
  detail::Transaction t(db);
  Statement held(db, "SELECT 1 FROM web_walks WHERE browser = ? AND policy_id = ? AND walk_id = ?");
  if (!bind_key(held, key, 1).step())
    throw StoreError(
        fmt::format("{}: no walk-through '{}' of policy '{}' is saved for this browser, so it cannot be "
                    "marked filed",
                    db.path().string(), key.walk_id, key.policy_id));
  Statement update(db, "UPDATE web_walks SET filed_record = ? WHERE browser = ? AND policy_id = ? AND walk_id = ?");
  if (record_json)
    update.bind(1, *record_json);
  else
    update.bind_null(1);
  bind_key(update, key, 2).run();
  t.commit();
}

std::string Store::web_secret() {
  const auto& db = impl_->db;
  if (Statement s(db, "SELECT secret FROM web_secret WHERE id = 1"); s.step()) return s.text(0);
  // Made under the writers' lock, and read back: a process that made it first wins, so every
  // process signs with the same secret.
  const std::string made = lower_hex(random_bytes(secret_bytes));
  detail::Transaction t(db);
  Statement(db, "INSERT INTO web_secret(id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING").bind(1, made).run();
  Statement s(db, "SELECT secret FROM web_secret WHERE id = 1");
  if (!s.step()) throw StoreError(fmt::format("{}: the web page's secret could not be kept", db.path().string()));
  std::string secret = s.text(0);
  t.commit();
  return secret;
}

void Store::add_web_sign_in(const std::string& token_hash, const WebSignIn& sign_in) {
  const auto& db = impl_->db;
  require_token_hash(token_hash);
  detail::Transaction t(db);
  Statement(db, "INSERT INTO web_sign_ins(token_hash, account, last_used) VALUES (?, ?, ?)")
      .bind(1, token_hash)
      .bind(2, sign_in.account)
      .bind(3, sign_in.last_used)
      .run();
  t.commit();
}

std::optional<WebSignIn> Store::web_sign_in(const std::string& token_hash) const {
  Statement s(impl_->db, "SELECT account, last_used FROM web_sign_ins WHERE token_hash = ?");
  if (!s.bind(1, token_hash).step()) return std::nullopt;
  WebSignIn found;
  found.account = s.text(0);
  found.last_used = s.integer(1);
  return found;
}

void Store::touch_web_sign_in(const std::string& token_hash, std::int64_t last_used) {
  const auto& db = impl_->db;
  detail::Transaction t(db);
  // A sign-in another process ended meanwhile stays ended.
  Statement(db, "UPDATE web_sign_ins SET last_used = ? WHERE token_hash = ?")
      .bind(1, last_used)
      .bind(2, token_hash)
      .run();
  t.commit();
}

void Store::end_web_sign_in(const std::string& token_hash) {
  const auto& db = impl_->db;
  detail::Transaction t(db);
  Statement(db, "DELETE FROM web_sign_ins WHERE token_hash = ?").bind(1, token_hash).run();
  t.commit();
}

void Store::end_web_sign_ins_of(const std::string& account) {
  const auto& db = impl_->db;
  detail::Transaction t(db);
  Statement(db, "DELETE FROM web_sign_ins WHERE account = ?").bind(1, account).run();
  t.commit();
}

std::size_t Store::end_web_sign_ins_unused_since(std::int64_t before) {
  const auto& db = impl_->db;
  detail::Transaction t(db);
  // Counted and removed under the writers' lock, so the count is what was removed.
  Statement counted(db, "SELECT count(*) FROM web_sign_ins WHERE last_used < ?");
  const std::int64_t ended = counted.bind(1, before).step() ? counted.integer(0) : 0;
  Statement(db, "DELETE FROM web_sign_ins WHERE last_used < ?").bind(1, before).run();
  t.commit();
  return static_cast<std::size_t>(ended);
}

}  // namespace waymark
