// Where saved walk-throughs are kept between requests: a folder of the CLI's session JSON files,
// for one `waymark serve`, or the case store, for several `serve` processes sharing one
// PostgreSQL store behind a load balancer (any of them may then serve a practitioner's next page).
//
// A walk-through is a Session, in the web code as everywhere else (docs/architecture.md, "Names").
// What is persisted or public keeps the older word on purpose: the `web_walks` table and
// WebWalkKey/WebWalk (waymark/web_state.h) that mirror it, the `/policies/<id>/walks/<walk id>`
// addresses practitioners bookmark, the walk ids, and the shelf folder's file names. Renaming them
// would orphan saved walk-throughs and break links.
#pragma once

#include <waymark/web_state.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {
class Store;
}

namespace waymark::web {

class SessionShelf {
 public:
  virtual ~SessionShelf() = default;
  // Whether other processes change what it holds: then nothing read from it may be kept in
  // memory from one request to the next.
  virtual bool is_shared() const = 0;
  // The secret form tokens and browser ids are signed with, made on first use.
  virtual std::string secret() = 0;
  // Whether a browser id from before ids were signed has walk-throughs here.
  virtual bool holds_browser(std::string_view browser_id) const = 0;
  virtual std::optional<std::string> load(const WebWalkKey& key) const = 0;
  virtual bool holds(const WebWalkKey& key) const = 0;
  // The browser's walk-throughs of a policy, the latest saved first.
  virtual std::vector<std::string> walk_ids(const std::string& browser, const std::string& policy_id) = 0;
  // Saves the session JSON whole (never half written), keeping any filed record.
  virtual void save(const WebWalkKey& key, const std::string& session_json) = 0;
  virtual std::optional<std::string> filed_record(const WebWalkKey& key) const = 0;
  // Sets, or with nothing clears, the record the walk-through was filed with.
  virtual void set_filed_record(const WebWalkKey& key, const std::optional<std::string>& record_json) = 0;
};

// <dir>/<browser id>/<policy id>/<walk id>.json, with <walk id>.filed beside it; owner-only.
std::unique_ptr<SessionShelf> folder_shelf(std::filesystem::path dir);
// The case store's web_walks (waymark/web_state.h). `store` must outlive the shelf, and be used
// only under the server's lock.
std::unique_ptr<SessionShelf> store_shelf(Store& store);

}  // namespace waymark::web
