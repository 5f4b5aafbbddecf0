#include "support/web_client.h"
#include "support/web_fixture_answers.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <random>

namespace test {

namespace fs = std::filesystem;

WebServer::WebServer(fs::path session_dir, waymark::Store* cases, waymark::web::ConnectionLimits limits,
                     const fs::path& more_policies, waymark::web::SignInOptions sign_in,
                     waymark::web::TlsOptions tls) {
  registry_.add_directory(WAYMARK_POLICIES);
  registry_.add_directory(fs::path(WAYMARK_FIXTURES) / "web");
  if (!more_policies.empty()) registry_.add_directory(more_policies);
  waymark::web::ServerOptions options;
  options.port = 0;
  options.session_dir = std::move(session_dir);
  options.cases = cases;
  options.limits = limits;
  options.sign_in = std::move(sign_in);
  options.tls = std::move(tls);
  options.log = [this](std::string_view line) {
    std::lock_guard lock(log_mutex_);
    log_.emplace_back(line);
  };
  server_ = std::make_unique<waymark::web::Server>(registry_, options);
  port_ = server_->bind();
  thread_ = std::thread([this] { server_->run(); });
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

WebServer::~WebServer() {
  server_->stop();
  thread_.join();
}

std::string WebServer::log() const {
  std::lock_guard lock(log_mutex_);
  std::string all;
  for (const auto& line : log_) all += line + "\n";
  return all;
}

std::string WebServer::log_once_logged(std::string_view line) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  std::string all = log();
  while (all.find(line) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    all = log();
  }
  return all;
}

Browser::Browser(const std::string& origin, const fs::path& ca_file) : client_(origin) {
  client_.set_ca_cert_path(ca_file.string());
  client_.enable_server_certificate_verification(true);
}

void Browser::remember(const httplib::Result& result) {
  if (!result) return;
  const std::string set_cookie = result->get_header_value("Set-Cookie");
  if (!set_cookie.empty()) cookie_ = set_cookie.substr(0, set_cookie.find(';'));
  const std::string marker = "name=\"csrf\" value=\"";
  if (const auto at = result->body.find(marker); at != std::string::npos)
    csrf_ = result->body.substr(at + marker.size(), 64);
}

httplib::Result Browser::get(const std::string& path) {
  httplib::Headers headers;
  if (!cookie_.empty()) headers.emplace("Cookie", cookie_);
  auto result = client_.Get(path, headers);
  remember(result);
  return result;
}

httplib::Result Browser::post(const std::string& path, httplib::Params params, bool with_csrf,
                              httplib::Headers headers) {
  if (!cookie_.empty()) headers.emplace("Cookie", cookie_);
  if (with_csrf) params.emplace("csrf", csrf_);
  auto result = client_.Post(path, headers, params);
  remember(result);
  return result;
}

fs::path temporary_folder(const std::string& name) {
  std::random_device random;
  const fs::path folder = fs::temp_directory_path() / (name + "-" + std::to_string(random()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

std::string finish_web_fixture(Browser& browser, std::string at) {
  const std::string base = at.substr(0, at.rfind("/questions/"));
  for (const auto& answer : test::web_fixture_answers()) at = browser.post(at, answer)->get_header_value("Location");
  REQUIRE(at == base + "/check");
  return base;
}

std::string walk_web_fixture(Browser& browser, const httplib::Params& start) {
  REQUIRE(browser.get("/policies/web-fixture")->status == 200);
  return finish_web_fixture(browser, browser.post("/policies/web-fixture/start", start)->get_header_value("Location"));
}

}  // namespace test
