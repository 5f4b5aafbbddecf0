/// What `waymark serve` keeps between requests, held in the case store when it is PostgreSQL, so
/// that several `serve` processes behind a load balancer serve the same practitioner: the
/// walk-throughs in progress (as the CLI's session JSON), the record each was filed with, the
/// secret the page's form tokens are signed with, and who is signed in. (With an SQLite store, or
/// none, one `serve` keeps them in its session folder and memory, as before.)
///
/// None of it is history: a walk-through is replaced as it is answered, and a sign-in is removed
/// when it ends. Sign-ins are kept by a hash of their token, never the token itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waymark {

/// One walk-through in progress: whose (a browser id, or a signed-in account's), of which policy.
struct WebWalkKey {
  std::string browser;
  std::string policy_id;
  std::string walk_id;
};

/// A saved walk-through: its session JSON and, once filed, the record it was filed with.
struct WebWalk {
  std::string walk_id;
  std::string session_json;
  std::optional<std::string> filed_record;
  /// When it was last saved (ISO 8601, UTC): the browser's list shows the latest first.
  std::string saved_at;
};

/// A sign-in: the account a token's hash stands for, and when it was last used (seconds since
/// the Unix epoch), for the idle timeout.
struct WebSignIn {
  std::string account;
  std::int64_t last_used = 0;
};

}  // namespace waymark
