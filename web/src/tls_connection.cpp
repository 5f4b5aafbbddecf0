#include "tls_connection.h"

#include <fcntl.h>
#include <openssl/err.h>
#include <pthread.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>

namespace waymark::web {

TlsConnection::TlsConnection(SSL_CTX* context, int socket) : ssl_(SSL_new(context)) {
  // OpenSSL writes to the socket with write(), which raises SIGPIPE, ending the process, when the
  // client has gone. Blocked in this worker thread, the write fails with EPIPE instead (a plain
  // connection's send() says MSG_NOSIGNAL, which OpenSSL's socket writes cannot).
  sigset_t pipe;
  sigemptyset(&pipe);
  sigaddset(&pipe, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
  ::fcntl(socket, F_SETFL, ::fcntl(socket, F_GETFL) | O_NONBLOCK);
  if (!ssl_ || SSL_set_fd(ssl_, socket) != 1) {
    failed_ = true;
    failure_ = "cannot start a TLS session";
  }
}

TlsConnection::~TlsConnection() {
  close_notify();
  SSL_free(ssl_);
}

TlsConnection::Step TlsConnection::step(int result) {
  if (result > 0) return {result, Wait::nothing};
  switch (SSL_get_error(ssl_, result)) {
    case SSL_ERROR_WANT_READ: return {0, Wait::readable};
    case SSL_ERROR_WANT_WRITE: return {0, Wait::writable};
    case SSL_ERROR_ZERO_RETURN: return {0, Wait::nothing};  // the client's close_notify
    case SSL_ERROR_SYSCALL:
      failed_ = true;
      failure_ = errno != 0 ? std::strerror(errno) : "connection closed";
      ERR_clear_error();
      return {-1, Wait::nothing};
    default: {
      failed_ = true;
      const char* reason = ERR_reason_error_string(ERR_peek_last_error());
      failure_ = reason ? reason : "TLS error";
      ERR_clear_error();
      return {-1, Wait::nothing};
    }
  }
}

// The error queue is the thread's and SSL_get_error reads it: cleared before each call, so a
// failure of another connection earlier on this worker is not taken for this one's.
TlsConnection::Step TlsConnection::accept() {
  if (failed_) return {-1, Wait::nothing};
  ERR_clear_error();
  errno = 0;
  return step(SSL_accept(ssl_));
}

TlsConnection::Step TlsConnection::read(char* data, std::size_t size) {
  if (failed_) return {-1, Wait::nothing};
  ERR_clear_error();
  errno = 0;
  return step(SSL_read(ssl_, data, static_cast<int>(std::min<std::size_t>(size, INT_MAX))));
}

TlsConnection::Step TlsConnection::write(const char* data, std::size_t size) {
  if (failed_) return {-1, Wait::nothing};
  ERR_clear_error();
  errno = 0;
  return step(SSL_write(ssl_, data, static_cast<int>(std::min<std::size_t>(size, INT_MAX))));
}

bool TlsConnection::has_pending() const { return !failed_ && SSL_pending(ssl_) > 0; }

void TlsConnection::close_notify() {
  if (failed_ || notified_ || !SSL_is_init_finished(ssl_)) return;
  notified_ = true;
  // One try: the socket does not block, and a client that cannot take a few bytes more is gone.
  ERR_clear_error();
  SSL_shutdown(ssl_);
  ERR_clear_error();
}

}  // namespace waymark::web
