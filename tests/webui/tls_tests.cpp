// `cartero serve --cert --key`: HTTPS with a certificate made for the test,
// the session cookie marked Secure, no clear text on that port, and a
// missing or bad certificate refused naming the file.
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "../support/run.hpp"
#include "../support/temp_dir.hpp"
#include "client.hpp"
#include "cartero/core/error.hpp"
#include "cartero/access/users.hpp"

using namespace cartero;

namespace {

struct Fixture {
  cartero::testing::TempDir tmp;
  std::string db_path = tmp.path("c.db");
  std::string cert = tmp.path("cert.pem");
  std::string key = tmp.path("key.pem");

  Fixture() {
    access::add_user(*Database::open(db_path), {"ana", access::Role::analyst, {}}, "clave-segura-1");
    const std::string cmd = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1 "
                            "-addext subjectAltName=IP:127.0.0.1 -keyout '" + key + "' -out '" + cert + "' 2>/dev/null";
    BOOST_REQUIRE_EQUAL(std::system(cmd.c_str()), 0);
  }

  webui::ServerOptions options(const std::string& cert_file, const std::string& key_file) const {
    webui::ServerOptions o{db_path, 0, tmp.path("."), 2, false};
    o.cert_file = cert_file;
    o.key_file = key_file;
    return o;
  }

  // The error the server's constructor throws for these files.
  std::string refusal(const std::string& cert_file, const std::string& key_file) const {
    try {
      webui::Server server(options(cert_file, key_file));
    } catch (const InputError& e) {
      return e.what();
    }
    return "(accepted)";
  }
};

// A client that trusts exactly the test's certificate (and checks the host).
cartero::testing::Reply https_call(int port, const std::string& cert, const std::string& method, const std::string& path,
                                   const std::string& body, const std::string& cookie = "") {
  Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, cert, Poco::Net::Context::VERIFY_RELAXED);
  Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port), context);
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!cookie.empty()) request.set("Cookie", cookie);
  request.setContentType("application/json");
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  cartero::testing::Reply r;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), r.body);
  r.status = response.getStatus();
  r.cookie = response.get("Set-Cookie", "");
  r.headers = cartero::testing::headers_of(response);
  return r;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(tls_tests, Fixture)

BOOST_AUTO_TEST_CASE(with_a_certificate_the_server_speaks_https_and_the_cookie_is_secure) {
  webui::Server server(options(cert, key));
  server.start();
  BOOST_CHECK(server.secure());
  auto r = https_call(server.port(), cert, "POST", "/api/login", R"({"username":"ana","password":"clave-segura-1"})");
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_CHECK(contains(r.cookie, "; HttpOnly; SameSite=Strict; Max-Age=28800; Secure"));
  BOOST_CHECK(contains(r.headers["Strict-Transport-Security"], "max-age="));  // browsers keep to HTTPS
  BOOST_CHECK(contains(https_call(server.port(), cert, "GET", "/", "").headers["Strict-Transport-Security"], "max-age="));
  const auto cookie = r.cookie.substr(0, r.cookie.find(';'));
  r = https_call(server.port(), cert, "GET", "/api/me", "", cookie);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(contains(r.body, R"("user":"ana")"));
  // Clear text on the same port gets no answer.
  BOOST_CHECK_THROW(cartero::testing::call(server.port(), "GET", "/api/me", "", cookie), Poco::Exception);
  BOOST_CHECK_EQUAL(https_call(server.port(), cert, "GET", "/api/me", "", cookie).status, 200);
}

BOOST_AUTO_TEST_CASE(without_a_certificate_it_is_plain_http_and_the_cookie_is_not_secure) {
  webui::Server server(options("", ""));
  server.start();
  BOOST_CHECK(!server.secure());
  const auto r = cartero::testing::call(server.port(), "POST", "/api/login", R"({"username":"ana","password":"clave-segura-1"})");
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK_EQUAL(r.headers.count("Strict-Transport-Security"), 0u);  // only over TLS (RFC 6797 7.2)
  BOOST_CHECK_THROW(https_call(server.port(), cert, "GET", "/api/me", ""), Poco::Exception);
}

BOOST_AUTO_TEST_CASE(a_missing_or_bad_certificate_is_refused_naming_the_file) {
  const auto garbage = tmp.write("garbage.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
  const auto other_key = tmp.path("other-key.pem");
  BOOST_REQUIRE_EQUAL(std::system(("openssl ecparam -name prime256v1 -genkey -noout -out '" + other_key + "' 2>/dev/null").c_str()), 0);
  const auto missing = tmp.path("missing.pem");
  BOOST_TEST(refusal(missing, key) == "serve: cannot read the certificate file " + missing + "; check the path");
  BOOST_TEST(refusal(cert, missing) == "serve: cannot read the key file " + missing + "; check the path");
  BOOST_TEST(refusal(garbage, key) == "serve: " + garbage + " is not a PEM certificate (-----BEGIN CERTIFICATE-----)");
  BOOST_TEST(refusal(cert, cert) == "serve: " + cert + " is not a PEM private key without a passphrase");
  BOOST_TEST(refusal(cert, other_key) == "serve: the key " + other_key + " does not belong to the certificate " + cert);
  BOOST_TEST(refusal(cert, "") == "serve: --cert and --key go together (both PEM files)");
}

BOOST_AUTO_TEST_CASE(the_command_exits_1_naming_the_missing_file) {
  const auto r = cartero::testing::run_cartero(tmp, "--db c.db serve --port 0 --cert nada.pem --key '" + key + "'");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK(contains(r.err, "nada.pem"));
  BOOST_CHECK_EQUAL(r.out, "");
}

BOOST_AUTO_TEST_SUITE_END()
