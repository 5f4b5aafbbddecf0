// SHA-256 and random bytes from libsodium, opened the first time something is hashed rather than
// when Waymark starts: most commands (list, lint, a walk-through until its record) never hash.
//
// libsodium rather than OpenSSL's libcrypto: both run tuned SHA-256 code, but libcrypto is a
// 4.6 MB library with about 21,000 relocations, all resolved when it is opened (it is built with
// BIND_NOW): about 2.7 ms of every `waymark run` for one hash, against about 0.4 ms for libsodium.
#include <waymark/random_bytes.h>
#include <waymark/sha256.h>

#include <fmt/format.h>
#include <sodium.h>
#include <boost/dll/shared_library.hpp>

#include <stdexcept>

namespace waymark {

namespace {

struct Libsodium {
  boost::dll::shared_library library;
  decltype(&crypto_hash_sha256) sha256 = nullptr;
  decltype(&randombytes_buf) random = nullptr;
};

Libsodium open_libsodium() {
  try {
    Libsodium sodium{boost::dll::shared_library(
        WAYMARK_LIBSODIUM_SONAME, boost::dll::load_mode::search_system_folders | boost::dll::load_mode::rtld_now)};
    // sodium_init picks the random generator's source and checks it has one; it returns -1 when
    // it cannot start, after which randombytes_buf would abort rather than fail.
    if (sodium.library.get<decltype(sodium_init)>("sodium_init")() < 0)
      throw std::runtime_error("sodium_init failed (no source of random bytes?)");
    sodium.sha256 = &sodium.library.get<decltype(crypto_hash_sha256)>("crypto_hash_sha256");
    sodium.random = &sodium.library.get<decltype(randombytes_buf)>("randombytes_buf");
    return sodium;
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("cannot load {}, which Waymark needs for SHA-256 and random bytes: {}",
                                         WAYMARK_LIBSODIUM_SONAME, e.what()));
  }
}

const Libsodium& libsodium() {
  static const Libsodium sodium = open_libsodium();  // thread-safe; tried again after a failure
  return sodium;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  if (libsodium().sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) != 0)
    throw std::runtime_error("SHA-256 failed in libsodium");
  static constexpr char hex_digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * crypto_hash_sha256_BYTES);
  for (unsigned char byte : digest) {
    hex += hex_digits[byte >> 4];
    hex += hex_digits[byte & 0xf];
  }
  return hex;
}

std::string random_bytes(std::size_t count) {
  std::string bytes(count, '\0');
  libsodium().random(bytes.data(), count);
  return bytes;
}

}  // namespace waymark
