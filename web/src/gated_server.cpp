#include "gated_server.h"

#include <fmt/format.h>
#include <poll.h>
#include <sys/socket.h>

#include <charconv>
#include <optional>

#include "connection_stream.h"
#include "tls_connection.h"

namespace waymark::web {

namespace {

using Clock = std::chrono::steady_clock;

// Worker threads beyond the connection cap, so a connection over the cap is refused at once
// rather than queued behind the ones being served.
constexpr std::size_t spare_threads = 16;
// Requests on one kept-alive connection before it is closed.
constexpr std::size_t requests_per_connection = 100;
// How long a refused connection is waited on for the request its client is sending (read and
// thrown away), so closing it does not reset the connection before the client reads the refusal.
// Short: a flood of clients that connect and send nothing costs each spare thread this long per
// connection.
constexpr std::chrono::milliseconds refusal_linger{20};

std::string_view reason_phrase(int status) {
  switch (status) {
    case 408: return "Request Timeout";
    case 431: return "Request Header Fields Too Large";
    default: return "Service Unavailable";
  }
}

std::string_view refusal_text(int status) {
  switch (status) {
    case 408: return "The request took too long to arrive. Try again.\n";
    case 431: return "The request's headers were too large. Clear this site's cookies and try again.\n";
    default: return "Waymark is serving too many connections just now. Try again in a few seconds.\n";
  }
}

void drain_until_closed(socket_t socket) {
  auto wait = refusal_linger;
  char sink[4096];
  for (;;) {
    pollfd watch{socket, POLLIN, 0};
    if (::poll(&watch, 1, static_cast<int>(wait.count())) <= 0) return;
    if (::recv(socket, sink, sizeof(sink), 0) <= 0) return;
    wait = std::chrono::milliseconds(0);  // once bytes came: only what has arrived already
  }
}

}  // namespace

bool declares_body_over_limit(const httplib::Request& request) {
  const std::string length = request.get_header_value("Content-Length");
  std::size_t declared = 0;
  const auto [end, error] = std::from_chars(length.data(), length.data() + length.size(), declared);
  // A length too large to hold is over the limit too.
  if (error == std::errc::result_out_of_range) return true;
  return error == std::errc() && end == length.data() + length.size() && declared > max_body_bytes;
}

GatedServer::GatedServer(const ConnectionLimits& limits, std::function<void(std::string_view)> log)
    : limits_(limits), gate_(limits.total, limits.per_address, limits.shared_addresses), log_(std::move(log)) {
  new_task_queue = [threads = limits.total + spare_threads] { return new httplib::ThreadPool(threads); };
  set_keep_alive_max_count(requests_per_connection);
  set_keep_alive_timeout(std::max<time_t>(1, std::chrono::duration_cast<std::chrono::seconds>(limits.idle_timeout).count()));
  set_payload_max_length(max_body_bytes);
  // A body over the limit is refused before the client sends it, when it asks first.
  set_expect_100_continue_handler([](const httplib::Request& request, httplib::Response& response) {
    if (!declares_body_over_limit(request)) return 100;
    response.status = 413;
    return 413;
  });
}

void GatedServer::widen_backlog() {
  if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, SOMAXCONN);
}

bool GatedServer::process_and_close_socket(socket_t socket) {
  serve_connection(socket);
  ::shutdown(socket, SHUT_RDWR);
  ::close(socket);
  return true;
}

void GatedServer::serve_connection(socket_t socket) {
  std::string address;
  int port = 0;
  socket_address(socket, true, address, port);
  const auto ticket = gate_.enter(address);
  // Over TLS a refusal can be written only after a handshake: the costliest part of a connection,
  // and one a slow client can stretch to the header timeout, holding one of the spare threads
  // that refusals need to be quick. A connection over a cap is closed at once instead (a browser
  // shows it as a failed load, to try again).
  if (!ticket && tls_) return log_("- - 503 (too many connections; closed before the TLS handshake)");
  std::optional<TlsConnection> tls;
  if (tls_) tls.emplace(tls_.get(), socket);
  ConnectionStream stream(socket, svr_sock_, tls ? &*tls : nullptr);
  if (!ticket) return refuse(stream, 503, "too many connections");
  // Until the handshake is done nothing can be said to the client (a plain-text 408 would be
  // noise to its TLS), so a failed or late handshake is closed without an answer.
  switch (stream.handshake(Clock::now() + limits_.header_timeout)) {
    case ConnectionStream::Handshake::done: break;
    case ConnectionStream::Handshake::failed: return log_(fmt::format("- - TLS handshake failed ({})", tls->failure()));
    case ConnectionStream::Handshake::timed_out:
      return log_(fmt::format("- - TLS handshake not done within {} ms", limits_.header_timeout.count()));
    case ConnectionStream::Handshake::server_stopped: return;
  }
  serve(stream);
}

void GatedServer::serve(ConnectionStream& stream) {
  for (std::size_t left = requests_per_connection; left > 0 && svr_sock_ != INVALID_SOCKET; --left) {
    if (!stream.await_request(limits_.idle_timeout)) return;
    switch (stream.read_head(Clock::now() + limits_.header_timeout, limits_.max_header_bytes,
                             limits_.max_header_count)) {
      case ConnectionStream::Head::closed: return;
      case ConnectionStream::Head::timed_out:
        return refuse(stream, 408, fmt::format("headers not in within {} ms", limits_.header_timeout.count()));
      case ConnectionStream::Head::too_large: return refuse(stream, 431, "headers too large");
      case ConnectionStream::Head::complete: break;
    }
    bool client_closes = false;
    bool body_left_unread = false;
    const bool answered =
        process_request(stream, left == 1, client_closes, [&](httplib::Request& request) {
          stream.set_deadline(Clock::now() + limits_.body_timeout);
          if (declares_body_over_limit(request)) {
            // Its body stays unread, so nothing after it on this connection can be trusted.
            body_left_unread = true;
            request.headers.erase("Connection");
            request.set_header("Connection", "close");
          }
        });
    if (!answered || client_closes || body_left_unread || stream.timed_out()) return;
  }
}

void GatedServer::refuse(ConnectionStream& stream, int status, std::string_view reason) {
  const std::string_view text = refusal_text(status);
  std::string response = fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n"
      "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n",
      status, reason_phrase(status), text.size());
  if (status == 503) response += fmt::format("Retry-After: {}\r\n", limits_.retry_after_seconds);
  response += "\r\n";
  response += text;
  stream.write(response.data(), response.size());
  stream.end_writing();
  // What the client still sends is read as raw bytes (TLS records too) and thrown away.
  drain_until_closed(stream.socket());
  // The log never names the client: only what was refused and why.
  log_(fmt::format("- - {} ({})", status, reason));
}

}  // namespace waymark::web
