#include "connection_stream.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

namespace waymark::web {

namespace {

// How often a wait looks whether the server is stopping.
constexpr std::chrono::milliseconds stop_check{50};

}  // namespace

ConnectionStream::ConnectionStream(socket_t socket, const std::atomic<socket_t>& listener)
    : socket_(socket), listener_(listener), deadline_(Clock::now()) {}

bool ConnectionStream::wait_readable(Clock::time_point until) const {
  for (;;) {
    if (listener_ == INVALID_SOCKET) return false;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    if (left.count() <= 0) return false;
    pollfd watch{socket_, POLLIN, 0};
    const int ready = ::poll(&watch, 1, static_cast<int>(std::min(left, stop_check).count()));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return true;  // let the read report the error
  }
}

bool ConnectionStream::await_request(std::chrono::milliseconds idle) const {
  return buffered() > 0 || wait_readable(Clock::now() + idle);
}

ConnectionStream::Head ConnectionStream::read_head(Clock::time_point deadline, std::size_t max_bytes,
                                                   std::size_t max_lines) {
  if (consumed_ == buffer_.size()) buffer_.clear(), consumed_ = 0;
  std::size_t scanned = consumed_;
  for (;;) {
    const auto end = buffer_.find("\r\n\r\n", scanned);
    if (end != std::string::npos) {
      std::size_t lines = 0;
      for (auto at = buffer_.find("\r\n", consumed_); at < end; at = buffer_.find("\r\n", at + 2)) ++lines;
      // `lines` counts the request line and every header line.
      return end + 4 - consumed_ > max_bytes || lines > max_lines + 1 ? Head::too_large : Head::complete;
    }
    if (buffered() > max_bytes) return Head::too_large;
    scanned = std::max(consumed_, buffer_.size() - std::min<std::size_t>(buffer_.size(), 3));
    if (!wait_readable(deadline)) {
      if (listener_ == INVALID_SOCKET) return Head::closed;
      timed_out_ = true;
      return Head::timed_out;
    }
    char chunk[4096];
    const ssize_t got = ::recv(socket_, chunk, sizeof(chunk), 0);
    if (got <= 0) return Head::closed;
    buffer_.append(chunk, static_cast<std::size_t>(got));
  }
}

void ConnectionStream::end_writing() { ::shutdown(socket_, SHUT_WR); }

bool ConnectionStream::is_readable() const { return buffered() > 0 || wait_readable(deadline_); }

bool ConnectionStream::is_writable() const {
  pollfd watch{socket_, POLLOUT, 0};
  return ::poll(&watch, 1, 5000) > 0 && (watch.revents & POLLOUT);
}

ssize_t ConnectionStream::read(char* data, std::size_t size) {
  if (buffered() > 0) {
    const std::size_t taken = std::min(size, buffered());
    std::memcpy(data, buffer_.data() + consumed_, taken);
    consumed_ += taken;
    return static_cast<ssize_t>(taken);
  }
  if (!wait_readable(deadline_)) {
    timed_out_ = listener_ != INVALID_SOCKET;
    return -1;
  }
  return ::recv(socket_, data, size, 0);
}

ssize_t ConnectionStream::write(const char* data, std::size_t size) {
  if (!is_writable()) return -1;
  return ::send(socket_, data, size, MSG_NOSIGNAL);
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  socket_address(socket_, true, ip, port);
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  socket_address(socket_, false, ip, port);
}

void socket_address(socket_t socket, bool peer, std::string& ip, int& port) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  auto* raw = reinterpret_cast<sockaddr*>(&address);
  if ((peer ? ::getpeername(socket, raw, &length) : ::getsockname(socket, raw, &length)) != 0) return;
  char host[NI_MAXHOST];
  char service[NI_MAXSERV];
  if (::getnameinfo(raw, length, host, sizeof(host), service, sizeof(service), NI_NUMERICHOST | NI_NUMERICSERV) != 0)
    return;
  ip = host;
  port = std::atoi(service);
}

}  // namespace waymark::web
