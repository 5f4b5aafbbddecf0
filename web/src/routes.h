// The pages' URLs and what each GET and POST does. Every POST checks the CSRF token first.
#pragma once

#include "session_store.h"

#include <waymark/policy_registry.h>
#include <waymark/web/server.h>

#include <httplib.h>

#include <memory>

namespace waymark {
class Store;
}

namespace waymark::web {

// The name of the cookie holding the browser's id.
inline constexpr const char* session_cookie = "waymark_session";

// Returns the state the handlers use: keep it alive as long as the server.
// `cases` is the case store (null without --db): it lends case pages, chronologies and filing.
// `sign_in` says who may use which page (gatekeeper.h).
std::shared_ptr<void> add_routes(httplib::Server& server, const PolicyRegistry& registry, SessionStore& store,
                                 Store* cases, const SignInOptions& sign_in);

// Sends an error page with a 4xx or 5xx status.
void send_error(httplib::Response& response, int status, std::string_view title, std::string_view message);

}  // namespace waymark::web
