// What the Store's source files share: the connection and small helpers.
#pragma once

#include <waymark/sha256.h>
#include <waymark/store.h>

#include <string>
#include <string_view>

#include "database.h"

namespace waymark {

struct Store::Impl {
  explicit Impl(const std::filesystem::path& p) : db(p) {}
  detail::Database db;
};

namespace detail {

// Whether a note, purpose or reason says nothing (empty, or only spaces and line breaks).
inline bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }
// Throws StoreError unless the case exists (naming the file and the reference).
void require_case(const Database& db, const std::string& reference);
// Throws StoreError("<what> <why>") unless `text` is valid UTF-8 without control characters (the
// core's text_problem): what is stored is later printed, exported and rendered.
void require_text(std::string_view text, std::string_view what);
// The same for a value read back from a store an older Waymark wrote, which may hold anything:
// such text is escaped (escape_controls) so readers never fail on it or pass escapes on.
std::string readable_text(std::string_view text);

}  // namespace detail
}  // namespace waymark
