// Passwords kept as Argon2id hashes (Debian's libargon2), never as themselves.
#pragma once

#include <string>
#include <string_view>

namespace waymark::detail {

// The encoded Argon2id hash of `password` ($argon2id$v=19$m=...), with a new random salt.
std::string hash_password(std::string_view password);
// Whether `password` matches an encoded hash; false for a hash that cannot be read.
bool password_matches(std::string_view password, const std::string& encoded);
// Costs what password_matches costs and matches nothing: for a name with no password to check,
// so the time taken does not tell a known account from an unknown one.
void spend_a_password_check(std::string_view password);

}  // namespace waymark::detail
