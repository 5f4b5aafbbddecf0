// What the Store's source files share: the connection and small helpers.
#pragma once

#include <waymark/sha256.h>
#include <waymark/store.h>

#include <string>
#include <string_view>

#include "sqlite.h"

namespace waymark {

struct Store::Impl {
  explicit Impl(const std::filesystem::path& p) : db(p) {}
  detail::Database db;
};

namespace detail {

// Throws StoreError unless the case exists (naming the file and the reference).
void require_case(const Database& db, const std::string& reference);

}  // namespace detail
}  // namespace waymark
