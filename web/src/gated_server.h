// cpp-httplib's server behind a connection gate: caps on connections in all and per address (503
// with Retry-After), a deadline and a size cap on each request's headers (408, 431), a deadline on
// its body, and a larger listen backlog. Requests themselves are parsed, routed and answered by the
// library as usual. With a TLS context every connection is served over TLS, its handshake due
// within the header deadline.
#pragma once

#include <httplib.h>
#include <waymark/web/server.h>

#include <functional>
#include <string_view>

#include "connection_gate.h"
#include "tls_context.h"

namespace waymark::web {

class ConnectionStream;

class GatedServer final : public httplib::Server {
 public:
  GatedServer(const ConnectionLimits& limits, std::function<void(std::string_view)> log);

  // Lets a burst of connections wait in the kernel's queue rather than be dropped: the library
  // listens with a backlog of 5, which clients meet as one-second SYN retries.
  void widen_backlog();

  // Serves every connection over TLS from now on (call before listening).
  void use_tls(TlsContext context) { tls_ = std::move(context); }

 private:
  bool process_and_close_socket(socket_t socket) override;
  // Everything but closing the socket, which the caller does once this has let go of it.
  void serve_connection(socket_t socket);
  void serve(ConnectionStream& stream);
  // Writes a short plain-text refusal (through TLS on a TLS connection), then ends the connection
  // without resetting it, so the client reads the refusal.
  void refuse(ConnectionStream& stream, int status, std::string_view reason);

  ConnectionLimits limits_;
  ConnectionGate gate_;
  std::function<void(std::string_view)> log_;
  TlsContext tls_;
};

// True when a request declares (Content-Length) a body larger than the server accepts: it gets 413
// at once, before any of the body is read, and the connection is closed.
bool declares_body_over_limit(const httplib::Request& request);

}  // namespace waymark::web
