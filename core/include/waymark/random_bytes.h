/// Random bytes for secrets (password salts, session tokens), from OpenSSL's libcrypto.
#pragma once

#include <waymark/export.h>

#include <cstddef>
#include <string>

namespace waymark {

/// `count` bytes from OpenSSL's RAND_bytes (a cryptographically secure generator). Throws
/// std::runtime_error if libcrypto cannot be loaded or has no entropy to give.
WAYMARK_EXPORT std::string random_bytes(std::size_t count);

}  // namespace waymark
