#include "support/raw_connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <utility>

namespace test {

namespace {

using Clock = std::chrono::steady_clock;

sockaddr_in loopback(int last_byte, int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl((127u << 24) | static_cast<unsigned>(last_byte));
  return address;
}

}  // namespace

RawConnection::RawConnection(int port, int from) {
  socket_ = ::socket(AF_INET, SOCK_STREAM, 0);
  const sockaddr_in source = loopback(from, 0);
  const sockaddr_in target = loopback(1, port);
  if (socket_ < 0 || ::bind(socket_, reinterpret_cast<const sockaddr*>(&source), sizeof(source)) != 0 ||
      ::connect(socket_, reinterpret_cast<const sockaddr*>(&target), sizeof(target)) != 0)
    throw std::runtime_error("cannot connect to the test server");
}

RawConnection::RawConnection(RawConnection&& other) noexcept : socket_(std::exchange(other.socket_, -1)) {}

RawConnection::~RawConnection() {
  if (socket_ >= 0) ::close(socket_);
}

bool RawConnection::send(std::string_view bytes) {
  return ::send(socket_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
}

std::string RawConnection::read_response(std::chrono::milliseconds wait) {
  const auto until = Clock::now() + wait;
  std::string got;
  for (;;) {
    if (const auto head_end = got.find("\r\n\r\n"); head_end != std::string::npos) {
      const auto length_at = got.find("Content-Length: ");
      if (length_at != std::string::npos && length_at < head_end &&
          got.size() >= head_end + 4 + std::stoul(got.substr(length_at + 16)))
        return got;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    pollfd watch{socket_, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&watch, 1, static_cast<int>(left.count())) <= 0) return got;
    char chunk[4096];
    const ssize_t n = ::recv(socket_, chunk, sizeof(chunk), 0);
    if (n <= 0) return got;
    got.append(chunk, static_cast<std::size_t>(n));
  }
}

bool RawConnection::closed_within(std::chrono::milliseconds wait) {
  const auto until = Clock::now() + wait;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    pollfd watch{socket_, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&watch, 1, static_cast<int>(left.count())) <= 0) return false;
    char chunk[4096];
    if (::recv(socket_, chunk, sizeof(chunk), 0) <= 0) return true;
  }
}

std::string get_request(int port, std::string_view path) {
  return "GET " + std::string(path) + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\n\r\n";
}

}  // namespace test
