// Unguessable ids and CSRF tokens.
#pragma once

#include <string>
#include <string_view>

namespace waymark::web {

// `bytes` random bytes from the system's CSPRNG, as lowercase hex.
std::string random_hex(std::size_t bytes);
// True for text that random_hex(32) could have produced (checked before it names a folder).
bool is_browser_id(std::string_view text);
// The CSRF token for a browser: HMAC-SHA256 of its id under the server's secret, as hex.
std::string csrf_token(std::string_view secret, std::string_view browser_id);
// Compares in constant time, so the token cannot be guessed a byte at a time.
bool same_token(std::string_view expected, std::string_view given);

}  // namespace waymark::web
