/// The entry point of the web page module (waymark-serve.so), which `waymark serve` opens with
/// Boost.DLL. Only `serve` loads the web server and its libraries; every other command starts
/// without them.
#pragma once

#include <waymark/web/server.h>

#include <functional>
#include <string>

namespace waymark::web {

/// Called once the server listens, with the address to open in a browser.
using OnListening = std::function<void(const std::string& address)>;

/// Binds (throwing std::runtime_error when it cannot), calls `on_listening`, then serves until the
/// process is stopped.
using ServeFunction = void(const PolicyRegistry& registry, const ServerOptions& options,
                           const OnListening& on_listening);

/// The name the module exports `ServeFunction` under (a Boost.DLL alias).
inline constexpr const char* serve_alias = "waymark_serve";

}  // namespace waymark::web
