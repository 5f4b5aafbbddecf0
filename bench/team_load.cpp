// A team's `waymark serve` under load (issue #18): N practitioners, each signed in with an account
// of the store, walk through the web fixture on a case of their team and file its record, again
// and again, for a bounded time, over loopback. Reports page times (p50, p99), pages and records
// per second, error pages, and checks that every acknowledged record is in the store once and the
// chain verifies. Exit 1 if any of that fails.
//
// usage: waymark_team_load [--db LOCATOR] [--users N] [--seconds S]
//   LOCATOR: an SQLite file (default: a new one in a temporary folder) or a postgresql:// store,
//   which must be new and empty.
#include <waymark/policy_registry.h>
#include <waymark/store.h>
#include <waymark/web/server.h>

#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "support/web_fixture_answers.h"

namespace {

using namespace waymark;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr const char* password = "team load password";

struct Options {
  std::string db;
  int users = 50;
  int seconds = 120;
};

// What every practitioner saw, merged.
struct Tally {
  std::mutex mutex;
  std::vector<double> page_ms;
  std::set<std::int64_t> acknowledged;
  int duplicates = 0;  // a chain entry acknowledged twice
  int failures = 0;    // an error page, a refused request or a lost connection
  std::map<std::string, int> failure_kinds;
  int walks = 0;
};

// One signed-in browser: its cookie, its latest form token, and the time of each page.
class Practitioner {
 public:
  Practitioner(int port, std::string account) : client_("127.0.0.1", port), account_(std::move(account)) {
    client_.set_keep_alive(true);
    client_.set_tcp_nodelay(true);
  }

  bool sign_in() {
    if (!expect(get("/sign-in"), 200)) return false;
    return expect(post("/sign-in", {{"account", account_}, {"password", password}}), 303);
  }

  // Walks the web fixture on `reference` and files it; the filed chain entry, or -1.
  std::int64_t walk_and_file(const std::string& reference) {
    if (!expect(get("/policies/web-fixture"), 200)) return -1;
    auto at = post("/policies/web-fixture/start", {{"case", reference}});
    if (!expect(at, 303)) return -1;
    std::string next = at->get_header_value("Location");
      for (const auto& answer : test::web_fixture_answers()) {
      auto answered = post(next, answer);
      if (!expect(answered, 303)) return -1;
      next = answered->get_header_value("Location");
    }
    const std::string base = next.substr(0, next.rfind("/check"));
    if (!expect(get(base + "/outcome"), 200)) return -1;
    auto filed = post(base + "/file", {{"confirm", "yes"}});
    if (!expect(filed, 303)) return -1;
    const std::string location = filed->get_header_value("Location");
    const auto seq = location.find("filed=");
    if (seq == std::string::npos) return -1;
    if (!expect(get(location), 200)) return -1;
    return std::stoll(location.substr(seq + 6));
  }

  const std::vector<double>& page_ms() const { return page_ms_; }
  int failures() const { return failures_; }
  const std::map<std::string, int>& failure_kinds() const { return failure_kinds_; }

 private:
  httplib::Result get(const std::string& path) {
    return timed([&] { return client_.Get(path, headers()); });
  }
  httplib::Result post(const std::string& path, httplib::Params params) {
    params.emplace("csrf", csrf_);
    return timed([&] { return client_.Post(path, headers(), params); });
  }
  template <class Request>
  httplib::Result timed(Request request) {
    const auto start = Clock::now();
    httplib::Result result = request();
    page_ms_.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!result) return result;
    if (const std::string cookie = result->get_header_value("Set-Cookie"); !cookie.empty())
      cookie_ = cookie.substr(0, cookie.find(';'));
    const std::string marker = "name=\"csrf\" value=\"";
    if (const auto at = result->body.find(marker); at != std::string::npos)
      csrf_ = result->body.substr(at + marker.size(), 64);
    return result;
  }
  httplib::Headers headers() const { return cookie_.empty() ? httplib::Headers{} : httplib::Headers{{"Cookie", cookie_}}; }
  bool expect(const httplib::Result& result, int status) {
    if (result && result->status == status) return true;
    ++failures_;
    ++failure_kinds_[result ? std::to_string(result->status) : httplib::to_string(result.error())];
    return false;
  }

  httplib::Client client_;
  std::string account_;
  std::string cookie_;
  std::string csrf_;
  std::vector<double> page_ms_;
  int failures_ = 0;
  std::map<std::string, int> failure_kinds_;  // by status, or the connection's error
};

Options read_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    if (name == "--db")
      options.db = argv[i + 1];
    else if (name == "--users")
      options.users = std::stoi(argv[i + 1]);
    else if (name == "--seconds")
      options.seconds = std::stoi(argv[i + 1]);
    else
      throw std::runtime_error("unknown option " + name);
  }
  return options;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) try {
  Options options = read_options(argc, argv);
  const fs::path dir = fs::temp_directory_path() / fmt::format("waymark-team-load-{}", ::getpid());
  fs::create_directories(dir);
  if (options.db.empty()) options.db = (dir / "cases.db").string();

  Store store(options.db);
  for (int user = 1; user <= options.users; ++user) {
    const std::string reference = fmt::format("C-{}", user);
    store.add_case(reference);
    store.set_case_team(reference, "north");
    store.add_account({fmt::format("sw{}", user), AccessRole::practitioner, {"north"}, false, false}, password);
  }
  PolicyRegistry registry;
  registry.add_directory(WAYMARK_WEB_FIXTURES);
  web::ServerOptions server_options;
  server_options.port = 0;
  server_options.session_dir = dir / "sessions";
  server_options.cases = &store;
  server_options.log = [](std::string_view) {};
  server_options.sign_in.mode = web::SignInOptions::Mode::accounts;
  // The practitioners stand for as many computers, but all connect from 127.0.0.1 here; twice as
  // many places, as a connection replaced after its last kept-alive request may briefly overlap
  // its successor.
  server_options.limits.per_address = 2 * static_cast<std::size_t>(options.users);
  server_options.limits.total = std::max<std::size_t>(server_options.limits.total, server_options.limits.per_address);
  web::Server server(registry, server_options);
  const int port = server.bind();
  std::thread serving([&] { server.run(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  Tally tally;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::seconds(options.seconds);
  std::vector<std::thread> practitioners;
  for (int user = 1; user <= options.users; ++user)
    practitioners.emplace_back([&, user] {
      Practitioner practitioner(port, fmt::format("sw{}", user));
      std::vector<std::int64_t> filed;
      int walks = 0;
      if (practitioner.sign_in())
        while (Clock::now() < deadline) {
          ++walks;
          if (const auto seq = practitioner.walk_and_file(fmt::format("C-{}", user)); seq >= 0) filed.push_back(seq);
        }
      std::lock_guard lock(tally.mutex);
      tally.page_ms.insert(tally.page_ms.end(), practitioner.page_ms().begin(), practitioner.page_ms().end());
      for (const auto seq : filed) tally.duplicates += !tally.acknowledged.insert(seq).second;
      tally.failures += practitioner.failures();
      for (const auto& [kind, count] : practitioner.failure_kinds()) tally.failure_kinds[kind] += count;
      tally.walks += walks;
    });
  for (auto& practitioner : practitioners) practitioner.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  server.stop();
  serving.join();

  std::set<std::int64_t> records;
  for (int user = 1; user <= options.users; ++user)
    for (const ChainEntry& entry : store.entries(fmt::format("C-{}", user)))
      if (entry.kind == "record") records.insert(entry.seq);
  std::size_t missing = 0;
  for (const auto seq : tally.acknowledged) missing += !records.contains(seq);
  const std::size_t stored = records.size();
  const ChainReport report = store.verify();

  fmt::print("{} practitioners for {:.0f} s on {}\n", options.users, elapsed, store.is_postgresql() ? "PostgreSQL" : "SQLite");
  fmt::print("pages: {} ({:.0f}/s), p50 {:.1f} ms, p99 {:.1f} ms\n", tally.page_ms.size(),
             static_cast<double>(tally.page_ms.size()) / elapsed, percentile(tally.page_ms, 0.5),
             percentile(tally.page_ms, 0.99));
  fmt::print("walk-throughs: {}, records acknowledged: {} ({:.1f}/s), stored: {}\n", tally.walks,
             tally.acknowledged.size(), static_cast<double>(tally.acknowledged.size()) / elapsed, stored);
  fmt::print("failed requests: {}, acknowledged but missing: {}, acknowledged twice: {}, chain: {}\n", tally.failures,
             missing, tally.duplicates, report.ok ? "intact" : report.problem);
  for (const auto& [kind, count] : tally.failure_kinds) fmt::print("  failed with {}: {}\n", kind, count);
  fs::remove_all(dir);
  const bool ok = tally.failures == 0 && missing == 0 && tally.duplicates == 0 && report.ok &&
                  stored == tally.acknowledged.size() && !tally.acknowledged.empty();
  return ok ? 0 : 1;
} catch (const std::exception& e) {
  fmt::print(stderr, "waymark_team_load: {}\n", e.what());
  return 2;
}
