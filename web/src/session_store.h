// Walk-throughs in progress, per browser and policy, kept in memory and saved as the CLI's
// session JSON (<dir>/<browser id>/<policy id>.json) so a restart loses nothing.
#pragma once

#include <waymark/registry.h>
#include <waymark/session.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace waymark::web {

class SessionStore {
 public:
  // Creates the folder (owner-only) and the CSRF secret in it if they do not exist.
  SessionStore(const PolicyRegistry& registry, std::filesystem::path dir);

  // Not thread-safe by itself: callers hold this while they use the store and its sessions.
  std::mutex& mutex() { return mutex_; }

  // Gives a new browser an unguessable id, signed so it need not be remembered; its folder is
  // made when it first saves.
  std::string new_browser();
  // True for an id this store gave out (now or before a restart, under the same secret).
  bool is_known(std::string_view browser_id) const;
  std::string csrf_for(std::string_view browser_id) const;

  // The browser's walk-through of a policy, read back from disk after a restart; nullptr if none.
  Session* find(const std::string& browser_id, const std::string& policy_id);
  // Starts (or restarts) a walk-through of the session's policy.
  Session& put(const std::string& browser_id, Session session);
  // Writes the walk-through to disk (replacing the file atomically).
  void save(const std::string& browser_id, const Session& session) const;
  // Serialises a changed copy of a walk-through, writes it, and only then replaces the one in
  // memory: if either step throws, memory and disk are left as they were.
  Session& commit(const std::string& browser_id, Session changed);

 private:
  std::filesystem::path file_of(const std::string& browser_id, const std::string& policy_id) const;

  const PolicyRegistry& registry_;
  std::filesystem::path dir_;
  std::string secret_;
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Session> sessions_;
};

}  // namespace waymark::web
