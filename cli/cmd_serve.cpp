#include <fmt/format.h>
#include <waymark/web/serve_module.h>
#include <boost/dll/shared_library.hpp>

#include <filesystem>
#include <optional>

#include "commands.h"
#include "store_support.h"

namespace waymark::cli {

namespace {

struct ServeOptions {
  int port = web::default_port;
  std::string bind = "127.0.0.1";
  std::string session_dir;
  std::string db;
  std::string sign_in = "none";
  web::SignInOptions sign_in_options;
  int idle_minutes = 30;
  web::TlsOptions tls;
};

web::SignInOptions::Mode sign_in_mode(const std::string& word) {
  if (word == "accounts") return web::SignInOptions::Mode::accounts;
  if (word == "proxy") return web::SignInOptions::Mode::proxy;
  return web::SignInOptions::Mode::none;
}

// The web page module: installed in <prefix>/lib/waymark beside the plugins' folder, else the one
// in the build tree.
std::filesystem::path serve_module_path() {
  const std::filesystem::path installed = executable_dir().parent_path() / WAYMARK_INSTALLED_SERVE_MODULE;
  std::error_code error;
  return std::filesystem::exists(installed, error) ? installed : std::filesystem::path(WAYMARK_BUILD_SERVE_MODULE);
}

boost::dll::shared_library open_serve_module() {
  const std::filesystem::path path = serve_module_path();
  std::error_code error;
  if (!std::filesystem::exists(path, error))
    throw Failure{
        exit_bad_input,
        fmt::format("waymark: error: the web page module {} is missing (is Waymark fully installed?)", path.string())};
  try {
    return boost::dll::shared_library(path, boost::dll::load_mode::rtld_now);
  } catch (const std::exception& e) {
    throw Failure{exit_bad_input, fmt::format("waymark: error: cannot open the web page module {}: {} (is Waymark "
                                              "fully installed?)",
                                              path.string(), e.what())};
  }
}

}  // namespace

Command add_serve_command(CLI::App& app, const CommonOptions& common) {
  CLI::App* sub = app.add_subcommand("serve", "Serve the walk-throughs as a local web page (see docs/web.md)");
  auto options = std::make_shared<ServeOptions>();
  sub->add_option("--port", options->port,
                  fmt::format("Port to listen on (default {}; 0 picks a free one)", web::default_port))
      ->check(CLI::Range(0, 65535));
  sub->add_option("--bind", options->bind, "Address to listen on (default 127.0.0.1: this computer only)");
  sub->add_option(
      "--session-dir", options->session_dir,
      fmt::format("Folder for walk-throughs in progress (default {})", web::default_session_dir().string()));
  add_db_option(*sub, options->db);
  sub->add_option("--sign-in", options->sign_in,
                  "Who may use the page: none (this computer only), accounts (waymark user add) or proxy (a "
                  "trusted reverse proxy's single sign-on); see docs/deployment.md")
      ->check(CLI::IsMember({"none", "accounts", "proxy"}));
  sub->add_option("--trusted-proxy", options->sign_in_options.trusted_proxies,
                  "With --sign-in proxy: the proxy's address, whose user header is believed (repeatable)");
  sub->add_option("--user-header", options->sign_in_options.user_header,
                  "With --sign-in proxy: the header naming the signed-in account (default X-Remote-User)");
  sub->add_option("--idle-minutes", options->idle_minutes, "Sign out a browser unused this long (default 30)")
      ->check(CLI::Range(1, 24 * 60));
  sub->add_flag("--secure-cookie", options->sign_in_options.secure_cookie,
                "The page is reached over HTTPS through a proxy: mark cookies Secure and send HSTS (--tls-cert "
                "does so itself)");
  // Each needs the other; the files themselves are read (and named if bad) when the server binds.
  CLI::Option* certificate =
      sub->add_option("--tls-cert", options->tls.certificate,
                      "Serve HTTPS only, with this certificate chain (a PEM file); see docs/deployment.md")
          ->type_name("FILE");
  CLI::Option* key = sub->add_option("--tls-key", options->tls.private_key,
                                     "The certificate's private key (a PEM file without a passphrase, readable by its "
                                     "owner only)")
                         ->type_name("FILE");
  certificate->needs(key);
  key->needs(certificate);
  return [&common, options] {
    const PluginRegistry plugins = load_plugins(common);
    const PolicyRegistry registry = load_registry(common, plugins);
    print_diagnostics(plugins.problems());
    print_diagnostics(registry.problems());
    // As `run --case`: a store named with --db must exist; the default one is used if it does.
    std::optional<Store> cases;
    std::error_code missing;
    if (!options->db.empty() || is_postgresql_locator(default_store_path().string()) ||
        std::filesystem::exists(default_store_path(), missing))
      cases = open_store(options->db);
    if (sign_in_mode(options->sign_in) == web::SignInOptions::Mode::accounts && cases && cases->accounts().empty())
      throw Failure{exit_bad_input,
                    fmt::format("waymark: error: {} holds no accounts, so nobody could sign in: add one first with "
                                "`waymark user add NAME --role ROLE --team TEAM`",
                                cases->path().string())};
    // Opened only now: every other command starts without the web server's libraries.
    const boost::dll::shared_library module = open_serve_module();
    const auto& serve = module.get_alias<web::ServeFunction>(web::serve_alias);
    auto say_where = [&](const std::string& address) {
      fmt::print("Waymark is serving {} policies{}. Open {} in your browser. Press Ctrl+C to stop.\n",
                 registry.policies().size(), cases ? fmt::format(" and the case store {}", cases->path().string()) : "",
                 address);
      std::fflush(stdout);
    };
    try {
      web::ServerOptions server;
      server.bind = options->bind;
      server.port = options->port;
      server.session_dir = options->session_dir;
      server.cases = cases ? &*cases : nullptr;
      server.sign_in = options->sign_in_options;
      server.sign_in.mode = sign_in_mode(options->sign_in);
      server.sign_in.idle_timeout = std::chrono::minutes(options->idle_minutes);
      server.tls = options->tls;
      serve(registry, server, say_where);
    } catch (const std::runtime_error& e) {
      throw Failure{exit_bad_input, fmt::format("waymark: error: {}", e.what())};
    }
    return exit_ok;
  };
}

}  // namespace waymark::cli
