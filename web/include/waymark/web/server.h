/// `waymark serve`: the local web page for practitioners, over the same engine as the CLI.
#pragma once

#include <waymark/policy_registry.h>

#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {
class Store;
}

namespace waymark::web {

/// The port `waymark serve` listens on unless told otherwise.
inline constexpr int default_port = 8470;
/// Largest request body accepted; larger requests get 413.
inline constexpr std::size_t max_body_bytes = 64 * 1024;

/// What clients may hold of the server, so that a few slow or greedy ones cannot starve the rest
/// (docs/web.md, "Limits"). A connection over a cap gets 503 with Retry-After.
struct ConnectionLimits {
  /// Connections served at once, from every address together.
  std::size_t total = 64;
  /// Connections served at once from one address.
  std::size_t per_address = 16;
  /// Addresses many users share, held only to `total`: a trusted proxy, through which every
  /// practitioner's connection arrives (set from SignInOptions::trusted_proxies).
  std::vector<std::string> shared_addresses;
  /// Time a request's line and headers may take to arrive once its first byte has (else 408).
  std::chrono::milliseconds header_timeout{10'000};
  /// Time its body may take once the headers are in (else 408).
  std::chrono::milliseconds body_timeout{30'000};
  /// Time an idle kept-alive connection is kept open for its next request.
  std::chrono::milliseconds idle_timeout{5'000};
  /// The request line and headers together (else 431).
  std::size_t max_header_bytes = 16 * 1024;
  /// Header lines in one request (else 431).
  std::size_t max_header_count = 100;
  /// Seconds a 503 asks the client to wait before trying again.
  int retry_after_seconds = 2;
};

/// Who may use the page. Without sign-in the page is one practitioner's, and `waymark serve`
/// listens only on this computer (docs/deployment.md).
struct SignInOptions {
  enum class Mode {
    /// No sign-in: only a loopback address may be bound.
    none,
    /// Accounts kept in the case store (`waymark user add`), signed in with a password.
    accounts,
    /// A trusted reverse proxy has signed the user in (the council's single sign-on) and names
    /// the account in `user_header`; accepted only from `trusted_proxies`.
    proxy,
  };
  Mode mode = Mode::none;
  /// Addresses (as the connection's peer, e.g. 127.0.0.1 or 10.0.0.5) of the proxies trusted to
  /// name the user.
  std::vector<std::string> trusted_proxies;
  std::string user_header = "X-Remote-User";
  /// A signed-in browser unused this long is signed out.
  std::chrono::minutes idle_timeout{30};
  /// The page is reached over HTTPS (through a proxy terminating TLS, or this server's own TLS,
  /// which sets it): every cookie is marked Secure, and responses carry Strict-Transport-Security.
  bool secure_cookie = false;

  /// Whether a connection from `address` comes from a proxy trusted to name the user.
  bool trusts_proxy(std::string_view address) const {
    if (mode != Mode::proxy) return false;
    for (const std::string& proxy : trusted_proxies)
      if (proxy == address) return true;
    return false;
  }
};

/// HTTPS served by this server itself, without a proxy (docs/deployment.md, "HTTPS without a
/// proxy"). Both files or neither: with both, the server speaks only HTTPS (TLS 1.2 or later).
/// Waymark never makes certificates; it reads these once, when it binds.
struct TlsOptions {
  /// The certificate chain (PEM): the server's certificate, then any intermediate ones.
  std::filesystem::path certificate;
  /// The certificate's private key (PEM, without a passphrase), readable by its owner only.
  std::filesystem::path private_key;

  /// Whether TLS was asked for (bind() refuses one file without the other).
  bool enabled() const { return !certificate.empty() || !private_key.empty(); }
};

/// Whether `address` (a --bind value) reaches only this computer.
bool is_loopback_address(std::string_view address);

struct ServerOptions {
  /// Address to listen on; 127.0.0.1 keeps the page on this computer.
  std::string bind = "127.0.0.1";
  /// 0 picks a free port (tests).
  int port = default_port;
  /// Where walk-throughs in progress are saved (as the CLI's session JSON), one folder per browser.
  std::filesystem::path session_dir;
  /// The case store (null: not in use), for the case and due pages, chronologies and filing
  /// records. Must outlive the server; used only under the server's lock.
  Store* cases = nullptr;
  /// Receives one line per request: method, path without query, status. Never answers.
  std::function<void(std::string_view line)> log;
  /// Caps on connections and on how long and large a request may be.
  ConnectionLimits limits;
  /// Sign-in and roles; needed to listen on any address but loopback.
  SignInOptions sign_in;
  /// The certificate and key to serve HTTPS with; none: plain HTTP.
  TlsOptions tls;
};

/// The folder sessions are kept in by default: $XDG_STATE_HOME/waymark/web-sessions, else
/// ~/.local/state/waymark/web-sessions. (Inline: the CLI names it in its help without the module.)
inline std::filesystem::path default_session_dir() {
  if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state)
    return std::filesystem::path(state) / "waymark" / "web-sessions";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".local/state/waymark/web-sessions";
  return std::filesystem::current_path() / "waymark-web-sessions";
}

/// An HTTP server over a policy registry, which must outlive it.
class Server {
 public:
  Server(const PolicyRegistry& registry, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds the socket; returns the port (useful with port 0). Throws std::runtime_error on failure,
  /// including a TLS certificate or key that is missing, unreadable or not the other's (naming it).
  int bind();
  /// Serves requests until stop() is called. Call after bind().
  void run();
  /// Stops run() from another thread.
  void stop();
  /// True once run() is accepting connections.
  bool is_running() const;
  /// The address to open in a browser, e.g. http://127.0.0.1:8470/ (https:// with TLS).
  std::string address() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace waymark::web
