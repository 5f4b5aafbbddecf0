// An in-process `waymark serve` on an ephemeral port, and a browser-like client for it.
#pragma once

#include <httplib.h>
#include <waymark/policy_registry.h>
#include <waymark/web/server.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace waymark {
class Store;
}

namespace test {

class WebServer {
 public:
  // Serves the bundled policies and the web fixtures (and the policies in `more_policies`, if
  // given), keeping sessions in `session_dir`, with the case store `cases` if given, sign-in as
  // `sign_in` says, and HTTPS given `tls`.
  explicit WebServer(std::filesystem::path session_dir, waymark::Store* cases = nullptr,
                     waymark::web::ConnectionLimits limits = {}, const std::filesystem::path& more_policies = {},
                     waymark::web::SignInOptions sign_in = {}, waymark::web::TlsOptions tls = {});
  ~WebServer();
  int port() const { return port_; }
  // The address the server prints, e.g. https://127.0.0.1:PORT/.
  std::string address() const { return server_->address(); }
  const waymark::PolicyRegistry& registry() const { return registry_; }
  // Every line the server logged so far, joined.
  std::string log() const;
  // Waits (up to 5 s) until `line` has been logged, then returns the whole log. The server logs a
  // request after sending its response, so a client can see the response before the line exists.
  std::string log_once_logged(std::string_view line) const;

 private:
  waymark::PolicyRegistry registry_;
  mutable std::mutex log_mutex_;
  std::vector<std::string> log_;
  std::unique_ptr<waymark::web::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// Keeps the session cookie and the latest CSRF token, like a browser with a form open.
class Browser {
 public:
  explicit Browser(int port) : client_("127.0.0.1", port) {}
  // Over HTTPS to `origin` ("https://127.0.0.1:PORT"), trusting only the certificate in `ca_file`.
  Browser(const std::string& origin, const std::filesystem::path& ca_file);
  httplib::Result get(const std::string& path);
  // Adds the CSRF token unless `with_csrf` is false.
  httplib::Result post(const std::string& path, httplib::Params params, bool with_csrf = true,
                       httplib::Headers headers = {});
  const std::string& cookie() const { return cookie_; }
  void set_cookie(std::string cookie) { cookie_ = std::move(cookie); }
  const std::string& csrf() const { return csrf_; }

 private:
  void remember(const httplib::Result& result);
  httplib::Client client_;
  std::string cookie_;
  std::string csrf_;
};

// Answers every question of the web fixture (tests/fixtures/web/web-fixture.toml) from `at`, the
// address its start redirected to; returns the walk-through's address, once at its check page.
std::string finish_web_fixture(Browser& browser, std::string at);
// Starts the web fixture with `start` (case, date, role...) and answers every question; returns
// the walk-through's address.
std::string walk_web_fixture(Browser& browser, const httplib::Params& start);

// A fresh empty folder under the system's temporary folder.
std::filesystem::path temporary_folder(const std::string& name);

}  // namespace test
