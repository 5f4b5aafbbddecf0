// SHA-256 and random bytes from OpenSSL's libcrypto, opened the first time something is hashed
// rather than when Waymark starts: most commands (list, lint, a walk-through until its record)
// never hash, and loading libcrypto was about a tenth of `waymark list`.
#include <waymark/random_bytes.h>
#include <waymark/sha256.h>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <boost/dll/shared_library.hpp>

#include <limits>
#include <stdexcept>

namespace waymark {

namespace {

struct Libcrypto {
  boost::dll::shared_library library;
  decltype(&EVP_Digest) digest = nullptr;
  decltype(&EVP_sha256) sha256 = nullptr;
  decltype(&RAND_bytes) rand_bytes = nullptr;
};

Libcrypto open_libcrypto() {
  try {
    Libcrypto crypto{boost::dll::shared_library(
        WAYMARK_LIBCRYPTO_SONAME, boost::dll::load_mode::search_system_folders | boost::dll::load_mode::rtld_now)};
    crypto.digest = &crypto.library.get<decltype(EVP_Digest)>("EVP_Digest");
    crypto.sha256 = &crypto.library.get<decltype(EVP_sha256)>("EVP_sha256");
    crypto.rand_bytes = &crypto.library.get<decltype(RAND_bytes)>("RAND_bytes");
    return crypto;
  } catch (const std::exception& e) {
    throw std::runtime_error(
        fmt::format("cannot load OpenSSL's {}, which Waymark needs for SHA-256 and random bytes: {}",
                    WAYMARK_LIBCRYPTO_SONAME, e.what()));
  }
}

const Libcrypto& libcrypto() {
  static const Libcrypto crypto = open_libcrypto();  // thread-safe; tried again after a failure
  return crypto;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  const Libcrypto& crypto = libcrypto();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (crypto.digest(bytes.data(), bytes.size(), digest, &length, crypto.sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed in OpenSSL's libcrypto");
  static constexpr char hex_digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += hex_digits[digest[i] >> 4];
    hex += hex_digits[digest[i] & 0xf];
  }
  return hex;
}

std::string random_bytes(std::size_t count) {
  std::string bytes(count, '\0');
  if (count > static_cast<std::size_t>(std::numeric_limits<int>::max()) ||
      libcrypto().rand_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1)
    throw std::runtime_error("OpenSSL's libcrypto could not give random bytes (RAND_bytes failed)");
  return bytes;
}

}  // namespace waymark
