#include "session_store.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "csrf.h"

namespace waymark::web {

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_atomically(const fs::path& path, const std::string& content) {
  const fs::path temporary = fs::path(path).concat(".tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out.flush()) throw std::runtime_error("cannot write " + temporary.string());
  }
  fs::permissions(temporary, fs::perms::owner_read | fs::perms::owner_write);
  fs::rename(temporary, path);
}

void make_private_folder(const fs::path& dir) {
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all);
}

}  // namespace

SessionStore::SessionStore(const PolicyRegistry& registry, fs::path dir)
    : registry_(registry), dir_(std::move(dir)) {
  make_private_folder(dir_);
  const fs::path secret_file = dir_ / "csrf-secret";
  if (fs::exists(secret_file)) secret_ = read_all(secret_file);
  if (secret_.size() != 64) {
    secret_ = random_hex(32);
    write_atomically(secret_file, secret_);
  }
}

std::string SessionStore::new_browser() { return new_browser_id(secret_); }

bool SessionStore::is_known(std::string_view browser_id) const {
  std::error_code error;
  return is_signed_browser_id(secret_, browser_id) ||
         (is_browser_id(browser_id) && fs::is_directory(dir_ / std::string(browser_id), error));
}

std::string SessionStore::csrf_for(std::string_view browser_id) const {
  return csrf_token(secret_, browser_id);
}

fs::path SessionStore::file_of(const std::string& browser_id, const std::string& policy_id) const {
  // Both come from checked sources: a known browser id, and a policy id found in the registry.
  return dir_ / browser_id / (policy_id + ".json");
}

Session* SessionStore::find(const std::string& browser_id, const std::string& policy_id) {
  const auto key = std::pair(browser_id, policy_id);
  if (auto found = sessions_.find(key); found != sessions_.end()) return &found->second;
  const PolicyEntry* entry = registry_.find(policy_id);
  std::error_code error;
  if (!entry || !fs::is_regular_file(file_of(browser_id, policy_id), error)) return nullptr;
  try {
    auto session = Session::from_json(read_all(file_of(browser_id, policy_id)), entry->policy);
    return &sessions_.insert_or_assign(key, std::move(session)).first->second;
  } catch (const Error&) {
    return nullptr;  // saved under another version of the policy: start again
  }
}

Session& SessionStore::put(const std::string& browser_id, Session session) {
  auto key = std::pair(browser_id, session.policy().id());
  return sessions_.insert_or_assign(std::move(key), std::move(session)).first->second;
}

void SessionStore::save(const std::string& browser_id, const Session& session) const {
  make_private_folder(dir_ / browser_id);
  write_atomically(file_of(browser_id, session.policy().id()), session.to_json());
}

Session& SessionStore::commit(const std::string& browser_id, Session changed) {
  save(browser_id, changed);
  return put(browser_id, std::move(changed));
}

}  // namespace waymark::web
