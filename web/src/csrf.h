// Unguessable ids and CSRF tokens.
#pragma once

#include <string>
#include <string_view>

namespace waymark::web {

// `bytes` random bytes from the system's CSPRNG, as lowercase hex.
std::string random_hex(std::size_t bytes);
// True for text shaped like a browser id, 64 lowercase hex digits (checked before it names a folder).
bool is_browser_id(std::string_view text);
// A new browser id: 128 random bits, then 128 bits of their HMAC under the server's secret. The
// server can tell its own ids apart without remembering them, so a flood of first visits costs
// it no memory.
std::string new_browser_id(std::string_view secret);
// The browser id of a signed-in account: the same on every browser it signs in from and after a
// restart, so its walk-throughs follow the account rather than the machine. Derived under the
// secret, so it cannot be worked out from the account's name.
std::string account_browser_id(std::string_view secret, std::string_view account);
// True for an id new_browser_id made under this secret.
bool is_signed_browser_id(std::string_view secret, std::string_view id);
// The CSRF token for a browser: HMAC-SHA256 of its id under the server's secret, as hex.
std::string csrf_token(std::string_view secret, std::string_view browser_id);
// Compares in constant time, so the token cannot be guessed a byte at a time.
bool same_token(std::string_view expected, std::string_view given);

}  // namespace waymark::web
