#include "tls_context.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace waymark::web {

namespace fs = std::filesystem;

namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

// OpenSSL's reason for the latest failure on this thread (e.g. "no start line"), clearing them.
std::string openssl_reason() {
  const unsigned long code = ERR_peek_last_error();
  const char* reason = code != 0 ? ERR_reason_error_string(code) : nullptr;
  ERR_clear_error();
  return reason ? reason : "unknown reason";
}

// The system's reason a file cannot be read ("No such file or directory") is plainer than
// OpenSSL's, so it is asked first.
void check_readable(const fs::path& path, std::string_view what) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file)
    throw std::runtime_error(fmt::format("cannot read the TLS {} {}: {}", what, path.string(), std::strerror(errno)));
  std::fclose(file);
}

// Refuses to ask for a passphrase: OpenSSL would otherwise prompt on a terminal, which a service
// has not got.
int no_passphrase(char*, int, int, void*) { return 0; }

std::unique_ptr<EVP_PKEY, KeyFree> read_private_key(const fs::path& path) {
  const std::unique_ptr<BIO, BioFree> file(BIO_new_file(path.c_str(), "r"));
  std::unique_ptr<EVP_PKEY, KeyFree> key(file ? PEM_read_bio_PrivateKey(file.get(), nullptr, no_passphrase, nullptr)
                                              : nullptr);
  if (!key)
    throw std::runtime_error(fmt::format("the TLS private key {} is not a PEM private key without a passphrase ({})",
                                         path.string(), openssl_reason()));
  return key;
}

}  // namespace

TlsContext load_tls_context(const TlsOptions& tls) {
  if (tls.private_key.empty())
    throw std::runtime_error(
        fmt::format("the TLS certificate {} needs its private key too (--tls-key)", tls.certificate.string()));
  if (tls.certificate.empty())
    throw std::runtime_error(
        fmt::format("the TLS private key {} needs its certificate too (--tls-cert)", tls.private_key.string()));
  check_readable(tls.certificate, "certificate");
  check_readable(tls.private_key, "private key");

  ERR_clear_error();
  TlsContext context(SSL_CTX_new(TLS_server_method()));
  if (!context) throw std::runtime_error(fmt::format("cannot set up TLS ({})", openssl_reason()));
  SSL_CTX_set_min_proto_version(context.get(), TLS1_2_VERSION);
  // A renegotiation would be a second handshake inside a request, outside the handshake's
  // deadline and costing the server far more than the client.
  SSL_CTX_set_options(context.get(), SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_default_passwd_cb(context.get(), no_passphrase);
  if (SSL_CTX_use_certificate_chain_file(context.get(), tls.certificate.c_str()) != 1)
    throw std::runtime_error(fmt::format("the TLS certificate {} is not a PEM certificate chain ({})",
                                         tls.certificate.string(), openssl_reason()));
  const auto key = read_private_key(tls.private_key);
  // Checked here, by name: OpenSSL's own use of a mismatched key fails as "key values mismatch".
  if (X509_check_private_key(SSL_CTX_get0_certificate(context.get()), key.get()) != 1) {
    ERR_clear_error();
    throw std::runtime_error(fmt::format("the TLS private key {} is not the key of the certificate {}",
                                         tls.private_key.string(), tls.certificate.string()));
  }
  if (SSL_CTX_use_PrivateKey(context.get(), key.get()) != 1 || SSL_CTX_check_private_key(context.get()) != 1)
    throw std::runtime_error(
        fmt::format("cannot use the TLS private key {} ({})", tls.private_key.string(), openssl_reason()));
  return context;
}

}  // namespace waymark::web
