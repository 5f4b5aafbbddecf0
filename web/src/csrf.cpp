#include "csrf.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace waymark::web {

namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    hex += digits[data[i] >> 4];
    hex += digits[data[i] & 0xf];
  }
  return hex;
}

}  // namespace

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), static_cast<int>(bytes)) != 1) throw std::runtime_error("no random bytes available");
  return to_hex(buffer.data(), bytes);
}

bool is_browser_id(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

namespace {
std::string browser_signature(std::string_view secret, std::string_view random_part) {
  return csrf_token(secret, "browser-id:" + std::string(random_part)).substr(0, 32);
}
}  // namespace

std::string new_browser_id(std::string_view secret) {
  const std::string random_part = random_hex(16);
  return random_part + browser_signature(secret, random_part);
}

std::string account_browser_id(std::string_view secret, std::string_view account) {
  const std::string derived_part = csrf_token(secret, "account:" + std::string(account)).substr(0, 32);
  return derived_part + browser_signature(secret, derived_part);
}

bool is_signed_browser_id(std::string_view secret, std::string_view id) {
  return is_browser_id(id) && same_token(browser_signature(secret, id.substr(0, 32)), id.substr(32));
}

std::string csrf_token(std::string_view secret, std::string_view browser_id) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
            reinterpret_cast<const unsigned char*>(browser_id.data()), browser_id.size(), digest, &size))
    throw std::runtime_error("HMAC failed");
  return to_hex(digest, size);
}

bool same_token(std::string_view expected, std::string_view given) {
  return !expected.empty() && expected.size() == given.size() &&
         CRYPTO_memcmp(expected.data(), given.data(), expected.size()) == 0;
}

}  // namespace waymark::web
