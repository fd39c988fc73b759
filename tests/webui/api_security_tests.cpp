// Sessions that end (expired on the server, left idle, or logged out), forged writes,
// and field staff kept to their own zones.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <thread>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "client.hpp"
#include "returns_fixture.hpp"

using namespace cartero;
using cartero::testing::call;
using cartero::testing::login;

namespace {

struct Fixture : cartero::testing::ReturnsServerFixture {
  std::string token_of(const std::string& cookie) const { return cookie.substr(cookie.find('=') + 1); }
  std::string count(const std::string& query) const { return sql::scalar(*db, query).value_or("?"); }
};

const std::string k_log_in_again =
    R"({"error":{"code":"not_logged_in","message":"Su sesión expiró o se cerró: inicie sesión de nuevo.","args":{}}})";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(api_security_tests, Fixture)

BOOST_AUTO_TEST_CASE(an_expired_session_is_told_to_log_in_again) {
  const auto [ana, csrf] = login(port(), "ana", "clave-analista");
  BOOST_REQUIRE_EQUAL(call(port(), "GET", "/api/me", "", ana).status, 200);
  sql::exec(*db, "UPDATE sessions SET expires_at = ? WHERE token = ?", {"2026-01-01T00:00:00Z", token_of(ana)});
  auto r = call(port(), "GET", "/api/me", "", ana);
  BOOST_CHECK_EQUAL(r.status, 401);
  BOOST_CHECK_EQUAL(r.body, k_log_in_again);
  r = call(port(), "POST", "/api/batches", R"({"cutoff":"2027-01-01"})", ana, csrf);
  BOOST_CHECK_EQUAL(r.status, 401);
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM batches"), "1");
  // Without any cookie the message is the plain one; a new login works.
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/me").body, R"({"error":{"code":"not_logged_in","message":"Inicie sesión para continuar.","args":{}}})");
  const auto [again, again_csrf] = login(port(), "ana", "clave-analista");
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/me", "", again).status, 200);
}

BOOST_AUTO_TEST_CASE(a_session_left_idle_ends_while_one_in_use_goes_on) {
  webui::ServerOptions o{db_path, 0, tmp.path("."), 2, false};
  o.idle_timeout_seconds = 2;
  webui::Server idle(o);
  idle.start();
  const auto [busy, busy_csrf] = login(idle.port(), "ana", "clave-analista");
  const auto [left, left_csrf] = login(idle.port(), "olga", "clave-oficina");
  BOOST_CHECK_EQUAL(call(idle.port(), "GET", "/api/me", "", left).status, 200);
  BOOST_CHECK_EQUAL(call(idle.port(), "GET", "/api/me", "", busy).status, 200);
  for (int i = 0; i < 6; ++i) {  // 3 seconds in use, never 2 seconds apart
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    BOOST_CHECK_EQUAL(call(idle.port(), "GET", "/api/me", "", busy).status, 200);
  }
  BOOST_CHECK_EQUAL(call(idle.port(), "GET", "/api/me", "", left).body, k_log_in_again);
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM sessions WHERE token = '" + token_of(left) + "'"), "0");
  BOOST_CHECK_EQUAL(call(idle.port(), "GET", "/api/me", "", busy).status, 200);
}

BOOST_AUTO_TEST_CASE(logout_ends_the_session_on_the_server) {
  const auto [olga, csrf] = login(port(), "olga", "clave-oficina");
  const auto [other, other_csrf] = login(port(), "olga", "clave-oficina");  // another browser of hers
  const auto r = call(port(), "POST", "/api/logout", "", olga, csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK_EQUAL(r.cookie, "cartero_session=");
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM sessions WHERE token = '" + token_of(olga) + "'"), "0");
  // The old cookie, replayed, is refused for reads and writes alike.
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/review", "", olga).body, k_log_in_again);
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/logout", "", olga, csrf).status, 401);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/review", "", other).status, 200);
}

BOOST_AUTO_TEST_CASE(forged_writes_without_the_session_token_are_refused) {
  const auto [ana, csrf] = login(port(), "ana", "clave-analista");
  const auto [olga, olga_csrf] = login(port(), "olga", "clave-oficina");
  const auto body = R"({"letter_id":")" + ids[2] + R"(","cause":"closed"})";
  const std::string k_forged =
      R"({"error":{"code":"forbidden","message":"Falta el token CSRF o no es válido: recargue la página e inicie sesión de nuevo.","args":{}}})";
  for (const auto& token : {std::string(), csrf, std::string("0123456789abcdef0123456789abcdef"), olga_csrf + "x"}) {
    const auto r = call(port(), "POST", "/api/review/3", body, olga, token);
    BOOST_TEST(r.status == 403, token);
    BOOST_TEST(r.body == k_forged);
  }
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/batches", "{}", ana, olga_csrf).status, 403);
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM returns"), "2");
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM batches"), "1");
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM audit_log WHERE action <> 'login'"), "0");
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/review/3", body, olga, olga_csrf).status, 200);
}

BOOST_AUTO_TEST_CASE(field_staff_see_and_change_only_their_zones) {
  const auto [tere, csrf] = login(port(), "tere", "clave-terreno");  // zone Z9; the cases are in Z1
  struct {
    const char* method;
    std::string path;
    const char* message;
  } const k_refused[] = {
      {"GET", "/api/field/lists?zone=Z1", "La zona Z1 no está asignada a usted."},
      {"GET", "/api/field/sheet?zone=Z1", "La zona Z1 no está asignada a usted."},
      {"POST", "/api/field/cases/1/outcome", "El caso no es de sus zonas."},
      {"GET", "/api/accounts/A100", "La cuenta no está en las listas de sus zonas."},
      {"GET", "/api/billing/cases", "Su rol no tiene permiso para esta acción."},
  };
  for (const auto& c : k_refused) {
    const auto r = call(port(), c.method, c.path, R"({"outcome":"address_ok"})", tere, csrf);
    BOOST_TEST(r.status == 403, c.path);
    BOOST_TEST(cartero::testing::error_message(r.body) == std::string(c.message), c.path);
    BOOST_TEST(cartero::testing::error_code(r.body) == "forbidden", c.path);
  }
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM cases WHERE status = 'open'"), "2");
  const auto [luis, luis_csrf] = login(port(), "luis", "clave-terreno");  // zone Z1: the same calls succeed
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/field/lists?zone=Z1", "", luis).status, 200);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/accounts/A100", "", luis).status, 200);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/accounts/A102", "", luis).status, 403);  // no case of his
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/field/cases/1/outcome", R"({"outcome":"address_ok"})", luis, luis_csrf).status, 200);
}

BOOST_AUTO_TEST_CASE(a_login_is_taken_only_as_json) {
  const std::string body = R"({"username":"ana","password":"clave-analista"})";
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""}) {
    const auto r = call(port(), "POST", "/api/login", body, "", "", type);
    BOOST_TEST(r.status == 415, type);
    BOOST_TEST(r.cookie.empty(), type);
  }
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/login", body, "", "", "application/json; charset=utf-8").status, 200);
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/login", body, "", "", "Application/JSON").status, 200);
}

BOOST_AUTO_TEST_CASE(outcomes_with_control_characters_leave_the_audit_log_readable) {
  access::add_user(*db, {"root", access::Role::admin, {}}, "clave-admin-1");
  const auto [luis, luis_csrf] = login(port(), "luis", "clave-terreno");
  const auto [fabio, fabio_csrf] = login(port(), "fabio", "clave-factura");
  auto r = call(port(), "POST", "/api/field/cases/1/outcome", R"({"outcome":"Address-OK\n"})", luis, luis_csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  r = call(port(), "POST", "/api/billing/cases/2/decision", R"({"decision":" confirmed\t"})", fabio, fabio_csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  // A line written by an older version, with the raw text spliced in.
  sql::exec(*db, "INSERT INTO audit_log (at, user_name, action, target, before_json, after_json) VALUES "
                 "('2026-12-01T00:00:00Z', 'luis', 'case.outcome', '9', '{}', '{\"outcome\":\"x\n\"')");
  const auto [root, root_csrf] = login(port(), "root", "clave-admin-1");
  r = call(port(), "GET", "/api/audit", "", root);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  Poco::JSON::Array::Ptr entries;
  BOOST_REQUIRE_NO_THROW(entries = Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Array::Ptr>());
  // The lines keep the case before and after, with the outcome as its code (never the raw text sent).
  BOOST_CHECK(r.body.find(R"("status":"closed","outcome":"address_ok")") != std::string::npos);
  BOOST_CHECK(r.body.find(R"("status":"closed","outcome":"confirmed")") != std::string::npos);
  BOOST_CHECK(r.body.find("Address-OK") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
