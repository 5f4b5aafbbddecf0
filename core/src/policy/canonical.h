// The canonical form of a policy's content, which its SHA-256 is taken of: comments, key order
// and whitespace in the TOML do not change it; any change of meaning does.
#pragma once

#include <waymark/policy.h>

#include <string>

namespace waymark::detail {

std::string canonical_json(const Policy& policy);

}  // namespace waymark::detail
