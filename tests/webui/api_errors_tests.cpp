// Bad requests and refused operations as the API answers them: the right
// 4xx, a Spanish message naming the field or keeping the library's detail,
// nothing written, and the server goes on serving.
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/StringPartSource.h>
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "client.hpp"
#include "returns_fixture.hpp"

using namespace cartero;
using cartero::testing::call;
using cartero::testing::login;

namespace {

struct Fixture : cartero::testing::ReturnsServerFixture {
  // What a refused request must leave as it was.
  std::string written() const {
    std::string out;
    for (const char* q : {"SELECT COUNT(*) FROM batches", "SELECT COUNT(*) FROM users", "SELECT COUNT(*) FROM returns",
                          "SELECT COUNT(*) FROM cases WHERE status = 'open'", "SELECT COUNT(*) FROM audit_log WHERE action <> 'login'"}) {
      out += sql::scalar(*db, q).value_or("?") + " ";
    }
    return out;
  }
};

using cartero::testing::error_message;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(api_errors_tests, Fixture)

BOOST_AUTO_TEST_CASE(bad_json_and_wrong_field_types_get_400_naming_the_field) {
  access::add_user(*db, {"root", access::Role::admin, {}}, "clave-admin-1");
  const auto [ana, csrf] = login(port(), "ana", "clave-analista");
  const auto [root, root_csrf] = login(port(), "root", "clave-admin-1");
  const auto [luis, luis_csrf] = login(port(), "luis", "clave-terreno");
  const auto before = written();
  struct {
    std::string path, body;
    const char* message;
  } const k_cases[] = {
      {"/api/batches", "{no es json", "El cuerpo de la solicitud no es JSON válido."},
      {"/api/batches", "[1, 2]", "El cuerpo de la solicitud debe ser un objeto JSON ({…})."},
      {"/api/batches", R"({"max": "abc"})", "El campo máximo de cartas (max) debe ser un número entero."},
      {"/api/batches", R"({"max": 1.5})", "El campo máximo de cartas (max) debe ser un número entero."},
      {"/api/batches", R"({"max": -3})", "El campo máximo de cartas (max) debe ser un número entero positivo."},
      {"/api/batches/preview", R"({"max": 0})", "El campo máximo de cartas (max) debe ser un número entero positivo."},
      {"/api/batches", R"({"cutoff": 20261124})", "El campo fecha de corte (cutoff) debe ser un texto."},
      {"/api/batches", R"({"settings": 5})", "El campo ajustes (settings) debe ser un objeto JSON ({…})."},
      {"/api/batches", R"({"settings": {"foo": 1}})", "Ajuste desconocido «foo»."},
      {"/api/batches", R"({"settings": {"min_days_past_due": "x"}})", "El ajuste «min_days_past_due» debe ser un número entero."},
      {"/api/batches/1/dispatch", R"({"date": true})", "El campo fecha (date) debe ser un texto."},
  };
  for (const auto& c : k_cases) {
    const auto r = call(port(), "POST", c.path, c.body, ana, csrf);
    BOOST_TEST(r.status == 400, c.body);
    BOOST_TEST(error_message(r.body) == c.message, c.body << " -> " << r.body);
  }
  auto r = call(port(), "POST", "/api/users", R"({"name":"pepa","role":"billing","password":"clave-pepa-1","zones":5})", root, root_csrf);
  BOOST_CHECK_EQUAL(r.status, 400);
  BOOST_CHECK_EQUAL(error_message(r.body), R"(El campo zonas (zones) debe ser una lista de textos, por ejemplo ["Z1", "Z2"].)");
  r = call(port(), "POST", "/api/users", R"({"name":"pepa","role":"field","password":"clave-pepa-1","zones":["Z1", 2]})", root, root_csrf);
  BOOST_CHECK_EQUAL(r.status, 400);
  r = call(port(), "POST", "/api/field/cases/1/outcome", R"({"outcome":"address_corrected","address":12})", luis, luis_csrf);
  BOOST_CHECK_EQUAL(error_message(r.body), "El campo dirección (address) debe ser un texto.");
  r = call(port(), "POST", "/api/login", R"({"username":5,"password":"x"})");
  BOOST_CHECK_EQUAL(error_message(r.body), "El campo usuario (username) debe ser un texto.");
  r = call(port(), "POST", "/api/login", R"({"password":"x"})");
  BOOST_CHECK_EQUAL(error_message(r.body), "Falta el campo usuario (username).");
  {  // a body over 1 MB is refused by its length, before it is sent
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port()));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/api/batches", Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Cookie", ana);
    request.set("X-CSRF-Token", csrf);
    request.setContentType("application/json");
    request.setContentLength(2 * 1024 * 1024);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    BOOST_CHECK_EQUAL(static_cast<int>(response.getStatus()), 413);
    BOOST_CHECK_EQUAL(error_message(body), "La solicitud es demasiado grande (máximo 1 MB).");
  }
  BOOST_CHECK_EQUAL(written(), before);
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/batches", R"({"max": 2})", ana, csrf).status, 201);
}

BOOST_AUTO_TEST_CASE(refusals_of_the_libraries_reach_the_api_in_spanish) {
  const auto [ana, csrf] = login(port(), "ana", "clave-analista");
  const auto [olga, olga_csrf] = login(port(), "olga", "clave-oficina");
  const auto [luis, luis_csrf] = login(port(), "luis", "clave-terreno");
  BOOST_REQUIRE_EQUAL(call(port(), "POST", "/api/field/cases/1/outcome", R"({"outcome":"address_ok"})", luis, luis_csrf).status, 200);
  BOOST_REQUIRE_EQUAL(call(port(), "POST", "/api/batches", R"({"cutoff":"2027-03-01"})", ana, csrf).status, 201);  // batch 2, a draft
  const auto before = written();
  struct {
    std::string path, body, cookie, csrf;
    int status;
    std::string message;
  } const k_cases[] = {
      {"/api/batches/1/dispatch", R"({"date":"2026-12-01"})", ana, csrf, 409,
       "El lote 1 ya fue despachado el 2026-11-24: un lote despachado no se despacha de nuevo."},
      {"/api/batches/2/dispatch", R"({"date":"2027-03-02"})", ana, csrf, 409,
       "El lote 2 aún no tiene cartas: genérelas e imprímalas antes de despacharlo."},
      {"/api/batches/99/dispatch", "{}", ana, csrf, 404, "No existe el lote 99."},
      {"/api/batches/1/discard", "{}", ana, csrf, 409,
       "El lote 1 ya fue despachado: sus cartas se enviaron y queda en el historial; no se puede descartar."},
      {"/api/review/1", R"({"letter_id":"2026-000099","cause":"closed"})", olga, olga_csrf, 400,
       "La carta 2026-000099 no es una carta despachada por Cartero."},
      {"/api/review/99", R"({"letter_id":")" + ids[2] + R"(","cause":"closed"})", olga, olga_csrf, 404, "No existe la página escaneada 99."},
      {"/api/field/cases/1/outcome", R"({"outcome":"address_ok"})", luis, luis_csrf, 409, "El caso 1 ya está cerrado."},
      {"/api/field/cases/2/outcome", R"({"outcome":"address_ok"})", ana, csrf, 409, "El caso 2 no es una verificación de terreno."},
      {"/api/billing/cases/2/decision", R"({"decision":"rejected"})", ana, csrf, 400, "Un rechazo necesita su motivo."},
  };
  for (const auto& c : k_cases) {
    const auto r = call(port(), "POST", c.path, c.body, c.cookie, c.csrf);
    BOOST_TEST(r.status == c.status, c.path);
    BOOST_TEST(error_message(r.body) == c.message, c.path);
  }
  Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
  form.addPart("file", new Poco::Net::StringPartSource("account_id;holder_name\n7;Ana\n", "text/csv", "cuentas.csv"));
  const auto r = cartero::testing::upload(port(), "/api/imports/accounts", form, ana, csrf);
  BOOST_CHECK_EQUAL(r.status, 400);
  BOOST_CHECK(error_message(r.body).rfind("1-cuentas.csv: falta la columna obligatoria «use_type» en el encabezado (se encontró: ", 0) == 0);
  BOOST_CHECK_EQUAL(cartero::testing::error_code(r.body), "missing_column");
  BOOST_CHECK(r.body.find(R"("args":{"file":"1-cuentas.csv","column":"use_type","found":")") != std::string::npos);
  BOOST_CHECK_EQUAL(written(), before);
  const auto kept = std::filesystem::path(uploads() + "/imports");  // a refused file is not kept either
  BOOST_CHECK(!std::filesystem::exists(kept) || std::filesystem::is_empty(kept));
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/billing/cases", "", ana).status, 200);
}

// The courier's spreadsheet as 4-72 writes it: the rows not taken come back
// with their code and a Spanish reason naming the value, never English.
BOOST_AUTO_TEST_CASE(a_courier_files_rejected_rows_are_explained_in_spanish) {
  const auto [ana, csrf] = login(port(), "ana", "clave-analista");
  Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
  const std::string sheet = "Número de guía;Causal;Fecha de devolución;Observación\r\n" +
                            ids[2] + ";Perro bravo;02/12/2026;no se pudo entregar\r\n"   // a cause nobody mapped
                            "2026-999999;Rehusado;02/12/2026;\r\n"                      // not a letter of ours
                            + ids[0] + ";Rehusado;02/12/2026;\r\n"                      // already returned
                            + ids[2] + ";Rehusado;31/02/2026;\r\n";                     // no such day
  form.addPart("file", new Poco::Net::StringPartSource(sheet, "text/csv", "devoluciones 4-72.csv"));
  const auto r = cartero::testing::upload(port(), "/api/imports/returns", form, ana, csrf);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  const auto has = [&](const std::string& part) { return r.body.find(part) != std::string::npos; };
  BOOST_TEST(has(R"("reason":"'Perro bravo' no es una causal conocida: agréguela a los nombres de causales del mensajero en Ajustes","code":"unknown_courier_cause")"), r.body);
  BOOST_TEST(has(R"("reason":"la carta 2026-999999 no existe: Cartero no la imprimió","code":"no_such_letter")"), r.body);
  BOOST_TEST(has(R"("reason":"la carta )" + ids[0] + R"( ya está registrada como devuelta","code":"letter_already_returned")"), r.body);
  BOOST_TEST(has(R"x("reason":"'31/02/2026' no es una fecha (AAAA-MM-DD, dd/mm/aaaa o una fecha de Excel)","code":"not_a_date")x"), r.body);
  BOOST_TEST(!has("is not"), r.body);
  BOOST_TEST(!has("does not exist"), r.body);
}

BOOST_AUTO_TEST_SUITE_END()
