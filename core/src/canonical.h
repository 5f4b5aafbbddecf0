// The canonical form of a policy's content, and its SHA-256: comments, key order and
// whitespace in the TOML do not change it; any change of meaning does.
#pragma once

#include <waymark/policy.h>

#include <string>
#include <string_view>

namespace waymark::detail {

std::string canonical_json(const Policy& policy);
std::string sha256_hex(std::string_view bytes);

}  // namespace waymark::detail
