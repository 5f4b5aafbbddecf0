// Who is already listening on a TCP port, for the message when `waymark serve` cannot bind.
#pragma once

#include <optional>
#include <string>

namespace waymark::web {

// "process 1234 (waymark serve --port 8470)" for the process listening on `port`, read from
// /proc/net/tcp{,6} and /proc/*/fd; nothing when it cannot be found (another user's process, no
// /proc).
std::optional<std::string> port_listener(int port);

}  // namespace waymark::web
