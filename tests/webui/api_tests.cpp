// The JSON API against a real server on a loopback port: status codes,
// JSON, every role's permissions including the refusals.
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/StringPartSource.h>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "cartero/core/sql.hpp"
#include "cartero/selection/claims.hpp"
#include "cartero/selection/import.hpp"
#include "cartero/webui/server.hpp"
#include "cartero/access/users.hpp"
#include "../support/temp_dir.hpp"
#include "client.hpp"

using namespace cartero;
using namespace cartero::webui;
using namespace cartero::access;
using cartero::testing::TempDir;

namespace {

struct Fixture {
  TempDir tmp;
  std::string db_path = tmp.path("c.db");
  std::unique_ptr<Server> server;

  Fixture() {
    auto db = Database::open(db_path);
    add_user(*db, {"ana", Role::analyst, {}}, "clave-segura-1");
    add_user(*db, {"luis", Role::field, {"Z1"}}, "clave-segura-2");
    selection::import_file(*db, selection::ImportKind::accounts,
                           tmp.write("a.csv", "account_id,holder_name,use_type,address,zone,billing_type,balance,days_past_due\n"
                                              "1,José,residential,CL 1 # 10 - 20,Z1,direct,500000,90\n"));
    std::filesystem::create_directories(tmp.path("static"));
    tmp.write("static/index.html", "<h1>Cartero</h1>");
    server = std::make_unique<Server>(ServerOptions{db_path, 0, tmp.path("static"), 4, false});
    server->start();
  }

  cartero::testing::Reply call(const std::string& method, const std::string& path, const std::string& body = "",
                               const std::string& cookie = "", const std::string& csrf = "") {
    return cartero::testing::call(server->port(), method, path, body, cookie, csrf);
  }
  std::pair<std::string, std::string> login(const std::string& user, const std::string& password) {
    return cartero::testing::login(server->port(), user, password);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(api_tests, Fixture)

BOOST_AUTO_TEST_CASE(sessions_passwords_and_throttling) {
  auto r = call("GET", "/api/me");
  BOOST_CHECK_EQUAL(r.status, 401);
  BOOST_CHECK(cartero::testing::error_message(r.body).rfind("Inicie sesión", 0) == 0);
  r = call("POST", "/api/login", R"({"username":"ana","password":"mala"})");
  BOOST_CHECK_EQUAL(r.status, 401);
  const auto [cookie, csrf] = login("ana", "clave-segura-1");
  BOOST_CHECK(cookie.rfind("cartero_session=", 0) == 0);
  r = call("GET", "/api/me", "", cookie);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.find(R"("user":"ana","role":"analyst")") != std::string::npos);
  BOOST_CHECK_EQUAL(call("POST", "/api/logout", "", cookie).status, 403);  // no CSRF token
  BOOST_CHECK_EQUAL(call("POST", "/api/logout", "", cookie, csrf).status, 200);
  BOOST_CHECK_EQUAL(call("GET", "/api/me", "", cookie).status, 401);
  for (int i = 0; i < 5; ++i) call("POST", "/api/login", R"({"username":"luis","password":"x"})");
  BOOST_CHECK_EQUAL(call("POST", "/api/login", R"({"username":"luis","password":"clave-segura-2"})").status, 429);
  // Refused logins are in the audit log for the admin to see.
  auto db = Database::open(db_path);
  BOOST_CHECK_EQUAL(sql::scalar(*db, "SELECT COUNT(*) FROM audit_log WHERE action = 'login.failed' AND user_name = 'luis'").value_or(""), "5");
  BOOST_CHECK_EQUAL(sql::scalar(*db, "SELECT COUNT(*) FROM audit_log WHERE action = 'login.throttled' AND user_name = 'luis'").value_or(""), "1");
  BOOST_CHECK_EQUAL(sql::scalar(*db, "SELECT COUNT(*) FROM audit_log WHERE action = 'login.failed' AND user_name = 'ana'").value_or(""), "1");
}

BOOST_AUTO_TEST_CASE(roles_and_csrf_guard_every_call) {
  const auto [ana, ana_csrf] = login("ana", "clave-segura-1");
  const auto [luis, luis_csrf] = login("luis", "clave-segura-2");
  BOOST_CHECK_EQUAL(call("GET", "/api/batches", "", ana).status, 200);
  BOOST_CHECK_EQUAL(call("GET", "/api/batches", "", luis).status, 403);
  BOOST_CHECK_EQUAL(call("POST", "/api/batches", R"({"cutoff":"2026-11-24"})", ana).status, 403);  // forged: no token
  auto r = call("POST", "/api/batches", R"({"cutoff":"2026-11-24"})", ana, ana_csrf);
  BOOST_CHECK_EQUAL(r.status, 201);
  BOOST_CHECK(r.body.find(R"("batch":1,"funnel":{"total":1,)") == 1);
  BOOST_CHECK_EQUAL(call("GET", "/api/batches/1", "", ana).status, 200);
  BOOST_CHECK_EQUAL(call("GET", "/api/batches/99", "", ana).status, 404);
  BOOST_CHECK_EQUAL(call("GET", "/api/field/lists?zone=Z1", "", luis).status, 200);
  BOOST_CHECK_EQUAL(call("GET", "/api/field/lists?zone=Z2", "", luis).status, 403);
  BOOST_CHECK_EQUAL(call("GET", "/api/accounts/1", "", luis).status, 403);  // not on his lists
  BOOST_CHECK_EQUAL(call("GET", "/api/accounts/1", "", ana).status, 200);
  BOOST_CHECK_EQUAL(call("GET", "/api/billing/cases", "", luis).status, 403);
  BOOST_CHECK_EQUAL(call("GET", "/api/review", "", luis).status, 403);
}

BOOST_AUTO_TEST_CASE(a_batchs_selected_and_excluded_lists_download_in_spanish) {
  {
    auto db = Database::open(db_path);
    selection::import_file(*db, selection::ImportKind::accounts,
                           tmp.write("b.csv", "account_id,holder_name,use_type,address,zone,billing_type,balance,days_past_due\n"
                                              "1,José Peña,residential,CL 1 # 10 - 20,Z1,joint,500000,90\n2,Ana,commercial,,Z1,direct,10,90\n"));
  }
  const auto ana = login("ana", "clave-segura-1");
  BOOST_REQUIRE_EQUAL(call("POST", "/api/batches", R"({"cutoff":"2026-11-24"})", ana.first, ana.second).status, 201);
  auto r = call("GET", "/api/batches/1/selected", "", ana.first);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.find("Puesto,Cuenta,Titular,Uso,Facturación,Saldo,Días de mora") != std::string::npos);
  BOOST_CHECK(r.body.find("1,1,José Peña,Residencial,Conjunta,500000,90") != std::string::npos);
  r = call("GET", "/api/batches/1/excluded", "", ana.first);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.find("Cuenta,Motivos") != std::string::npos);
  BOOST_CHECK(r.body.find("2,Sin dirección") != std::string::npos || r.body.find("2,\"Sin dirección") != std::string::npos);
  BOOST_CHECK_EQUAL(call("GET", "/api/batches/9/selected", "", ana.first).status, 404);
  const auto luis = login("luis", "clave-segura-2");
  BOOST_CHECK_EQUAL(call("GET", "/api/batches/1/selected", "", luis.first).status, 403);
}

BOOST_AUTO_TEST_CASE(analysts_upload_a_portfolio_and_see_the_rejected_rows) {
  const auto [ana, csrf] = login("ana", "clave-segura-1");
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server->port()));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/api/imports/accounts?accept_rejected=1",
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("Cookie", ana);
  request.set("X-CSRF-Token", csrf);
  Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
  form.addPart("file", new Poco::Net::StringPartSource("account_id;holder_name;use_type;address;billing_type;balance;days_past_due\n"
                                                       "7;Ana;residencial;CL 1;directa;$ 1.234.567;90\n8;Bo;rural;CL 2;directa;5;90\n",
                                                       "text/csv", "cuentas.csv"));
  form.prepareSubmit(request);
  form.write(session.sendRequest(request));
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
  BOOST_CHECK_EQUAL(static_cast<int>(response.getStatus()), 200);
  BOOST_CHECK(body.find(R"("read":2,"imported":1,)") != std::string::npos);
  BOOST_CHECK(body.find(R"("rejected":[{"line":3,"field":"use_type")") != std::string::npos);
  BOOST_CHECK(body.find("no es un tipo de uso (residencial, comercial, industrial, oficial)") != std::string::npos);
  BOOST_CHECK(body.find(R"({"kind":"accounts","file":"1-cuentas.csv",)") == 0);  // no server folders
  // The uploaded file is not kept once imported (the database has what it held).
  const auto kept = std::filesystem::path(db_path + ".files/uploads/imports");
  BOOST_CHECK(!std::filesystem::exists(kept) || std::filesystem::is_empty(kept));
  BOOST_CHECK_EQUAL(call("POST", "/api/imports/clients", "", ana, csrf).status, 400);
}

// After an accounts import through the API the server writes the account
// words in the background: a search answers at once, from the search
// text, and the words follow within seconds.
BOOST_AUTO_TEST_CASE(an_account_search_right_after_an_import_does_not_wait_for_the_words) {
  auto db = Database::open(db_path);  // opened once: opening waits for a writer
  const auto words = [&] { return sql::scalar(*db, "SELECT COUNT(*) FROM account_words").value_or("0"); };
  const auto wait_for_words = [&] {
    for (int i = 0; i < 100 && words() == "0"; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return words() != "0";
  };
  BOOST_CHECK(wait_for_words());  // the fixture's import, before the server started: written at start
  const auto [ana, csrf] = login("ana", "clave-segura-1");
  Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
  form.addPart("file", new Poco::Net::StringPartSource("Cuenta;Nombre del suscriptor;Documento;Uso;Dirección;Barrio;Zona;Facturación;Saldo;Días de mora\n"
                                                       "100000007;MARÍA IBÁÑEZ GÓMEZ;52.123.456;Residencial;CL 45 # 12-30;La Candelaria;Z02;Directa;1.234.567;95\n"
                                                       "100000015;JOSÉ ÁLVAREZ PEÑA;79.555.001;Comercial;KR 7 # 80-15;Chapinero;Z01;Directa;800.000;120\n",
                                                       "text/csv", "cartera.csv"));
  BOOST_REQUIRE_EQUAL(cartero::testing::upload(server->port(), "/api/imports/accounts", form, ana, csrf).status, 200);
  auto r = call("GET", "/api/accounts?q=pena%20jose", "", ana);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.find(R"("account_id":"100000015")") != std::string::npos);
  BOOST_CHECK_EQUAL(r.total, "1");
  BOOST_CHECK(wait_for_words());
  // Words gone (as after an import from the command line) while another
  // writer holds the database: the search does not write them inline (it
  // would wait for the lock); it answers and has them written after.
  {
    sql::exec(*db, "DELETE FROM account_words");
    sql::Transaction busy(*db);
    sql::exec(*db, "UPDATE accounts SET balance = balance WHERE account_id = '100000007'");
    const auto started = std::chrono::steady_clock::now();
    r = call("GET", "/api/accounts?q=ibanez", "", ana);
    BOOST_CHECK_EQUAL(r.status, 200);
    BOOST_CHECK(r.body.find(R"("account_id":"100000007")") != std::string::npos);
    BOOST_CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
  }  // the writer lets go
  BOOST_CHECK(wait_for_words());
  BOOST_CHECK_EQUAL(call("GET", "/api/accounts?q=ibanez", "", ana).total, "1");
}

BOOST_AUTO_TEST_CASE(a_smaller_portfolio_asks_first_and_undo_puts_the_last_one_back) {
  {
    auto db = Database::open(db_path);
    selection::import_file(*db, selection::ImportKind::accounts,
                           tmp.write("b.csv", "account_id,holder_name,use_type,address,zone,billing_type,balance,days_past_due\n"
                                              "1,José,residential,CL 1,Z1,direct,500000,90\n2,Eva,residential,CL 2,Z1,direct,500000,90\n"
                                              "3,Ivo,residential,CL 3,Z1,direct,500000,90\n"));
  }
  const auto [ana, csrf] = login("ana", "clave-segura-1");
  const auto send = [&](const std::string& path) {
    Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
    form.addPart("file", new Poco::Net::StringPartSource("Cuenta;Nombre;Dirección;Uso;Facturación;Saldo;Días de mora\n"
                                                         "9;Ana;CL 1;Residencial;Directa;$ 200.000;90\n",
                                                         "text/csv", "siete.csv"));
    return cartero::testing::upload(server->port(), path, form, ana, csrf);
  };
  auto r = send("/api/imports/accounts");
  BOOST_CHECK_EQUAL(r.status, 409);
  BOOST_CHECK_EQUAL(cartero::testing::error_code(r.body), "smaller_portfolio");
  BOOST_CHECK_EQUAL(cartero::testing::error_message(r.body), "Reemplazará 3 cuentas por 1 — ¿continuar?");
  BOOST_CHECK(r.body.find(R"("args":{"current":"3","incoming":"1",)") != std::string::npos);
  BOOST_CHECK(r.body.find(R"("confirm":"replace_smaller")") != std::string::npos);
  r = send("/api/imports/accounts?replace_smaller=1");
  BOOST_CHECK_EQUAL(r.status, 200);
  r = call("POST", "/api/imports/accounts/undo", "", ana, csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.find(R"("restored":3,"replaced":1)") != std::string::npos);
  {  // the words of the accounts put back, written by the server in the background
    auto db = Database::open(db_path);
    const auto words = [&] { return sql::scalar(*db, "SELECT COUNT(DISTINCT account_id) FROM account_words").value_or("0"); };
    for (int i = 0; i < 100 && words() != "3"; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    BOOST_CHECK_EQUAL(words(), "3");
  }
  // The claims and contacts imports are undone the same way.
  r = call("POST", "/api/imports/claims/undo", "", ana, csrf);
  BOOST_CHECK_EQUAL(r.status, 409);
  BOOST_CHECK_EQUAL(cartero::testing::error_code(r.body), "nothing_to_undo");
  {
    auto db = Database::open(db_path);
    for (const char* status : {"Abierto", "Cerrado"}) {
      selection::import_claims(*db, tmp.write("reclamos.csv", std::string("Cuenta;Radicado;Fecha;Valor reclamado;Estado\n1;R1;01/11/2026;1000;") + status + "\n"),
                               {}, *Date::parse_iso("2026-12-01"));
    }
  }
  r = call("POST", "/api/imports/claims/undo", "", ana, csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.find(R"("kind":"claims",)") != std::string::npos);
  BOOST_CHECK(r.body.find(R"("restored":1,"replaced":1)") != std::string::npos);
  {
    auto db = Database::open(db_path);
    BOOST_CHECK_EQUAL(sql::scalar(*db, "SELECT status FROM claims").value_or(""), "open");
    BOOST_CHECK_EQUAL(sql::scalar(*db, "SELECT COUNT(*) FROM audit_log WHERE action = 'import.undo.claims' AND user_name = 'ana'").value_or(""), "1");
  }
  BOOST_CHECK_EQUAL(call("POST", "/api/imports/reclamos/undo", "", ana, csrf).status, 400);
  r = call("GET", "/api/imports/columns", "", ana);
  BOOST_CHECK(r.body.find(R"({"field":"account_id","name":"Número de cuenta","required":true)") != std::string::npos);
  r = call("GET", "/api/imports/payments/template", "", ana);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.rfind("\xEF\xBB\xBFNúmero de cuenta;Fecha de pago;Valor pagado\r\n", 0) == 0);
}

// The office's claims (Ley 142) and contact log (Ley 2300) uploaded from the
// page as its exports come: Spanish headers, ';', dd/mm/yyyy. A file with bad
// rows is refused whole in Spanish, naming file, line and column; the
// previous upload is put back with the page's "Restaurar".
BOOST_AUTO_TEST_CASE(claims_and_contacts_are_uploaded_refused_in_spanish_and_undone) {
  {
    auto db = Database::open(db_path);
    selection::import_file(*db, selection::ImportKind::accounts,
                           tmp.write("cartera.csv", "Cuenta;Nombre del suscriptor;Uso;Dirección;Zona;Facturación;Saldo;Días de mora\n"
                                                    "100000007;MARÍA IBÁÑEZ GÓMEZ;Residencial;CL 45 # 12-30;Z1;Directa;1.234.567;95\n"
                                                    "100000015;JOSÉ ÁLVAREZ PEÑA;Comercial;KR 7 # 80-15;Z1;Directa;800.000;120\n"));
  }
  const auto [ana, csrf] = login("ana", "clave-segura-1");
  const auto send = [&](const std::string& kind, const std::string& name, const std::string& text, const std::string& who,
                        const std::string& token) {
    Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
    form.addPart("file", new Poco::Net::StringPartSource(text, "text/csv", name));
    return cartero::testing::upload(server->port(), "/api/imports/" + kind, form, who, token);
  };
  const auto count = [&](const std::string& query) {
    auto db = Database::open(db_path);
    return sql::scalar(*db, query).value_or("");
  };
  const std::string claims_header = "Número de cuenta;Número de reclamo;Fecha de radicación;Valor en reclamo;Estado\r\n";
  auto r = send("claims", "reclamos.csv",
                claims_header + "100000007;RE-2025-0042;10/11/2025;350.000;En trámite\r\n"
                                "100000015;RE-2025-0043;13/10/2025;$ 120.000;Resuelto\r\n",
                ana, csrf);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.body.find(R"("kind":"claims","file":"1-reclamos.csv")") != std::string::npos, r.body);
  BOOST_CHECK(r.body.find(R"("date_format":"dd/mm/yyyy")") != std::string::npos);
  BOOST_CHECK(r.body.find(R"("read":2,"imported":2,)") != std::string::npos);
  BOOST_CHECK(r.body.find(R"("rejected":[])") != std::string::npos);
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM claims WHERE status = 'open'"), "1");
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM audit_log WHERE action = 'import.claims' AND user_name = 'ana'"), "1");
  // Field staff don't import.
  const auto [luis, luis_csrf] = login("luis", "clave-segura-2");
  BOOST_CHECK_EQUAL(call("POST", "/api/imports/claims", "", luis, luis_csrf).status, 403);

  r = send("contacts", "gestiones.csv",
           "Cuenta;Medio;Fecha gestión\r\n100000007;Llamada;16/02/2025 10:30\r\n100000015;Correo electrónico;17/02/2025 09:05\r\n", ana, csrf);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.body.find(R"("kind":"contacts","file":"1-gestiones.csv")") != std::string::npos, r.body);
  BOOST_CHECK(r.body.find(R"("read":2,"imported":2,)") != std::string::npos);
  BOOST_CHECK_EQUAL(count("SELECT contacted_at FROM contacts WHERE account_id = '100000007'"), "2025-02-16T10:30");

  // Bad rows: the whole file refused in Spanish, the claims in force kept.
  r = send("claims", "malo.csv",
           claims_header + "100000007;RE-2025-0050;10/11/2025;350.000;Abierto\r\n"
                           "999999999;RE-2025-0051;10/11/2025;100.000;Abierto\r\n"
                           "100000015;RE-2025-0052;10/11/2025;100.000;Quién sabe\r\n",
           ana, csrf);
  BOOST_CHECK_EQUAL(r.status, 400);
  BOOST_CHECK_EQUAL(cartero::testing::error_code(r.body), "claims_rows_rejected");
  const auto message = cartero::testing::error_message(r.body);
  BOOST_TEST(message.find("malo.csv: 2 de 3 filas no se pueden importar; no se importó nada y se conservan los reclamos vigentes.") != std::string::npos, message);
  BOOST_TEST(message.find("Línea 3, columna «Número de cuenta» (account_id): la cuenta 999999999 no está en la cartera") != std::string::npos, message);
  BOOST_TEST(message.find("línea 4, columna «Estado» (status): 'Quién sabe' no es un estado de reclamo") != std::string::npos, message);
  BOOST_TEST(message.find("impórtelo aceptando las filas rechazadas") != std::string::npos, message);
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM claims"), "2");
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM claims WHERE claim_id = 'RE-2025-0050'"), "0");
  r = send("contacts", "gestiones-malas.csv", "Cuenta;Medio;Fecha gestión\r\n100000007;Paloma mensajera;16/02/2025 10:30\r\n", ana, csrf);
  BOOST_CHECK_EQUAL(r.status, 400);
  BOOST_TEST(cartero::testing::error_message(r.body).find("se conservan las gestiones de contacto vigentes. Línea 2, columna «Canal» (channel): 'Paloma mensajera' no es un medio de contacto") != std::string::npos, r.body);
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM contacts"), "2");
  r = send("claims", "vacio.csv", claims_header, ana, csrf);  // the header only
  BOOST_CHECK_EQUAL(r.status, 400);
  BOOST_CHECK_EQUAL(cartero::testing::error_code(r.body), "claims_no_rows");
  BOOST_TEST(cartero::testing::error_message(r.body).find("vacio.csv: el archivo no tiene filas de datos; se conservan los reclamos vigentes.") != std::string::npos, r.body);
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM claims"), "2");

  // A newer claims file, then "Restaurar": the two claims are back.
  r = send("claims", "reclamos-diciembre.csv", claims_header + "100000015;RE-2025-0043;13/10/2025;120.000;Cerrado\r\n", ana, csrf);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_CHECK(r.body.find(R"("replaced":2)") != std::string::npos);
  r = call("POST", "/api/imports/claims/undo", "", ana, csrf);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_CHECK(r.body.find(R"("restored":2,"replaced":1)") != std::string::npos);
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM claims WHERE claim_id = 'RE-2025-0042' AND status = 'open'"), "1");
  r = call("POST", "/api/imports/contacts/undo", "", ana, csrf);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_CHECK(r.body.find(R"("kind":"contacts",)") != std::string::npos);
  BOOST_CHECK(r.body.find(R"("restored":0,"replaced":2)") != std::string::npos);
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM contacts"), "0");  // before the upload there were none
}

BOOST_AUTO_TEST_CASE(only_admins_manage_users) {
  {
    auto db = Database::open(db_path);
    add_user(*db, {"root", Role::admin, {}}, "clave-admin-1");
  }
  const auto [ana, ana_csrf] = login("ana", "clave-segura-1");
  BOOST_CHECK_EQUAL(call("GET", "/api/users", "", ana).status, 403);
  const auto [root, csrf] = login("root", "clave-admin-1");
  BOOST_CHECK_EQUAL(call("POST", "/api/users", R"({"name":"pepa","role":"billing","password":"clave-pepa-1"})", root, csrf).status, 201);
  BOOST_CHECK_EQUAL(call("POST", "/api/users", R"({"name":"pepa","role":"billing","password":"clave-pepa-1"})", root, csrf).status, 400);
  BOOST_CHECK_EQUAL(call("POST", "/api/users", R"({"name":"x","role":"king","password":"clave-pepa-1"})", root, csrf).status, 400);
  const auto r = call("GET", "/api/users", "", root);
  BOOST_CHECK(r.body.find(R"({"name":"pepa","role":"billing","zones":[],"disabled":false})") != std::string::npos);
  BOOST_CHECK_EQUAL(login("pepa", "clave-pepa-1").first.empty(), false);
}

BOOST_AUTO_TEST_CASE(bad_requests_get_clear_4xx_and_the_server_keeps_serving) {
  const auto [ana, csrf] = login("ana", "clave-segura-1");
  auto r = call("POST", "/api/batches", "{no es json", ana, csrf);
  BOOST_CHECK_EQUAL(r.status, 400);
  BOOST_CHECK(r.body.find("JSON") != std::string::npos);
  BOOST_CHECK_EQUAL(call("POST", "/api/batches", R"({"cutoff":"2026-02-30"})", ana, csrf).status, 400);
  BOOST_CHECK_EQUAL(call("GET", "/api/nada", "", ana).status, 404);
  BOOST_CHECK_EQUAL(call("DELETE", "/api/batches", "", ana).status, 405);
  BOOST_CHECK_EQUAL(call("GET", "/../../etc/passwd").status, 400);
  r = call("GET", "/");
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK_EQUAL(r.body, "<h1>Cartero</h1>");
  tmp.write("static/big.js", std::string(5000, 'x'));
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server->port()));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/big.js", Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("Accept-Encoding", "gzip, deflate");
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::string packed;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), packed);
  BOOST_CHECK_EQUAL(response.get("Content-Encoding", ""), "gzip");
  BOOST_CHECK_LT(packed.size(), 200u);
  BOOST_CHECK_EQUAL(response.get("Cache-Control", ""), "public, max-age=3600");
  BOOST_CHECK_EQUAL(call("GET", "/api/me", "", ana).status, 200);
}

BOOST_AUTO_TEST_SUITE_END()
