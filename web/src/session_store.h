// Walk-throughs, per browser, policy and walk id, saved as the CLI's session JSON on a shelf
// (session_shelf.h: the session folder, or a team's PostgreSQL store) so a restart loses nothing, and
// kept in memory too when no other process shares the shelf. A browser can hold several
// walk-throughs of one policy (two cases, two tabs): each has its own id, carried in the pages'
// addresses, so one never overwrites another.
#pragma once

#include <waymark/policy_registry.h>
#include <waymark/session.h>

#include "session_shelf.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace waymark::web {

// True for text shaped like a walk id, 8 lowercase hex digits (checked before it names a file).
bool is_walk_id(std::string_view text);

class SessionStore {
 public:
  // Takes the shelf's CSRF secret, making one if it has none.
  SessionStore(const PolicyRegistry& registry, std::unique_ptr<SessionShelf> shelf);

  // Not thread-safe by itself: callers hold this while they use the store and its sessions.
  std::mutex& mutex() { return mutex_; }

  // Gives a new browser an unguessable id, signed so it need not be remembered; its folder is
  // made when it first saves.
  std::string new_browser();
  // True for an id this store gave out (now or before a restart, under the same secret).
  bool is_known(std::string_view browser_id) const;
  std::string csrf_for(std::string_view browser_id) const;
  // The browser id a signed-in account uses on every browser (csrf.h account_browser_id).
  std::string account_browser(std::string_view account) const;

  // A walk-through, read back from the shelf after a restart (or on every call when the shelf is
  // shared); nullptr if none (or if it was saved under a version no longer installed).
  Session* find(const std::string& browser_id, const std::string& policy_id, const std::string& walk_id);
  // The browser's walk-throughs of a policy, the latest changed first, with their ids.
  std::vector<std::pair<std::string, const Session*>> walks(const std::string& browser_id,
                                                            const std::string& policy_id);
  // Saves a new walk-through beside any others; returns its id.
  std::string start(const std::string& browser_id, Session session);
  // Serialises a changed copy of a walk-through, writes it, and only then replaces the one in
  // memory: if either step throws, memory and disk are left as they were.
  Session& commit(const std::string& browser_id, const std::string& walk_id, Session changed);

  // The evidence record a walk-through was filed with, kept beside its session file
  // (<walk id>.filed) so filing stays once per walk-through across restarts. It is written just
  // before the record is stored: the case store holding that exact record is what says it is
  // filed, so a crash between the two cannot file it twice, nor mark it filed when it is not.
  std::optional<std::string> filed_record(const std::string& browser_id, const std::string& policy_id,
                                          const std::string& walk_id) const;
  void set_filed_record(const std::string& browser_id, const std::string& policy_id, const std::string& walk_id,
                        const std::string& record_json);
  // Forgets it (the store refused the record).
  void clear_filed_record(const std::string& browser_id, const std::string& policy_id, const std::string& walk_id);

 private:
  const PolicyRegistry& registry_;
  std::unique_ptr<SessionShelf> shelf_;
  std::string secret_;
  std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, std::string>, Session> sessions_;
};

}  // namespace waymark::web
