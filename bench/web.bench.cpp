// `waymark serve` over loopback on a kept-alive connection, from request to last byte:
// - a question page (target, issue #7: median under 2 ms);
// - a question page on a new connection while 50 slow clients hold connections open, sending
//   their headers a byte at a time (target, issue #13: under 100 ms);
// - the whole adult walk-through, start to outcome page, as a browser's requests without the
//   browser: the server's share of the 2-second walk-through target.
// Medians are reported as `median_us`.
#include <waymark/waymark.h>
#include <waymark/web/server.h>

#include <benchmark/benchmark.h>

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

namespace {

using namespace waymark;
namespace fs = std::filesystem;

const std::string adult = "/policies/adult-non-engagement";

// A server on a free port with a browser-like client (cookie, CSRF token) connected to it.
class LiveServer {
 public:
  LiveServer() : dir_(fs::temp_directory_path() / "waymark-web-bench") {
    fs::remove_all(dir_);
    registry_.add_directory(WAYMARK_POLICIES);
    server_ = std::make_unique<web::Server>(
        registry_, web::ServerOptions{"127.0.0.1", 0, dir_, nullptr, [](std::string_view) {}, {}, {}, {}});
    port_ = server_->bind();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    thread_ = std::thread([this] { server_->run(); });
    while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    client_->set_keep_alive(true);
    client_->set_tcp_nodelay(true);  // as browsers do: a request is not held back waiting for an ACK
    auto start_page = client_->Get(adult);
    const std::string set_cookie = start_page->get_header_value("Set-Cookie");
    cookie_ = {{"Cookie", set_cookie.substr(0, set_cookie.find(';'))}};
    const std::string marker = "name=\"csrf\" value=\"";
    csrf_ = start_page->body.substr(start_page->body.find(marker) + marker.size(), 64);
  }
  ~LiveServer() {
    server_->stop();
    thread_.join();
    fs::remove_all(dir_);
  }
  httplib::Result get(const std::string& path) { return client_->Get(path, cookie_); }
  httplib::Result post(const std::string& path, httplib::Params params) {
    params.emplace("csrf", csrf_);
    return client_->Post(path, cookie_, params);
  }
  const Policy& policy() const { return *registry_.find("adult-non-engagement")->policy; }
  int port() const { return port_; }
  const httplib::Headers& cookie() const { return cookie_; }

 private:
  fs::path dir_;
  PolicyRegistry registry_;
  std::unique_ptr<web::Server> server_;
  std::unique_ptr<httplib::Client> client_;
  std::thread thread_;
  int port_ = 0;
  httplib::Headers cookie_;
  std::string csrf_;
};

void report_median(benchmark::State& state, std::vector<double>& micros) {
  if (micros.empty()) return;
  std::nth_element(micros.begin(), micros.begin() + static_cast<std::ptrdiff_t>(micros.size() / 2), micros.end());
  state.counters["median_us"] = micros[micros.size() / 2];
}

void BM_WebQuestionPage(benchmark::State& state) {
  LiveServer live;
  const std::string page = live.post(adult + "/start", {})->get_header_value("Location");
  std::vector<double> micros;
  for (auto _ : state) {
    const auto begin = std::chrono::steady_clock::now();
    auto result = live.get(page);
    const auto end = std::chrono::steady_clock::now();
    if (!result || result->status != 200) state.SkipWithError("the question page did not load");
    micros.push_back(std::chrono::duration<double, std::micro>(end - begin).count());
  }
  report_median(state, micros);
}
BENCHMARK(BM_WebQuestionPage)->Unit(benchmark::kMicrosecond)->UseRealTime();

// A client that connects from 127.0.0.`from` and starts a request it never finishes.
int slow_client(int port, int from) {
  const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in source{};
  source.sin_family = AF_INET;
  source.sin_addr.s_addr = htonl((127u << 24) | static_cast<unsigned>(from));
  sockaddr_in target = source;
  target.sin_port = htons(static_cast<uint16_t>(port));
  target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(socket, reinterpret_cast<const sockaddr*>(&source), sizeof(source));
  ::connect(socket, reinterpret_cast<const sockaddr*>(&target), sizeof(target));
  const std::string start = "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\nX-Slow: ";
  ::send(socket, start.data(), start.size(), MSG_NOSIGNAL);
  return socket;
}

void BM_WebQuestionPageBesideSlowClients(benchmark::State& state) {
  LiveServer live;
  const std::string page = live.post(adult + "/start", {})->get_header_value("Location");
  // Fifty slow clients from four addresses (under the per-address cap), a byte every 100 ms.
  std::vector<int> slow;
  for (int i = 0; i < 50; ++i) slow.push_back(slow_client(live.port(), 2 + i % 4));
  std::atomic<bool> done = false;
  std::thread trickle([&] {
    while (!done) {
      for (const int socket : slow) ::send(socket, "a", 1, MSG_NOSIGNAL);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  std::vector<double> micros;
  for (auto _ : state) {
    const auto begin = std::chrono::steady_clock::now();
    httplib::Client fresh("127.0.0.1", live.port());
    auto result = fresh.Get(page, live.cookie());
    const auto end = std::chrono::steady_clock::now();
    if (!result || result->status != 200) state.SkipWithError("the question page did not load");
    micros.push_back(std::chrono::duration<double, std::micro>(end - begin).count());
  }
  done = true;
  trickle.join();
  for (const int socket : slow) ::close(socket);
  report_median(state, micros);
}
BENCHMARK(BM_WebQuestionPageBesideSlowClients)->Unit(benchmark::kMicrosecond)->UseRealTime()->Iterations(200);

// The first option, "yes" or "none": the walk the browser test times.
httplib::Params answer_for(const Question& question) {
  switch (question.kind) {
    case QuestionKind::yes_no: return {{"answer", "yes"}};
    case QuestionKind::choice: return {{"answer", question.options.front().id}};
    case QuestionKind::multi_choice: return {{"answer", "none"}};
    case QuestionKind::number: return {{"answer", "3"}};
    case QuestionKind::date: return {{"answer-day", "7"}, {"answer-month", "11"}, {"answer-year", "2026"}};
    case QuestionKind::text: return {{"answer", "text"}};
  }
  return {};
}

void BM_WebAdultWalkThrough(benchmark::State& state) {
  LiveServer live;
  std::vector<double> micros;
  for (auto _ : state) {
    const auto begin = std::chrono::steady_clock::now();
    std::string location = live.post(adult + "/start", {})->get_header_value("Location");
    for (int asked = 0; asked < 100 && location.find("/questions/") != std::string::npos; ++asked) {
      live.get(location);
      const Question* question = live.policy().find_question(location.substr(location.rfind('/') + 1));
      location = live.post(location, answer_for(*question))->get_header_value("Location");
    }
    live.get(location);  // check your answers
    auto outcome = live.get(location.substr(0, location.rfind('/')) + "/outcome");
    const auto end = std::chrono::steady_clock::now();
    if (!outcome || outcome->status != 200) state.SkipWithError("the walk-through did not reach its outcome");
    micros.push_back(std::chrono::duration<double, std::micro>(end - begin).count());
  }
  report_median(state, micros);
}
BENCHMARK(BM_WebAdultWalkThrough)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
