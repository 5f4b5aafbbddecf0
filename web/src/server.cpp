// Server setup: binding (and TLS), security headers, host and origin checks, the request log, error
// pages.
#include <fmt/format.h>
#include <httplib.h>
#include <waymark/store.h>
#include <waymark/web/server.h>

#include <cstdio>
#include <cstdlib>
#include <set>
#include <stdexcept>

#include "gated_server.h"
#include "port_owner.h"
#include "routes.h"
#include "session_store.h"
#include "tls_context.h"

namespace waymark::web {

namespace fs = std::filesystem;

namespace {

bool is_wildcard(const std::string& bind) { return bind == "0.0.0.0" || bind == "::" || bind.empty(); }

std::string host_for_url(const std::string& bind) {
  if (is_wildcard(bind)) return "127.0.0.1";
  return bind.find(':') != std::string::npos ? "[" + bind + "]" : bind;
}

// "http://host:port" from an Origin or Referer value, or the value itself if it has no path.
std::string origin_of(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const auto path = url.find('/', scheme_end + 3);
  return path == std::string::npos ? url : url.substr(0, path);
}

std::string_view status_title(int status) {
  switch (status) {
    case 400: return "Bad request";
    case 403: return "Refused";
    case 404: return "Page not found";
    case 405: return "Not allowed";
    case 413: return "Too much was sent";
    case 500: return "Something went wrong";
    default: return status < 500 ? "The request could not be handled" : "Something went wrong";
  }
}

std::string_view status_message(int status) {
  switch (status) {
    case 404: return "Check the address, or go to the list of policies.";
    case 413: return "The form sent more than this page accepts. Shorten your answer and try again.";
    case 500: return "The page could not be shown. Your answers so far are saved; go back and try again.";
    default: return "Go back and try again.";
  }
}

// Control characters as \xNN (and a backslash as \\), so a request cannot write a line of its
// own, or a NUL, into the log.
std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F)
      out += fmt::format("\\x{:02X}", byte);
    else if (c == '\\')
      out += "\\\\";
    else
      out += c;
  }
  return out;
}

// A team's PostgreSQL store keeps walk-throughs where every `serve` sharing it finds them; else
// the session folder.
std::unique_ptr<SessionShelf> session_shelf_for(const ServerOptions& options) {
  if (options.cases && options.cases->is_postgresql()) return store_shelf(*options.cases);
  return folder_shelf(options.session_dir.empty() ? default_session_dir() : options.session_dir);
}

// Every practitioner's connection arrives from a trusted proxy's address: the per-address cap,
// meant for one client, would otherwise cap the whole team.
ConnectionLimits limits_for(const ServerOptions& options) {
  ConnectionLimits limits = options.limits;
  if (options.sign_in.mode == SignInOptions::Mode::proxy)
    limits.shared_addresses.insert(limits.shared_addresses.end(), options.sign_in.trusted_proxies.begin(),
                                   options.sign_in.trusted_proxies.end());
  return limits;
}

}  // namespace

bool is_loopback_address(std::string_view address) {
  return address == "localhost" || address == "::1" || address == "[::1]" || address.starts_with("127.");
}

struct Server::Impl {
  Impl(const PolicyRegistry& registry, ServerOptions opts)
      : options(std::move(opts)),
        store(registry, session_shelf_for(options)),
        http(limits_for(options), [this](std::string_view line) { options.log(line); }) {
    if (!options.log)
      options.log = [](std::string_view line) { std::fprintf(stderr, "%.*s\n", int(line.size()), line.data()); };
    // Served over HTTPS by this server itself: cookies and headers as behind a proxy terminating TLS.
    if (options.tls.enabled()) options.sign_in.secure_cookie = true;
    routes = add_routes(http, registry, store, options.cases, options.sign_in);
    // A response goes out in more than one write: with Nagle's algorithm on, the second waits for
    // the browser's delayed ACK, about 40 ms a page.
    http.set_tcp_nodelay(true);
    // Debian's cpp-httplib sets SO_REUSEPORT, which lets a second `waymark serve` share a port
    // already in use (requests then alternate between the two): SO_REUSEADDR alone still allows a
    // restart while the old connections wait out TIME_WAIT, but refuses a port someone listens on.
    http.set_socket_options([](socket_t socket) {
      const int yes = 1;
      setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    httplib::Headers headers{
        {"Content-Security-Policy",
         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; form-action "
         "'self'; "
         "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "same-origin"},
        {"X-Frame-Options", "DENY"},
        {"Cache-Control", "no-store"},
    };
    // Reached over HTTPS (this server's TLS, or a proxy terminating TLS): browsers are told never
    // to come by HTTP, and every cookie (the browser's id as well as the sign-in's) is Secure, so a
    // browser never sends one over plain HTTP.
    if (options.sign_in.secure_cookie) {
      headers.emplace("Strict-Transport-Security", "max-age=31536000");
      http.set_post_routing_handler([](const httplib::Request&, httplib::Response& response) {
        for (auto [at, end] = response.headers.equal_range("Set-Cookie"); at != end; ++at)
          if (at->second.find("; Secure") == std::string::npos) at->second += "; Secure";
      });
    }
    http.set_default_headers(std::move(headers));

    http.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
      // Debian's cpp-httplib compresses every text response for a browser that accepts
      // Brotli, at Brotli's slowest setting: 90 ms for an outcome page, 170 ms for the
      // stylesheet, where sending it uncompressed over loopback takes under 1 ms (and pages
      // holding a CSRF token and typed text are better not compressed anyway). The library
      // has no switch for it and hands handlers a const request, but the request it owns is
      // not const, so the header can be dropped here, before any response is written.
      const_cast<httplib::Request&>(request).headers.erase("Accept-Encoding");
      // Refused before any of the body is read (the connection is then closed).
      if (declares_body_over_limit(request)) {
        send_error(response, 413, status_title(413), status_message(413));
        return httplib::Server::HandlerResponse::Handled;
      }
      return refuse_foreign(request, response) ? httplib::Server::HandlerResponse::Handled
                                               : httplib::Server::HandlerResponse::Unhandled;
    });
    http.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& response) {
          if (response.body.empty())
            send_error(response, response.status, status_title(response.status), status_message(response.status));
          return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
      send_error(response, 500, status_title(500), status_message(500));
    });
    // Only the method, the path without its query, and the status: never a form field.
    http.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
      options.log(fmt::format("{} {} {}", printable(request.method), printable(request.path), response.status));
    });
  }

  // Refuses (403) requests for another host name (DNS rebinding) and state changes from another
  // origin.
  bool refuse_foreign(const httplib::Request& request, httplib::Response& response) const {
    const std::string host = request.get_header_value("Host");
    // A trusted proxy passes on the public name it serves, which this server cannot know.
    if (!is_wildcard(options.bind) && !allowed_hosts.contains(host) && !from_trusted_proxy(request)) {
      send_error(response, 403, "Refused", "This page is served only at " + address() + ".");
      return true;
    }
    if (request.method == "GET" || request.method == "HEAD") return false;
    const std::string origin = request.get_header_value("Origin");
    const std::string referer = request.get_header_value("Referer");
    const bool own_origin = is_own_origin(origin, host, request);
    const bool own_referer = is_own_origin(origin_of(referer), host, request);
    if ((!origin.empty() && !own_origin) || (origin.empty() && !referer.empty() && !own_referer)) {
      send_error(response, 403, "Refused", "Forms can be sent only from Waymark's own pages.");
      return true;
    }
    return false;
  }

  // Whether `origin` ("scheme://host:port") is that of this server's own pages at `host`.
  bool is_own_origin(const std::string& origin, const std::string& host, const httplib::Request& request) const {
    // Serving TLS itself, the server has no page at an http:// origin.
    if (options.tls.enabled()) return origin == "https://" + host;
    // Behind a proxy terminating TLS the browser's origin is https://.
    return origin == "http://" + host || (from_trusted_proxy(request) && origin == "https://" + host);
  }

  bool from_trusted_proxy(const httplib::Request& request) const {
    return options.sign_in.trusts_proxy(request.remote_addr);
  }

  std::string address() const {
    return fmt::format("{}://{}:{}/", options.tls.enabled() ? "https" : "http", host_for_url(options.bind), port);
  }

  ServerOptions options;
  SessionStore store;
  GatedServer http;
  std::shared_ptr<void> routes;
  std::set<std::string> allowed_hosts;
  int port = 0;
};

Server::Server(const PolicyRegistry& registry, ServerOptions options)
    : impl_(std::make_unique<Impl>(registry, std::move(options))) {}

Server::~Server() = default;

int Server::bind() {
  const ServerOptions& options = impl_->options;
  if (options.sign_in.mode == SignInOptions::Mode::none && !is_loopback_address(options.bind))
    throw std::runtime_error(fmt::format(
        "refusing to listen on {} without sign-in: anyone who can reach it could read every case. Set up sign-in "
        "(--sign-in accounts, or --sign-in proxy with --trusted-proxy) or listen on 127.0.0.1 (see "
        "docs/deployment.md)",
        options.bind.empty() ? "every address" : options.bind));
  if (options.sign_in.mode != SignInOptions::Mode::none && !options.cases)
    throw std::runtime_error("sign-in needs the case store (--db), which holds the accounts");
  if (options.sign_in.mode == SignInOptions::Mode::proxy && options.sign_in.trusted_proxies.empty())
    throw std::runtime_error("--sign-in proxy needs the proxy's address (--trusted-proxy)");
  // Read before the port is taken, so a bad certificate or key holds nothing.
  if (options.tls.enabled()) impl_->http.use_tls(load_tls_context(options.tls));
  const int port = options.port == 0 ? impl_->http.bind_to_any_port(options.bind)
                                     : (impl_->http.bind_to_port(options.bind, options.port) ? options.port : -1);
  if (port < 0) {
    const auto listener = options.port == 0 ? std::nullopt : port_listener(options.port);
    throw std::runtime_error(
        listener ? fmt::format("cannot listen on {} port {}: port {} is already in use by {}", options.bind,
                               options.port, options.port, *listener)
                 : fmt::format("cannot listen on {} port {} (is it already in use?)", options.bind, options.port));
  }
  impl_->port = port;
  impl_->http.widen_backlog();
  for (const std::string& name :
       {host_for_url(options.bind), std::string("localhost"), std::string("127.0.0.1"), std::string("[::1]")})
    impl_->allowed_hosts.insert(fmt::format("{}:{}", name, port));
  return port;
}

void Server::run() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

bool Server::is_running() const { return impl_->http.is_running(); }

std::string Server::address() const { return impl_->address(); }

}  // namespace waymark::web
