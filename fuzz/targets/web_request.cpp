// Raw HTTP requests to `waymark serve`: the connection gate's head reader, cpp-httplib's parsing,
// the routes, the CSRF and Host checks, the answer forms and the pages behind them, with a case
// store. One server runs for the whole campaign on a loopback port; each input is sent on its own
// connection, whole, and the response read to its end.
//
// A form cannot get past the CSRF check with a token the fuzzer cannot know, so inputs name the
// browser's secrets by placeholder, replaced before sending: @HOST@ (127.0.0.1:<port>, for the
// Host and Origin checks), @COOKIE@ (the browser's Cookie header value), @CSRF@ (its token) and
// @WALK@ (the path of a walk-through it has started on the adult policy, e.g.
// /policies/adult-non-engagement/walks/<id>).
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <waymark/store.h>
#include <waymark/web/server.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <thread>

#include "fuzz_support.h"

namespace {

namespace fs = std::filesystem;

// The running server and the secrets of one browser that has visited it.
struct Site {
  fs::path folder;
  waymark::PolicyRegistry registry;
  std::unique_ptr<waymark::Store> cases;
  std::unique_ptr<waymark::web::Server> server;
  std::thread thread;
  int port = 0;
  std::string cookie;
  std::string csrf;
  std::string walk;
};

std::string csrf_in(const std::string& page) {
  const std::string marker = "name=\"csrf\" value=\"";
  const auto at = page.find(marker);
  return at == std::string::npos ? std::string() : page.substr(at + marker.size(), 64);
}

// Visits the start page as a browser would and starts a walk-through, keeping what a form needs.
void visit(Site& site) {
  httplib::Client client("127.0.0.1", site.port);
  const std::string policy = "/policies/adult-non-engagement";
  auto page = client.Get(policy);
  if (!page || page->status != 200) throw std::runtime_error("web_request: the start page did not load");
  site.cookie = page->get_header_value("Set-Cookie");
  site.cookie = site.cookie.substr(0, site.cookie.find(';'));
  site.csrf = csrf_in(page->body);
  const httplib::Headers headers{{"Cookie", site.cookie}};
  auto started = client.Post(policy + "/start", headers, httplib::Params{{"csrf", site.csrf}});
  if (!started || started->status != 303) throw std::runtime_error("web_request: no walk-through started");
  const std::string location = started->get_header_value("Location");
  const auto walks = location.find("/walks/");
  site.walk = location.substr(0, location.find('/', walks + 7));
}

Site& site() {
  static Site* const running = [] {
    auto* site = new Site;  // Never destroyed: the server thread serves until the process ends.
    site->folder = fs::temp_directory_path() / ("waymark-fuzz-web-" + std::to_string(::getpid()));
    fs::create_directories(site->folder / "sessions");
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(fs::temp_directory_path() / ("waymark-fuzz-web-" + std::to_string(::getpid())), ignored);
    });
    site->registry.add_directory(waymark::fuzz::policies_folder());
    site->cases = std::make_unique<waymark::Store>(site->folder / "cases.db");
    waymark::web::ServerOptions options;
    options.port = 0;
    options.session_dir = site->folder / "sessions";
    options.cases = site->cases.get();
    options.log = [](std::string_view) {};
    site->server = std::make_unique<waymark::web::Server>(site->registry, options);
    site->port = site->server->bind();
    site->thread = std::thread([site] { site->server->run(); });
    while (!site->server->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    visit(*site);
    return site;
  }();
  return *running;
}

void replace_all(std::string& text, std::string_view placeholder, const std::string& value) {
  for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size()))
    text.replace(at, placeholder.size(), value);
}

// Sends `request` on a new connection, says it is finished, and reads until the server closes.
// With WAYMARK_FUZZ_SHOW_STATUS set, prints each response's status line (for writing seeds that
// reach past the checks they mean to pass).
void send_and_drain(int port, const std::string& request) {
  static const bool show_status = std::getenv("WAYMARK_FUZZ_SHOW_STATUS") != nullptr;
  std::string response;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // A response that never ends is the server's fault, but must not stall the campaign for ever:
  // libFuzzer's own -timeout reports it.
  timeval wait{20, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
    for (std::size_t sent = 0; sent < request.size();) {
      const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    ::shutdown(fd, SHUT_WR);
    char buffer[16384];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
      if (show_status) response.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  for (auto at = response.find("HTTP/1.1 "); at != std::string::npos; at = response.find("HTTP/1.1 ", at + 1))
    std::fprintf(stderr, "%s\n", response.substr(at, response.find('\r', at) - at).c_str());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Site& running = site();
  std::string request(waymark::fuzz::as_text(data, size));
  replace_all(request, "@HOST@", "127.0.0.1:" + std::to_string(running.port));
  replace_all(request, "@COOKIE@", running.cookie);
  replace_all(request, "@CSRF@", running.csrf);
  replace_all(request, "@WALK@", running.walk);
  send_and_drain(running.port, request);
  return 0;
}
