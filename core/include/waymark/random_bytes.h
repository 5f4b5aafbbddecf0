/// Random bytes for secrets (password salts, session tokens), from libsodium.
#pragma once

#include <waymark/export.h>

#include <cstddef>
#include <string>

namespace waymark {

/// `count` bytes from libsodium's randombytes_buf (a cryptographically secure generator). Throws
/// std::runtime_error if libsodium cannot be loaded or has no source of random bytes.
WAYMARK_EXPORT std::string random_bytes(std::size_t count);

}  // namespace waymark
