/// SHA-256, as the policy content hash and the case store's hash chain use it.
#pragma once

#include <waymark/export.h>

#include <string>
#include <string_view>

namespace waymark {

/// The SHA-256 digest of `bytes` as 64 lowercase hex digits (libsodium). Throws
/// std::runtime_error if libsodium cannot be loaded.
WAYMARK_EXPORT std::string sha256_hex(std::string_view bytes);

}  // namespace waymark
