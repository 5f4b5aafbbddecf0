// A bare TCP connection to a local server from a chosen loopback address (127.0.0.N), for tests
// that hold connections open, send requests slowly or malformed, and read raw responses.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace test {

class RawConnection {
 public:
  // Connects to 127.0.0.1:`port` from 127.0.0.`from`.
  RawConnection(int port, int from = 1);
  ~RawConnection();
  RawConnection(RawConnection&& other) noexcept;
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  RawConnection& operator=(RawConnection&&) = delete;

  // False once the server has closed (or reset) the connection.
  bool send(std::string_view bytes);
  // Reads one response's head and as much body as its Content-Length says, or what arrives until
  // the server closes or `wait` passes.
  std::string read_response(std::chrono::milliseconds wait = std::chrono::seconds(5));
  // True when the server closes the connection within `wait`.
  bool closed_within(std::chrono::milliseconds wait);

 private:
  int socket_ = -1;
};

// "GET / HTTP/1.1" with the Host header the server accepts.
std::string get_request(int port, std::string_view path = "/");

}  // namespace test
