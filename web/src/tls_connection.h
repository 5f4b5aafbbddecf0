// One client connection's TLS session (an OpenSSL SSL), owned for the connection's life: its
// handshake, reads and writes as non-blocking steps that say what they wait for, so that the
// caller waits within its own deadline; and, at the end, the close_notify that tells the client
// nothing was cut off.
#pragma once

#include <openssl/ssl.h>
#include <sys/types.h>

#include <cstddef>
#include <string>

namespace waymark::web {

class TlsConnection {
 public:
  // Puts `socket` in non-blocking mode, so no step can hold the worker past the caller's deadline.
  TlsConnection(SSL_CTX* context, int socket);
  // Sends close_notify (if the session is up and sound), then frees the session. Before the
  // socket is closed.
  ~TlsConnection();
  TlsConnection(const TlsConnection&) = delete;
  TlsConnection& operator=(const TlsConnection&) = delete;

  enum class Wait { nothing, readable, writable };
  // What a step did: with `wait` nothing, `bytes` were moved (>0, 1 for a finished handshake), the
  // client closed the session (0) or it failed (-1); otherwise nothing yet, to be tried again once
  // the socket is readable or writable as `wait` says.
  struct Step {
    ssize_t bytes = 0;
    Wait wait = Wait::nothing;
  };
  Step accept();
  Step read(char* data, std::size_t size);
  Step write(const char* data, std::size_t size);

  // Bytes already decrypted and not yet read: the socket may have nothing more to show for them.
  bool has_pending() const;
  // Tells the client the session is ending, once; not after a failure, when OpenSSL forbids it.
  void close_notify();
  // Why the last step failed, in OpenSSL's words (e.g. "http request": plain HTTP was sent); never
  // anything the client sent.
  const std::string& failure() const { return failure_; }

 private:
  Step step(int result);

  SSL* ssl_;
  bool failed_ = false;
  bool notified_ = false;
  std::string failure_;
};

}  // namespace waymark::web
