// The server's TLS settings (an OpenSSL SSL_CTX), made once when it binds from the certificate and
// key files of ServerOptions::tls, and shared by every connection.
#pragma once

#include <openssl/ssl.h>
#include <waymark/web/server.h>

#include <memory>

namespace waymark::web {

struct TlsContextFree {
  void operator()(SSL_CTX* context) const { SSL_CTX_free(context); }
};
using TlsContext = std::unique_ptr<SSL_CTX, TlsContextFree>;

// TLS 1.2 at least, with the certificate chain and its private key. Throws std::runtime_error
// naming the file when one is not given, cannot be read, is not PEM (or the key has a passphrase),
// or the key is not the certificate's.
TlsContext load_tls_context(const TlsOptions& tls);

}  // namespace waymark::web
