// Walk-throughs kept in the case store, shared by every `waymark serve` of a team.
#include <waymark/store.h>

#include "session_shelf.h"

namespace waymark::web {

namespace {

class StoreShelf final : public SessionShelf {
 public:
  explicit StoreShelf(Store& store) : store_(store) {}

  bool is_shared() const override { return true; }
  std::string secret() override { return store_.web_secret(); }
  bool holds_browser(std::string_view) const override { return false; }  // every id here is signed
  std::optional<std::string> load(const WebWalkKey& key) const override {
    auto walk = store_.web_walk(key);
    return walk ? std::optional(std::move(walk->session_json)) : std::nullopt;
  }
  bool holds(const WebWalkKey& key) const override { return store_.web_walk(key).has_value(); }
  std::vector<std::string> walk_ids(const std::string& browser, const std::string& policy_id) override {
    std::vector<std::string> ids;
    for (auto& walk : store_.web_walks(browser, policy_id)) ids.push_back(std::move(walk.walk_id));
    return ids;
  }
  void save(const WebWalkKey& key, const std::string& session_json) override {
    store_.save_web_walk(key, session_json);
  }
  std::optional<std::string> filed_record(const WebWalkKey& key) const override {
    auto walk = store_.web_walk(key);
    return walk ? walk->filed_record : std::nullopt;
  }
  void set_filed_record(const WebWalkKey& key, const std::optional<std::string>& record_json) override {
    store_.set_web_walk_filed(key, record_json);
  }

 private:
  Store& store_;
};

}  // namespace

std::unique_ptr<SessionShelf> store_shelf(Store& store) { return std::make_unique<StoreShelf>(store); }

}  // namespace waymark::web
