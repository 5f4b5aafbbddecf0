#include "session_store.h"

#include <algorithm>
#include <fstream>
#include <functional>
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

bool is_walk_id(std::string_view text) {
  return text.size() == 8 &&
         std::ranges::all_of(text, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

SessionStore::SessionStore(const PolicyRegistry& registry, fs::path dir) : registry_(registry), dir_(std::move(dir)) {
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

std::string SessionStore::account_browser(std::string_view account) const {
  return account_browser_id(secret_, account);
}

std::string SessionStore::csrf_for(std::string_view browser_id) const { return csrf_token(secret_, browser_id); }

fs::path SessionStore::file_of(const std::string& browser_id, const std::string& policy_id,
                               const std::string& walk_id) const {
  // All three come from checked sources: a known browser id, a policy id found in the registry,
  // and a walk id of 8 hex digits.
  return dir_ / browser_id / policy_id / (walk_id + ".json");
}

Session* SessionStore::find(const std::string& browser_id, const std::string& policy_id, const std::string& walk_id) {
  if (!is_walk_id(walk_id)) return nullptr;
  const auto key = std::tuple(browser_id, policy_id, walk_id);
  if (auto found = sessions_.find(key); found != sessions_.end()) return &found->second;
  const fs::path file = file_of(browser_id, policy_id, walk_id);
  std::error_code error;
  if (!fs::is_regular_file(file, error)) return nullptr;
  const std::string saved = read_all(file);
  // A walk-through carries on under the version it was started with (a past session date may have
  // chosen an older one); latest first, as most are under the version in force today.
  const auto versions = registry_.versions(policy_id);
  for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
    try {
      auto session = Session::from_json(saved, (*it)->policy);
      return &sessions_.insert_or_assign(key, std::move(session)).first->second;
    } catch (const Error&) {
      // Saved under another version: try the next.
    }
  }
  return nullptr;  // saved under a version no longer installed: start again
}

std::vector<std::pair<std::string, const Session*>> SessionStore::walks(const std::string& browser_id,
                                                                        const std::string& policy_id) {
  std::error_code error;
  // A walk-through saved before walk ids (<browser>/<policy>.json) becomes one walk among others.
  if (const fs::path legacy = dir_ / browser_id / (policy_id + ".json"); fs::is_regular_file(legacy, error)) {
    make_private_folder(dir_ / browser_id / policy_id);
    std::string walk_id = random_hex(4);
    while (fs::exists(file_of(browser_id, policy_id, walk_id), error)) walk_id = random_hex(4);
    fs::rename(legacy, file_of(browser_id, policy_id, walk_id), error);
  }
  std::vector<std::pair<fs::file_time_type, std::string>> found;
  for (const auto& file : fs::directory_iterator(dir_ / browser_id / policy_id, error))
    if (file.path().extension() == ".json" && is_walk_id(file.path().stem().string()))
      found.emplace_back(file.last_write_time(error), file.path().stem().string());
  std::ranges::sort(found, std::greater{});  // the latest change first
  std::vector<std::pair<std::string, const Session*>> walks;
  for (const auto& [time, walk_id] : found)
    if (const Session* session = find(browser_id, policy_id, walk_id)) walks.emplace_back(walk_id, session);
  return walks;
}

std::string SessionStore::start(const std::string& browser_id, Session session) {
  std::string walk_id = random_hex(4);
  std::error_code error;
  while (fs::exists(file_of(browser_id, session.policy().id(), walk_id), error)) walk_id = random_hex(4);
  commit(browser_id, walk_id, std::move(session));
  return walk_id;
}

Session& SessionStore::commit(const std::string& browser_id, const std::string& walk_id, Session changed) {
  const std::string policy_id = changed.policy().id();
  make_private_folder(dir_ / browser_id);
  make_private_folder(dir_ / browser_id / policy_id);
  write_atomically(file_of(browser_id, policy_id, walk_id), changed.to_json());
  auto key = std::tuple(browser_id, policy_id, walk_id);
  return sessions_.insert_or_assign(std::move(key), std::move(changed)).first->second;
}

std::optional<std::string> SessionStore::filed_record(const std::string& browser_id, const std::string& policy_id,
                                                      const std::string& walk_id) const {
  const fs::path file = fs::path(file_of(browser_id, policy_id, walk_id)).replace_extension(".filed");
  std::error_code error;
  if (!fs::is_regular_file(file, error)) return std::nullopt;
  return read_all(file);
}

void SessionStore::set_filed_record(const std::string& browser_id, const std::string& policy_id,
                                    const std::string& walk_id, const std::string& record_json) {
  write_atomically(fs::path(file_of(browser_id, policy_id, walk_id)).replace_extension(".filed"), record_json);
}

void SessionStore::clear_filed_record(const std::string& browser_id, const std::string& policy_id,
                                      const std::string& walk_id) {
  std::error_code error;
  fs::remove(fs::path(file_of(browser_id, policy_id, walk_id)).replace_extension(".filed"), error);
}

}  // namespace waymark::web
