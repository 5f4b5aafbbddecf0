#include "session_store.h"

#include <algorithm>

#include "csrf.h"

namespace waymark::web {

bool is_walk_id(std::string_view text) {
  return text.size() == 8 &&
         std::ranges::all_of(text, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

SessionStore::SessionStore(const PolicyRegistry& registry, std::unique_ptr<SessionShelf> shelf)
    : registry_(registry), shelf_(std::move(shelf)), secret_(shelf_->secret()) {}

std::string SessionStore::new_browser() { return new_browser_id(secret_); }

bool SessionStore::is_known(std::string_view browser_id) const {
  return is_signed_browser_id(secret_, browser_id) || shelf_->holds_browser(browser_id);
}

std::string SessionStore::account_browser(std::string_view account) const {
  return account_browser_id(secret_, account);
}

std::string SessionStore::csrf_for(std::string_view browser_id) const { return csrf_token(secret_, browser_id); }

Session* SessionStore::find(const std::string& browser_id, const std::string& policy_id, const std::string& walk_id) {
  if (!is_walk_id(walk_id)) return nullptr;
  const auto key = std::tuple(browser_id, policy_id, walk_id);
  // Another process sharing the shelf may have answered since: read it again.
  if (!shelf_->is_shared())
    if (auto found = sessions_.find(key); found != sessions_.end()) return &found->second;
  const auto saved = shelf_->load({browser_id, policy_id, walk_id});
  if (!saved) return nullptr;
  // A walk-through carries on under the version it was started with (a past session date may have
  // chosen an older one).
  std::vector<std::shared_ptr<const Policy>> versions;
  for (const PolicyEntry* entry : registry_.versions(policy_id)) versions.push_back(entry->policy);
  auto session = Session::from_json_any(*saved, versions);
  if (!session) return nullptr;  // saved under a version no longer installed: start again
  return &sessions_.insert_or_assign(key, std::move(*session)).first->second;
}

std::vector<std::pair<std::string, const Session*>> SessionStore::walks(const std::string& browser_id,
                                                                        const std::string& policy_id) {
  std::vector<std::pair<std::string, const Session*>> walks;
  for (const std::string& walk_id : shelf_->walk_ids(browser_id, policy_id))
    if (const Session* session = find(browser_id, policy_id, walk_id)) walks.emplace_back(walk_id, session);
  return walks;
}

std::string SessionStore::start(const std::string& browser_id, Session session) {
  WebWalkKey key{browser_id, session.policy().id(), random_hex(4)};
  while (shelf_->holds(key)) key.walk_id = random_hex(4);
  commit(browser_id, key.walk_id, std::move(session));
  return key.walk_id;
}

Session& SessionStore::commit(const std::string& browser_id, const std::string& walk_id, Session changed) {
  const std::string policy_id = changed.policy().id();
  shelf_->save({browser_id, policy_id, walk_id}, changed.to_json());
  auto key = std::tuple(browser_id, policy_id, walk_id);
  return sessions_.insert_or_assign(std::move(key), std::move(changed)).first->second;
}

std::optional<std::string> SessionStore::filed_record(const std::string& browser_id, const std::string& policy_id,
                                                      const std::string& walk_id) const {
  return shelf_->filed_record({browser_id, policy_id, walk_id});
}

void SessionStore::set_filed_record(const std::string& browser_id, const std::string& policy_id,
                                    const std::string& walk_id, const std::string& record_json) {
  shelf_->set_filed_record({browser_id, policy_id, walk_id}, record_json);
}

void SessionStore::clear_filed_record(const std::string& browser_id, const std::string& policy_id,
                                      const std::string& walk_id) {
  shelf_->set_filed_record({browser_id, policy_id, walk_id}, std::nullopt);
}

}  // namespace waymark::web
