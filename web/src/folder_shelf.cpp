// Walk-throughs kept as files in the session folder, for one `waymark serve`: a restart loses
// nothing, and a saved file can be resumed in the terminal (`waymark run POLICY --resume FILE`).
#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

#include "csrf.h"
#include "session_store.h"
#include "session_shelf.h"

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

class FolderShelf final : public SessionShelf {
 public:
  explicit FolderShelf(fs::path dir) : dir_(std::move(dir)) { make_private_folder(dir_); }

  bool is_shared() const override { return false; }

  std::string secret() override {
    const fs::path file = dir_ / "csrf-secret";
    std::string secret = fs::exists(file) ? read_all(file) : std::string();
    if (secret.size() != 64) {
      secret = random_hex(32);
      write_atomically(file, secret);
    }
    return secret;
  }

  bool holds_browser(std::string_view browser_id) const override {
    std::error_code error;
    return is_browser_id(browser_id) && fs::is_directory(dir_ / std::string(browser_id), error);
  }

  std::optional<std::string> load(const WebWalkKey& key) const override {
    std::error_code error;
    if (!fs::is_regular_file(file_of(key), error)) return std::nullopt;
    return read_all(file_of(key));
  }

  bool holds(const WebWalkKey& key) const override {
    std::error_code error;
    return fs::exists(file_of(key), error);
  }

  std::vector<std::string> walk_ids(const std::string& browser, const std::string& policy_id) override {
    std::error_code error;
    // A walk-through saved before walk ids (<browser>/<policy>.json) becomes one walk among others.
    if (const fs::path legacy = dir_ / browser / (policy_id + ".json"); fs::is_regular_file(legacy, error)) {
      make_private_folder(dir_ / browser / policy_id);
      WebWalkKey key{browser, policy_id, random_hex(4)};
      while (holds(key)) key.walk_id = random_hex(4);
      fs::rename(legacy, file_of(key), error);
    }
    std::vector<std::pair<fs::file_time_type, std::string>> found;
    for (const auto& file : fs::directory_iterator(dir_ / browser / policy_id, error))
      if (file.path().extension() == ".json" && is_walk_id(file.path().stem().string()))
        found.emplace_back(file.last_write_time(error), file.path().stem().string());
    std::ranges::sort(found, std::greater{});  // the latest change first
    std::vector<std::string> ids;
    for (auto& [time, walk_id] : found) ids.push_back(std::move(walk_id));
    return ids;
  }

  void save(const WebWalkKey& key, const std::string& session_json) override {
    make_private_folder(dir_ / key.browser);
    make_private_folder(dir_ / key.browser / key.policy_id);
    write_atomically(file_of(key), session_json);
  }

  std::optional<std::string> filed_record(const WebWalkKey& key) const override {
    const fs::path file = filed_file_of(key);
    std::error_code error;
    if (!fs::is_regular_file(file, error)) return std::nullopt;
    return read_all(file);
  }

  void set_filed_record(const WebWalkKey& key, const std::optional<std::string>& record_json) override {
    std::error_code error;
    if (record_json)
      write_atomically(filed_file_of(key), *record_json);
    else
      fs::remove(filed_file_of(key), error);
  }

 private:
  // All three parts come from checked sources: a known browser id, a policy id found in the
  // registry, and a walk id of 8 hex digits.
  fs::path file_of(const WebWalkKey& key) const { return dir_ / key.browser / key.policy_id / (key.walk_id + ".json"); }
  fs::path filed_file_of(const WebWalkKey& key) const { return fs::path(file_of(key)).replace_extension(".filed"); }

  fs::path dir_;
};

}  // namespace

std::unique_ptr<SessionShelf> folder_shelf(fs::path dir) { return std::make_unique<FolderShelf>(std::move(dir)); }

}  // namespace waymark::web
