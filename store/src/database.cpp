#include "database.h"

#include <regex>

#include "postgres_module.h"
#include "sqlite.h"

namespace waymark {

bool is_postgresql_locator(std::string_view locator) {
  return locator.starts_with("postgresql://") || locator.starts_with("postgres://");
}

std::string redacted_locator(std::string_view locator) {
  if (!is_postgresql_locator(locator)) return std::string(locator);
  // user:password@ in the authority, and password=... among the parameters.
  static const std::regex userinfo("^(postgres(ql)?://[^:@/?]*):[^@/?]*@");
  static const std::regex parameter("([?&]password=)[^&]*");
  std::string out = std::regex_replace(std::string(locator), userinfo, "$1:***@");
  return std::regex_replace(out, parameter, "$1***");
}

namespace detail {

Database::Database(const std::filesystem::path& locator)
    : display_(redacted_locator(locator.string())),
      kind_(is_postgresql_locator(locator.string()) ? BackendKind::postgresql : BackendKind::sqlite) {
  if (kind_ == BackendKind::postgresql)
    backend_ = open_postgresql_backend(locator.string(), display_.string());
  else
    backend_ = std::make_unique<SqliteBackend>(locator);
}

Database::~Database() = default;

}  // namespace detail
}  // namespace waymark
