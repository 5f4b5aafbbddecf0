// One client connection as cpp-httplib's Stream, with a deadline on reading: cpp-httplib 0.11's
// own stream times out only each read, so a client sending a byte every few seconds could hold a
// worker thread for ever. The request line and headers are read here first, whole, within their
// deadline and size; the library then parses them from this buffer. Over TLS every byte goes
// through the connection's TlsConnection, whose handshake has the same kind of deadline.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>

#include "tls_connection.h"

namespace waymark::web {

class ConnectionStream final : public httplib::Stream {
 public:
  using Clock = std::chrono::steady_clock;

  // `listener` is the server's listening socket, INVALID_SOCKET once the server stops. `tls`, if
  // given, carries every byte read and written, and must outlive the stream.
  ConnectionStream(socket_t socket, const std::atomic<socket_t>& listener, TlsConnection* tls = nullptr);

  enum class Handshake { done, failed, timed_out, server_stopped };
  // Over TLS, the handshake, by `deadline`; without TLS there is none (done).
  Handshake handshake(Clock::time_point deadline);

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

  // Nothing more will be written: TLS's close_notify, then the socket's end of writing, so the
  // client reads all that was written before the connection closes.
  void end_writing();

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* data, std::size_t size) override;
  ssize_t write(const char* data, std::size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return socket_; }

 private:
  // True once the socket is ready for `events` (POLLIN, POLLOUT; or has an end or error) before
  // `until`; false when `until` passes or the server stops first.
  bool wait_for(short events, Clock::time_point until) const;
  // True once there is something to read (data, end or error) before `until`, counting bytes TLS
  // has already decrypted.
  bool wait_readable(Clock::time_point until) const;
  // Reads what has arrived by `until`: the bytes read (>0), or 0 or less when the client closed the
  // connection or it failed; nothing when `until` passes (or the server stops) first.
  std::optional<ssize_t> receive(char* data, std::size_t size, Clock::time_point until);
  std::size_t buffered() const { return buffer_.size() - consumed_; }

  socket_t socket_;
  const std::atomic<socket_t>& listener_;
  TlsConnection* tls_;
  std::string buffer_;
  std::size_t consumed_ = 0;
  Clock::time_point deadline_;
  bool timed_out_ = false;
};

// The numeric address and port of a socket's peer (`peer`) or own end.
void socket_address(socket_t socket, bool peer, std::string& ip, int& port);

}  // namespace waymark::web
