// Argon2id with OWASP's minimum parameters for it (Password Storage Cheat Sheet: m = 19 MiB,
// t = 2, p = 1), a 16-byte salt from libsodium's randombytes_buf and a 32-byte hash. The encoded form
// carries its parameters, so stronger ones later still verify the hashes kept today.
#include "password_hash.h"

#include <argon2.h>
#include <fmt/format.h>
#include <waymark/random_bytes.h>
#include <waymark/store.h>

#include <vector>

namespace waymark::detail {

namespace {

constexpr std::uint32_t time_cost = 2;
constexpr std::uint32_t memory_kib = 19456;
constexpr std::uint32_t parallelism = 1;
constexpr std::size_t salt_length = 16;
constexpr std::size_t hash_length = 32;

// The hash of a password no account has, with the same parameters as every other, so checking
// against it costs the same. Fixed (made once with libargon2), so the first unknown name costs no
// more than the next.
constexpr const char* dummy_hash =
    "$argon2id$v=19$m=19456,t=2,p=1$d2F5bWFyay1uby11c2VyIQ$u0SLxOpzjaY4wRuFbcJVRpmb5O7iOY9v4ialyPnVOz0";

}  // namespace

std::string hash_password(std::string_view password) {
  const std::string salt = random_bytes(salt_length);
  std::vector<char> encoded(argon2_encodedlen(time_cost, memory_kib, parallelism, salt_length, hash_length, Argon2_id));
  const int code = argon2id_hash_encoded(time_cost, memory_kib, parallelism, password.data(), password.size(),
                                         salt.data(), salt.size(), hash_length, encoded.data(), encoded.size());
  if (code != ARGON2_OK) throw StoreError(fmt::format("cannot hash the password: {}", argon2_error_message(code)));
  return std::string(encoded.data());
}

bool password_matches(std::string_view password, const std::string& encoded) {
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

void spend_a_password_check(std::string_view password) { (void)password_matches(password, dummy_hash); }

}  // namespace waymark::detail
