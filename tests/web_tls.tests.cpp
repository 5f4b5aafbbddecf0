// `waymark serve --tls-cert --tls-key`: HTTPS served by the server itself, with HSTS and Secure
// cookies; clients that send plain HTTP or never finish their handshake are closed without holding
// the server; a certificate or key it cannot use is named when it binds.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>

#include "support/raw_connection.h"
#include "support/run_command.h"
#include "support/test_certificate.h"
#include "support/web_client.h"

namespace web = waymark::web;
using waymark::PolicyRegistry;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using test::Browser;
using test::RawConnection;
using test::WebServer;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const std::string fixture = "/policies/web-fixture";

web::TlsOptions tls_of(const test::TestCertificate& certificate) {
  return {certificate.certificate, certificate.private_key};
}

std::string origin_of(const WebServer& server) { return "https://127.0.0.1:" + std::to_string(server.port()); }

// Why a server with these TLS files does not bind, or "bound".
std::string bind_error(const web::TlsOptions& tls, const fs::path& dir) {
  const PolicyRegistry registry;
  web::ServerOptions options;
  options.port = 0;
  options.session_dir = dir / "sessions";
  options.tls = tls;
  web::Server server(registry, options);
  try {
    server.bind();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "bound";
}

}  // namespace

TEST_CASE("over HTTPS the page is served at an https:// address, with HSTS and Secure cookies", "[web][tls]") {
  const auto dir = test::temporary_folder("waymark-web-tls");
  const auto certificate = test::make_test_certificate(dir);
  {
    WebServer server(dir / "sessions", nullptr, {}, {}, {}, tls_of(certificate));
    const std::string origin = origin_of(server);
    CHECK(server.address() == origin + "/");
    Browser browser(origin, certificate.certificate);

    const auto home = browser.get("/");
    REQUIRE(home);
    CHECK(home->status == 200);
    CHECK(home->get_header_value("Strict-Transport-Security") == "max-age=31536000");
    CHECK_THAT(home->get_header_value("Set-Cookie"), Contains("HttpOnly") && Contains("; Secure"));

    SECTION("a whole walk-through works over the one kept-alive connection") {
      const std::string base = test::walk_web_fixture(browser, {});
      CHECK(browser.get(base + "/check")->status == 200);
    }
    SECTION("forms are accepted from the page's https:// origin only") {
      REQUIRE(browser.get(fixture)->status == 200);
      CHECK(browser.post(fixture + "/start", {}, true, {{"Origin", origin}})->status == 303);
      const std::string plain = "http://127.0.0.1:" + std::to_string(server.port());
      CHECK(browser.post(fixture + "/start", {}, true, {{"Origin", plain}})->status == 403);
      CHECK(browser.post(fixture + "/start", {}, true, {{"Referer", plain + fixture}})->status == 403);
    }
  }
  fs::remove_all(dir);
}

TEST_CASE("plain HTTP sent to the HTTPS port is closed without an answer, and HTTPS goes on", "[web][tls]") {
  const auto dir = test::temporary_folder("waymark-web-tls");
  const auto certificate = test::make_test_certificate(dir);
  {
    WebServer server(dir / "sessions", nullptr, {}, {}, {}, tls_of(certificate));
    RawConnection plain(server.port());
    plain.send(test::get_request(server.port()));
    CHECK_FALSE(StartsWith("HTTP/").match(plain.read_response()));
    CHECK(plain.closed_within(5s));
    // Logged without anything the client sent.
    const std::string log = server.log_once_logged("- - TLS handshake failed");
    CHECK_THAT(log, Contains("- - TLS handshake failed ("));
    CHECK_FALSE(Contains("GET").match(log));

    Browser browser(origin_of(server), certificate.certificate);
    const auto home = browser.get("/");
    REQUIRE(home);
    CHECK(home->status == 200);
  }
  fs::remove_all(dir);
}

TEST_CASE("a client that never starts its TLS handshake is dropped after the header timeout", "[web][tls][limits]") {
  const auto dir = test::temporary_folder("waymark-web-tls");
  const auto certificate = test::make_test_certificate(dir);
  {
    web::ConnectionLimits limits;
    limits.header_timeout = 300ms;
    WebServer server(dir / "sessions", nullptr, limits, {}, {}, tls_of(certificate));
    RawConnection silent(server.port(), 2);

    Browser browser(origin_of(server), certificate.certificate);
    const auto home = browser.get("/");
    REQUIRE(home);
    CHECK(home->status == 200);
    // Far longer than the header timeout: without a deadline on the handshake it would wait for ever.
    CHECK(silent.closed_within(10s));
    CHECK_THAT(server.log_once_logged("- - TLS handshake not done"),
               Contains("- - TLS handshake not done within 300 ms"));
  }
  fs::remove_all(dir);
}

TEST_CASE("a refusal on a TLS connection is written through TLS", "[web][tls][limits]") {
  const auto dir = test::temporary_folder("waymark-web-tls");
  const auto certificate = test::make_test_certificate(dir);
  {
    WebServer server(dir / "sessions", nullptr, {}, {}, {}, tls_of(certificate));
    httplib::Client client(origin_of(server));
    client.set_ca_cert_path(certificate.certificate.string());
    client.enable_server_certificate_verification(true);
    const auto refused = client.Get("/", {{"X-Large", std::string(20 * 1024, 'a')}});
    REQUIRE(refused);
    CHECK(refused->status == 431);
    CHECK_THAT(refused->body, Contains("headers were too large"));
    CHECK_THAT(server.log_once_logged("- - 431"), Contains("- - 431 (headers too large)"));
  }
  fs::remove_all(dir);
}

TEST_CASE("a certificate or key the server cannot use is refused when it binds, naming the file", "[web][tls]") {
  const auto dir = test::temporary_folder("waymark-web-tls");
  const auto first = test::make_test_certificate(dir, "first");
  const auto second = test::make_test_certificate(dir, "second");
  const fs::path missing = dir / "missing.crt";
  const fs::path not_pem = dir / "not-pem.crt";
  std::ofstream(not_pem) << "not a certificate\n";

  CHECK_THAT(bind_error({missing, first.private_key}, dir),
             Contains("cannot read the TLS certificate " + missing.string() + ": No such file or directory"));
  CHECK_THAT(bind_error({first.certificate, dir / "missing.key"}, dir),
             Contains("cannot read the TLS private key " + (dir / "missing.key").string()));
  CHECK_THAT(bind_error({not_pem, first.private_key}, dir),
             Contains("the TLS certificate " + not_pem.string() + " is not a PEM certificate chain"));
  CHECK_THAT(bind_error({first.certificate, first.certificate}, dir),
             Contains("the TLS private key " + first.certificate.string() + " is not a PEM private key"));
  CHECK_THAT(bind_error({first.certificate, second.private_key}, dir),
             Contains("the TLS private key " + second.private_key.string() + " is not the key of the certificate " +
                      first.certificate.string()));
  CHECK_THAT(bind_error({first.certificate, {}}, dir),
             Contains("the TLS certificate " + first.certificate.string() + " needs its private key too"));
  CHECK_THAT(bind_error({{}, first.private_key}, dir),
             Contains("the TLS private key " + first.private_key.string() + " needs its certificate too"));
  fs::remove_all(dir);
}

TEST_CASE("waymark serve needs --tls-cert and --tls-key together, and names a file it cannot read", "[web][tls][cli]") {
  const auto dir = test::temporary_folder("waymark-serve-tls");
  const auto alone = waymark::test::run_waymark({"serve", "--tls-cert", (dir / "server.crt").string()});
  CHECK(alone.exit_code == 2);
  CHECK_THAT(alone.err, Contains("--tls-cert requires --tls-key"));

  const fs::path missing = dir / "missing.crt";
  const auto unreadable =
      waymark::test::run_waymark({"serve", "--port", "0", "--session-dir", (dir / "sessions").string(), "--tls-cert",
                                  missing.string(), "--tls-key", (dir / "missing.key").string()});
  CHECK(unreadable.exit_code == 2);
  CHECK_THAT(unreadable.err, Contains("waymark: error: cannot read the TLS certificate " + missing.string()));
  CHECK(unreadable.out.empty());
  fs::remove_all(dir);
}
