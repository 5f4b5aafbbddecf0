// One client connection as cpp-httplib's Stream, with a deadline on reading: cpp-httplib 0.11's
// own stream times out only each read, so a client sending a byte every few seconds could hold a
// worker thread for ever. The request line and headers are read here first, whole, within their
// deadline and size; the library then parses them from this buffer.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <string>

namespace waymark::web {

class ConnectionStream final : public httplib::Stream {
 public:
  using Clock = std::chrono::steady_clock;

  // `listener` is the server's listening socket, INVALID_SOCKET once the server stops.
  ConnectionStream(socket_t socket, const std::atomic<socket_t>& listener);

  // Waits until the next request starts arriving, up to `idle`; false if it does not (or the
  // server stops).
  bool await_request(std::chrono::milliseconds idle) const;

  enum class Head { complete, closed, timed_out, too_large };
  // Reads the request line and headers (up to the blank line) by `deadline`, refusing more than
  // `max_bytes` in all or more than `max_lines` header lines.
  Head read_head(Clock::time_point deadline, std::size_t max_bytes, std::size_t max_lines);

  // When the rest of the request (its body) must have arrived by.
  void set_deadline(Clock::time_point deadline) { deadline_ = deadline; }
  bool timed_out() const { return timed_out_; }

  // Nothing more will be written: the socket's end of writing, so the client reads all that was
  // written before the connection closes.
  void end_writing();

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* data, std::size_t size) override;
  ssize_t write(const char* data, std::size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return socket_; }

 private:
  // True once the socket has something to read (data, end or error) before `until`.
  bool wait_readable(Clock::time_point until) const;
  std::size_t buffered() const { return buffer_.size() - consumed_; }

  socket_t socket_;
  const std::atomic<socket_t>& listener_;
  std::string buffer_;
  std::size_t consumed_ = 0;
  Clock::time_point deadline_;
  bool timed_out_ = false;
};

// The numeric address and port of a socket's peer (`peer`) or own end.
void socket_address(socket_t socket, bool peer, std::string& ip, int& port);

}  // namespace waymark::web
