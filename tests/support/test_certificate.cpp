#include "support/test_certificate.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace test {

namespace fs = std::filesystem;

namespace {

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertificateFree {
  void operator()(X509* certificate) const { X509_free(certificate); }
};
struct ExtensionFree {
  void operator()(X509_EXTENSION* extension) const { X509_EXTENSION_free(extension); }
};
struct FileClose {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("cannot make the test certificate: ") + what);
}

std::unique_ptr<std::FILE, FileClose> open_for_writing(const fs::path& path) {
  std::unique_ptr<std::FILE, FileClose> file(std::fopen(path.c_str(), "wb"));
  check(file != nullptr, "cannot write its file");
  return file;
}

}  // namespace

TestCertificate make_test_certificate(const fs::path& folder, const std::string& name) {
  const std::unique_ptr<EVP_PKEY, KeyFree> key(EVP_EC_gen("P-256"));
  check(key != nullptr, "EC key");
  const std::unique_ptr<X509, CertificateFree> certificate(X509_new());
  check(certificate != nullptr, "X509_new");
  X509* cert = certificate.get();
  check(X509_set_version(cert, 2) == 1, "version");  // v3, for the subjectAltName
  check(ASN1_INTEGER_set(X509_get_serialNumber(cert), 1) == 1, "serial number");
  check(X509_gmtime_adj(X509_getm_notBefore(cert), -24 * 60 * 60) != nullptr, "not before");
  check(X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 60 * 60) != nullptr, "not after");
  check(X509_set_pubkey(cert, key.get()) == 1, "public key");
  X509_NAME* subject = X509_get_subject_name(cert);
  check(X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("waymark test"),
                                   -1, -1, 0) == 1,
        "common name");
  check(X509_set_issuer_name(cert, subject) == 1, "issuer");
  // Clients check the address they connected to against this.
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
  const std::unique_ptr<X509_EXTENSION, ExtensionFree> address(
      X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, "IP:127.0.0.1"));
  check(address != nullptr && X509_add_ext(cert, address.get(), -1) == 1, "subjectAltName");
  check(X509_sign(cert, key.get(), EVP_sha256()) > 0, "signature");

  TestCertificate written{folder / (name + ".crt"), folder / (name + ".key")};
  check(PEM_write_X509(open_for_writing(written.certificate).get(), cert) == 1, "writing the certificate");
  {
    const auto file = open_for_writing(written.private_key);
    fs::permissions(written.private_key, fs::perms::owner_read | fs::perms::owner_write);
    check(PEM_write_PrivateKey(file.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1, "writing the key");
  }
  return written;
}

}  // namespace test
