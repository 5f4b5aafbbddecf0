// SHA-256 and random bytes from OpenSSL's libcrypto, opened the first time something is hashed
// rather than when Waymark starts: most commands (list, lint, a walk-through until its record)
// never hash, and loading libcrypto was about a tenth of `waymark list`.
//
// The digest uses libcrypto's direct SHA256_Init/Update/Final rather than EVP_Digest: EVP starts
// OpenSSL 3's provider machinery and reads openssl.cnf on first use, about 2.5 ms of every
// `waymark run` for one hash, while the direct functions run the same assembly with no set-up.
// OpenSSL 3 marks them deprecated (in favour of EVP) but still ships them.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <waymark/random_bytes.h>
#include <waymark/sha256.h>

#include <fmt/format.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <boost/dll/shared_library.hpp>

#include <limits>
#include <stdexcept>

namespace waymark {

namespace {

struct Libcrypto {
  boost::dll::shared_library library;
  decltype(&SHA256_Init) init = nullptr;
  decltype(&SHA256_Update) update = nullptr;
  decltype(&SHA256_Final) final = nullptr;
  decltype(&RAND_bytes) rand_bytes = nullptr;
};

Libcrypto open_libcrypto() {
  try {
    Libcrypto crypto{boost::dll::shared_library(
        WAYMARK_LIBCRYPTO_SONAME, boost::dll::load_mode::search_system_folders | boost::dll::load_mode::rtld_now)};
    crypto.init = &crypto.library.get<decltype(SHA256_Init)>("SHA256_Init");
    crypto.update = &crypto.library.get<decltype(SHA256_Update)>("SHA256_Update");
    crypto.final = &crypto.library.get<decltype(SHA256_Final)>("SHA256_Final");
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
  SHA256_CTX context;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  if (crypto.init(&context) != 1 || crypto.update(&context, bytes.data(), bytes.size()) != 1 ||
      crypto.final(digest, &context) != 1)
    throw std::runtime_error("SHA-256 failed in OpenSSL's libcrypto");
  static constexpr char hex_digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char byte : digest) {
    hex += hex_digits[byte >> 4];
    hex += hex_digits[byte & 0xf];
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
