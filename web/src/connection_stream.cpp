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
// How long a write may wait for the client to take what was sent before.
constexpr std::chrono::milliseconds write_wait{5000};

short poll_events(TlsConnection::Wait wait) { return wait == TlsConnection::Wait::writable ? POLLOUT : POLLIN; }

}  // namespace

ConnectionStream::ConnectionStream(socket_t socket, const std::atomic<socket_t>& listener, TlsConnection* tls)
    : socket_(socket), listener_(listener), tls_(tls), deadline_(Clock::now()) {}

bool ConnectionStream::wait_for(short events, Clock::time_point until) const {
  for (;;) {
    if (listener_ == INVALID_SOCKET) return false;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    if (left.count() <= 0) return false;
    pollfd watch{socket_, events, 0};
    const int ready = ::poll(&watch, 1, static_cast<int>(std::min(left, stop_check).count()));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return true;  // let the read or write report the error
  }
}

bool ConnectionStream::wait_readable(Clock::time_point until) const {
  return (tls_ && tls_->has_pending()) || wait_for(POLLIN, until);
}

std::optional<ssize_t> ConnectionStream::receive(char* data, std::size_t size, Clock::time_point until) {
  if (!tls_) {
    if (!wait_readable(until)) return std::nullopt;
    return ::recv(socket_, data, size, 0);
  }
  // A readable socket may hold only part of a TLS record, or a record with no data in it: TLS asks
  // again, still within `until`.
  for (;;) {
    const TlsConnection::Step step = tls_->read(data, size);
    if (step.wait == TlsConnection::Wait::nothing) return step.bytes;
    if (!wait_for(poll_events(step.wait), until)) return std::nullopt;
  }
}

ConnectionStream::Handshake ConnectionStream::handshake(Clock::time_point deadline) {
  if (!tls_) return Handshake::done;
  for (;;) {
    const TlsConnection::Step step = tls_->accept();
    if (step.wait == TlsConnection::Wait::nothing) return step.bytes > 0 ? Handshake::done : Handshake::failed;
    if (!wait_for(poll_events(step.wait), deadline))
      return listener_ == INVALID_SOCKET ? Handshake::server_stopped : Handshake::timed_out;
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
    char chunk[4096];
    const auto got = receive(chunk, sizeof(chunk), deadline);
    if (!got) {
      if (listener_ == INVALID_SOCKET) return Head::closed;
      timed_out_ = true;
      return Head::timed_out;
    }
    if (*got <= 0) return Head::closed;
    buffer_.append(chunk, static_cast<std::size_t>(*got));
  }
}

void ConnectionStream::end_writing() {
  if (tls_) tls_->close_notify();
  ::shutdown(socket_, SHUT_WR);
}

bool ConnectionStream::is_readable() const { return buffered() > 0 || wait_readable(deadline_); }

bool ConnectionStream::is_writable() const {
  pollfd watch{socket_, POLLOUT, 0};
  return ::poll(&watch, 1, static_cast<int>(write_wait.count())) > 0 && (watch.revents & POLLOUT);
}

ssize_t ConnectionStream::read(char* data, std::size_t size) {
  if (buffered() > 0) {
    const std::size_t taken = std::min(size, buffered());
    std::memcpy(data, buffer_.data() + consumed_, taken);
    consumed_ += taken;
    return static_cast<ssize_t>(taken);
  }
  const auto got = receive(data, size, deadline_);
  if (!got) {
    timed_out_ = listener_ != INVALID_SOCKET;
    return -1;
  }
  return *got;
}

ssize_t ConnectionStream::write(const char* data, std::size_t size) {
  if (!tls_) {
    if (!is_writable()) return -1;
    return ::send(socket_, data, size, MSG_NOSIGNAL);
  }
  // TLS asks to be called again with the same bytes until it has taken them all.
  const auto until = Clock::now() + write_wait;
  for (;;) {
    const TlsConnection::Step step = tls_->write(data, size);
    if (step.wait == TlsConnection::Wait::nothing) return step.bytes > 0 ? step.bytes : -1;
    if (!wait_for(poll_events(step.wait), until)) return -1;
  }
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
