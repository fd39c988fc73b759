// The returns side of the API: the review queue and its confirmation, the
// register, field outcomes and billing decisions, with each role's refusals.
#include <Poco/Net/FilePartSource.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/StringPartSource.h>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <thread>

#include "cartero/returns/courier_import.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/returns/scan_intake.hpp"
#include "cartero/access/audit.hpp"
#include "cartero/access/users.hpp"
#include "../support/letters_fixture.hpp"
#include "client.hpp"
#include "returns_fixture.hpp"

using namespace cartero;
using namespace cartero::webui;
using namespace cartero::access;
using cartero::testing::call;
using cartero::testing::login;

using Fixture = cartero::testing::ReturnsServerFixture;

namespace {

// An upload job's status once it is done, or after `tries` tenths of a second.
std::string job_when_done(int port, const std::string& cookie, int job, int tries) {
  std::string status;
  for (int i = 0; i < tries && status.find(R"("state":"done")") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    status = call(port, "GET", "/api/scans/" + std::to_string(job), "", cookie).body;
  }
  return status;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(api_returns_tests, Fixture)

BOOST_AUTO_TEST_CASE(office_confirms_pages_in_review_and_reads_the_register) {
  const auto [olga, csrf] = login(port(), "olga", "clave-oficina");
  auto r = call(port(), "GET", "/api/review", "", olga);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.find(R"("note":"no cause box is marked")") != std::string::npos);
  const auto crop = call(port(), "GET", "/api/review/1/panel", "", olga);
  BOOST_CHECK_EQUAL(crop.status, 200);
  BOOST_CHECK(crop.body.rfind("\x89PNG", 0) == 0);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/review/1/face", "", olga).status, 404);
  const auto body = R"({"letter_id":")" + ids[2] + R"(","cause":"closed"})";
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/review/3", body, olga).status, 403);  // no CSRF token
  r = call(port(), "POST", "/api/review/3", body, olga, csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK_EQUAL(r.body, R"({"return_id":3})");
  r = call(port(), "GET", "/api/returns?cause=closed", "", olga);
  BOOST_CHECK(r.body.find(R"("return_id":3,"letter_id":")" + ids[2] + R"(","cause":"closed")") != std::string::npos);
  const auto [luis, luis_csrf] = login(port(), "luis", "clave-terreno");
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/review", "", luis).status, 403);
}

BOOST_AUTO_TEST_CASE(the_register_filters_exports_and_shows_the_scanned_page) {
  const auto [olga, csrf] = login(port(), "olga", "clave-oficina");
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/review/3", R"({"letter_id":")" + ids[2] + R"(","cause":"closed"})", olga, csrf).status, 200);
  auto r = call(port(), "GET", "/api/returns", "", olga);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.rfind(R"([{"return_id":3,)", 0) == 0);  // newest first
  r = call(port(), "GET", "/api/returns?cause=demolished", "", olga);
  BOOST_CHECK(r.body.find(R"("return_id":2,"letter_id":")" + ids[1] + R"(","cause":"demolished","cause_label":"Predio demolido")") !=
              std::string::npos);
  BOOST_CHECK(r.body.find(R"("return_id":1,)") == std::string::npos);
  r = call(port(), "GET", "/api/returns?q=" + ids[0], "", olga);
  BOOST_CHECK(r.body.find(R"("return_id":1,)") != std::string::npos);
  BOOST_CHECK(r.body.find(R"("return_id":2,)") == std::string::npos);
  for (const std::string wildcard : {"%25", "_", "%25%25", "Jos_"}) {  // typed text, not LIKE wildcards
    BOOST_CHECK_MESSAGE(call(port(), "GET", "/api/returns?q=" + wildcard, "", olga).body == "[]", wildcard);
  }
  r = call(port(), "GET", "/api/returns?q=a101%20Pe%C3%B1a", "", olga);  // words in any order
  BOOST_CHECK(r.body.find(R"("return_id":2,)") != std::string::npos);
  BOOST_CHECK(r.body.find(R"("return_id":1,)") == std::string::npos);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/returns?before=2", "", olga).body.find(R"("return_id":2,)"), std::string::npos);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/returns?cause=perdida", "", olga).status, 400);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/returns?from=2026-13-01", "", olga).status, 400);

  r = call(port(), "GET", "/api/returns?format=csv&source=courier_file", "", olga);
  BOOST_CHECK_EQUAL(r.status, 200);
  // Excel's Spanish dialect: BOM, ';', Spanish headers and labels.
  BOOST_CHECK(r.body.rfind("\xEF\xBB\xBF" "Devolución;Carta;Cuenta;Suscriptor;Dirección;Zona;Causal;", 0) == 0);
  BOOST_CHECK(r.body.find("\n2;" + ids[1] + ";A101;José Peña 1;") != std::string::npos);
  BOOST_CHECK(r.body.find("Archivo del courier") != std::string::npos);
  BOOST_CHECK(r.body.find("\n3;") == std::string::npos);  // scanned, not from the courier's file
  r = call(port(), "GET", "/api/returns?format=xlsx&source=courier_file", "", olga);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.rfind("PK\x03\x04", 0) == 0);

  // The confirmed page keeps its image; a return from the courier's file has none.
  const auto image = call(port(), "GET", "/api/returns/3/image", "", olga);
  BOOST_CHECK_EQUAL(image.status, 200);
  BOOST_CHECK(image.body.rfind("\x89PNG", 0) == 0);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/returns/1/image", "", olga).status, 404);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/review/1/page", "", olga).body.rfind("\x89PNG", 0), 0u);
  const auto [luis, luis_csrf] = login(port(), "luis", "clave-terreno");
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/returns/3/image", "", luis).status, 403);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/returns?format=csv", "", luis).status, 403);
}

BOOST_AUTO_TEST_CASE(a_return_is_corrected_from_the_register_with_its_reason) {
  const auto [olga, csrf] = login(port(), "olga", "clave-oficina");
  const auto path = std::string("/api/returns/2/correction");
  BOOST_CHECK_EQUAL(call(port(), "POST", path, R"({"cause":"refused"})", olga, csrf).status, 400);  // no reason
  BOOST_CHECK_EQUAL(call(port(), "POST", path, R"({"reason":"mal leída"})", olga, csrf).status, 400);  // nothing to correct
  BOOST_CHECK_EQUAL(call(port(), "POST", path, R"({"cause":"perdida","reason":"x"})", olga, csrf).status, 400);
  BOOST_CHECK_EQUAL(call(port(), "POST", path, R"({"letter_id":"carta","reason":"x"})", olga, csrf).status, 400);
  BOOST_CHECK_EQUAL(call(port(), "POST", path, R"({"cause":"refused","reason":"x"})", olga).status, 403);  // no CSRF token
  auto r = call(port(), "GET", "/api/returns?cause=demolished", "", olga);
  BOOST_CHECK(r.body.find(R"("return_id":2,)") != std::string::npos);  // nothing refused changed it
  r = call(port(), "POST", path, R"({"cause":"refused","reason":"el mensajero marcó mal"})", olga, csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  r = call(port(), "GET", "/api/returns?cause=refused", "", olga);
  BOOST_CHECK(r.body.find(R"("return_id":2,)") != std::string::npos);
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/returns/99/correction", R"({"cause":"refused","reason":"x"})", olga, csrf).status, 404);
  // The observation typed from the courier's handwriting, alone: stored,
  // audited, shown with the return in the register.
  BOOST_CHECK_EQUAL(call(port(), "POST", path, R"({"observation":"no vive nadie, predio en obra"})", olga, csrf).status, 400);
  r = call(port(), "POST", path, R"({"observation":"no vive nadie, predio en obra","reason":"transcrita de la carta"})", olga, csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  r = call(port(), "GET", "/api/returns?cause=refused", "", olga);
  BOOST_CHECK_MESSAGE(r.body.find(R"("observation":"no vive nadie, predio en obra")") != std::string::npos, r.body);
  BOOST_CHECK_EQUAL(sql::scalar(*db, "SELECT after_value FROM return_corrections WHERE return_id = 2 AND field = 'observation'").value_or(""),
                    "no vive nadie, predio en obra");
  BOOST_CHECK(sql::scalar(*db, "SELECT after_json FROM audit_log WHERE action = 'return.correct' ORDER BY id DESC LIMIT 1")
                  .value_or("")
                  .find(R"("observation":"no vive nadie, predio en obra")") != std::string::npos);
  const auto [luis, luis_csrf] = login(port(), "luis", "clave-terreno");
  BOOST_CHECK_EQUAL(call(port(), "POST", path, R"({"cause":"moved","reason":"x"})", luis, luis_csrf).status, 403);
}

// Paged lists sort on the server by a column of their whitelist, either
// way, the next page by offset, the total unchanged; any other key or way
// is refused. Billing's list is searched and filtered on the server too.
BOOST_AUTO_TEST_CASE(paged_lists_sort_by_a_whitelisted_column) {
  const auto [olga, csrf] = login(port(), "olga", "clave-oficina");
  auto r = call(port(), "GET", "/api/returns?sort=cause&dir=asc", "", olga);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.rfind(R"([{"return_id":1,)", 0) == 0);  // Dirección inexistente before Predio demolido
  BOOST_CHECK_EQUAL(r.headers["X-Total-Count"], "2");
  r = call(port(), "GET", "/api/returns?sort=cause&dir=desc", "", olga);
  BOOST_CHECK(r.body.rfind(R"([{"return_id":2,)", 0) == 0);
  r = call(port(), "GET", "/api/returns?sort=cause&dir=asc&offset=1", "", olga);
  BOOST_CHECK(r.body.rfind(R"([{"return_id":2,)", 0) == 0);
  BOOST_CHECK_EQUAL(r.headers["X-Total-Count"], "2");
  r = call(port(), "GET", "/api/returns?sort=number&dir=asc&limit=1", "", olga);
  BOOST_CHECK(r.body.rfind(R"([{"return_id":1,)", 0) == 0);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/returns?sort=holder_name", "", olga).status, 400);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/returns?sort=cause;DROP", "", olga).status, 400);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/returns?sort=cause&dir=up", "", olga).status, 400);

  r = call(port(), "GET", "/api/accounts?q=jose&sort=holder&dir=desc", "", olga);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.find(R"("holder_name":"José Peña 2")") < r.body.find(R"("holder_name":"José Peña 0")"));
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/accounts?q=jose&sort=document_id", "", olga).status, 400);

  const auto [fabio, fabio_csrf] = login(port(), "fabio", "clave-factura");
  r = call(port(), "GET", "/api/billing/cases?q=pena%20a101&sort=opened&dir=desc", "", fabio);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK_EQUAL(r.headers["X-Total-Count"], "1");
  BOOST_CHECK(r.body.find(R"("account_id":"A101")") != std::string::npos);
  r = call(port(), "GET", "/api/billing/cases?q=nadie", "", fabio);
  BOOST_CHECK_EQUAL(r.headers["X-Total-Count"], "0");
  BOOST_CHECK_EQUAL(r.body, "[]");
  r = call(port(), "GET", "/api/billing/cases?kind=address_update", "", fabio);
  BOOST_CHECK_EQUAL(r.headers["X-Total-Count"], "0");
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/billing/cases?sort=balance", "", fabio).status, 400);
}

BOOST_AUTO_TEST_CASE(work_lists_export_as_csv) {
  const auto [luis, csrf] = login(port(), "luis", "clave-terreno");
  auto r = call(port(), "GET", "/api/field/lists?zone=Z1&format=csv", "", luis);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.rfind("\xEF\xBB\xBF" "Caso;Tipo;Cuenta;", 0) == 0);
  BOOST_CHECK(r.body.find("Verificación de terreno;A100;") != std::string::npos);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/field/lists?zone=Z9&format=csv", "", luis).status, 403);
  const auto [fabio, fabio_csrf] = login(port(), "fabio", "clave-factura");
  r = call(port(), "GET", "/api/billing/cases?format=csv", "", fabio);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.find("Depuración (facturación);A101;") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(field_staff_record_outcomes_only_in_their_zones_and_billing_decides) {
  const auto [tere, tere_csrf] = login(port(), "tere", "clave-terreno");
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/field/cases/1/outcome", R"({"outcome":"address_ok"})", tere, tere_csrf).status, 403);
  const auto [luis, csrf] = login(port(), "luis", "clave-terreno");
  auto r = call(port(), "POST", "/api/field/cases/1/outcome", R"({"outcome":"address_corrected"})", luis, csrf);
  BOOST_CHECK_EQUAL(r.status, 400);  // the new address is missing
  r = call(port(), "POST", "/api/field/cases/1/outcome", R"({"outcome":"address_ok","visited_at":"ayer"})", luis, csrf);
  BOOST_CHECK_EQUAL(r.status, 400);  // a visit time that is not one
  // Tapped offline yesterday, sent today: the visit keeps the tap's time.
  r = call(port(), "POST", "/api/field/cases/1/outcome",
           R"({"outcome":"address_corrected","address":"KR 1 # 2 - 3","visited_at":"2026-12-02T15:04:05.123Z"})", luis, csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK_EQUAL(sql::scalar(*db, "SELECT closed_at FROM cases WHERE id = 1").value_or(""), "2026-12-02T15:04:05Z");
  const auto sheet = call(port(), "GET", "/api/field/sheet?zone=Z1", "", luis);
  BOOST_CHECK_EQUAL(sheet.status, 200);
  BOOST_CHECK(sheet.body.rfind("%PDF", 0) == 0);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/field/sheet?zone=Z9", "", luis).status, 403);
  const auto [fabio, fabio_csrf] = login(port(), "fabio", "clave-factura");
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/billing/cases", "", fabio).status, 200);
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/billing/cases/2/decision", R"({"decision":"confirmed"})", luis, csrf).status, 403);
  r = call(port(), "POST", "/api/billing/cases/2/decision", R"({"decision":"confirmed"})", fabio, fabio_csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK_EQUAL(sql::scalar(*db, "SELECT COUNT(*) FROM audit_log WHERE action IN ('case.outcome', 'case.decision')").value_or(""), "2");
  // The lines keep the case as it was and as it is (not "{}"), in the write's transaction.
  const auto lines = access::audit_entries(*db, "luis", 10, std::nullopt);
  BOOST_REQUIRE_EQUAL(lines.size(), 2u);  // the login and the one outcome that was recorded
  BOOST_CHECK_EQUAL(lines[0].action, "case.outcome");
  BOOST_CHECK(lines[0].before_json.find(R"("status":"open","outcome":null)") != std::string::npos);
  BOOST_CHECK(lines[0].after_json.find(R"("status":"closed","outcome":"address_corrected")") != std::string::npos);
  const auto decision = access::audit_entries(*db, "fabio", 1, std::nullopt).front();
  BOOST_CHECK(decision.before_json.find(R"("kind":"cleanup")") != std::string::npos);
  BOOST_CHECK(decision.after_json.find(R"("outcome":"confirmed")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(analysts_print_download_and_dispatch_a_batch) {
  selection::SelectOptions o;
  o.cutoff = *Date::parse_iso("2027-03-01");
  o.settings.require_approval = false;  // a one-person office (approval: web_approval_tests)
  selection::create_batch(*db, o);  // batch 2: a draft
  const auto [ana, csrf] = login(port(), "ana", "clave-analista");
  const auto [olga, olga_csrf] = login(port(), "olga", "clave-oficina");
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/batches/2/letters", "", olga, olga_csrf).status, 403);
  auto r = call(port(), "POST", "/api/batches/2/letters", "", ana, csrf);
  BOOST_CHECK_EQUAL(r.status, 201);
  BOOST_CHECK(r.body.find(R"("files":["letters-001.pdf","manifest.csv","layout.json"])") != std::string::npos);
  r = call(port(), "GET", "/api/batches/2/files/letters-001.pdf", "", ana);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.rfind("%PDF", 0) == 0);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/batches/2/files/..%2F..%2Fc.db", "", ana).status, 404);
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/batches/2/dispatch", R"({"date":"2027-03-02"})", ana).status, 403);  // no CSRF
  r = call(port(), "POST", "/api/batches/2/dispatch", R"({"date":"2027-03-02"})", ana, csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.find(R"("dispatched_on":"2027-03-02")") != std::string::npos);
  // Who dispatched and when (Bogotá time) is kept with the batch and in the log.
  r = call(port(), "GET", "/api/batches", "", ana);
  BOOST_CHECK(r.body.find(R"("id":2,"created_at")") != std::string::npos);
  BOOST_CHECK(r.body.find(R"("dispatched_on":"2027-03-02","dispatched_by":"ana","dispatched_at":")") != std::string::npos);
  const auto line = access::audit_entries(*db, "ana", 1, std::nullopt).front();
  BOOST_CHECK_EQUAL(line.action, "batch.dispatch");
  BOOST_CHECK_EQUAL(line.before_json, R"({"status":"generated"})");
  BOOST_CHECK(line.after_json.find(R"("dispatched_by":"ana")") != std::string::npos);
  r = call(port(), "POST", "/api/batches/2/dispatch", R"({"date":"2027-03-02"})", ana, csrf);
  BOOST_CHECK_EQUAL(r.status, 409);
  BOOST_CHECK_EQUAL(r.body, R"({"error":{"code":"batch_already_dispatched",)"
                            R"("message":"El lote 2 ya fue despachado el 2027-03-02: un lote despachado no se despacha de nuevo.",)"
                            R"("args":{"batch":"2","date":"2027-03-02"}}})");
}

BOOST_AUTO_TEST_CASE(uploaded_scans_are_read_in_the_background) {
  const auto [olga, csrf] = login(port(), "olga", "clave-oficina");
  Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
  form.addPart("file", new Poco::Net::FilePartSource(pdf, "application/pdf"));
  form.addPart("file", new Poco::Net::StringPartSource("%PDF-1.4 truncated", "application/pdf", "../../etc/passwd"));
  const auto sent = cartero::testing::upload(port(), "/api/scans", form, olga, csrf);
  BOOST_REQUIRE_EQUAL(sent.status, 202);
  BOOST_CHECK_EQUAL(sent.body, R"({"job":1,"files":2})");
  const auto status = job_when_done(port(), olga, 1, 100);
  // The same three printed letters again (already in review) and a PDF that cannot be read.
  BOOST_CHECK(status.find(R"("state":"done","pages":4,"recorded":0,"duplicate":0,"review":3,"unreadable":1)") != std::string::npos);
  BOOST_CHECK(status.find(R"("files":2,"files_done":2,"pages_total":4,"problems":[)") != std::string::npos);  // the progress bar's measure
  // Each page left for a person or unreadable named by its file (as sent) and page.
  BOOST_CHECK(status.find(R"("page":1,"status":"unreadable")") != std::string::npos);
  BOOST_CHECK(call(port(), "GET", "/api/scans", "", olga).body.find(R"([{"job":1,"state":"done")") == 0);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/scans/9", "", olga).status, 404);
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/scans", "", olga).status, 403);  // no CSRF token
}

// A scanned stack comes as many files in one form: more than the 100 parts
// Poco's forms take by default.
BOOST_AUTO_TEST_CASE(an_upload_of_many_files_is_taken_whole) {
  const auto [olga, csrf] = login(port(), "olga", "clave-oficina");
  Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
  for (int i = 0; i < 150; ++i) {
    // A JPEG's first bytes and nothing after: taken, then unreadable.
    form.addPart("files", new Poco::Net::StringPartSource("\xFF\xD8\xFF not a scan", "image/jpeg", "p" + std::to_string(i) + ".jpg"));
  }
  const auto sent = cartero::testing::upload(port(), "/api/scans", form, olga, csrf);
  BOOST_REQUIRE_EQUAL(sent.status, 202);
  BOOST_CHECK_EQUAL(sent.body, R"({"job":1,"files":150})");
  const auto status = job_when_done(port(), olga, 1, 200);
  BOOST_CHECK(status.find(R"("state":"done","pages":150,"recorded":0,"duplicate":0,"review":0,"unreadable":150)") != std::string::npos);
}

// The reports and lists the server keeps between requests follow every
// write, also one made outside the server (here: straight on the database,
// as the command line would); the work lists come in pages.
BOOST_AUTO_TEST_CASE(reports_and_lists_follow_every_write_and_lists_come_in_pages) {
  const auto [ana, csrf] = login(port(), "ana", "clave-analista");
  BOOST_CHECK(call(port(), "GET", "/api/reports/batches", "", ana).body.find(R"("returned":2,)") != std::string::npos);
  BOOST_CHECK(call(port(), "GET", "/api/batches/1", "", ana).body.find(R"("returned":2,)") != std::string::npos);
  auto r = call(port(), "GET", "/api/billing/cases", "", ana);
  BOOST_CHECK_EQUAL(r.total, "1");
  BOOST_CHECK(call(port(), "GET", "/api/returns?cause=vacant_lot", "", ana).body == "[]");
  returns::import_returns(*db, tmp.write("r2.csv", "letter_id,cause,returned_on\n" + ids[2] + ",lote,2026-12-02\n"),
                          returns::CourierCauses::defaults(), "olga");
  BOOST_CHECK(call(port(), "GET", "/api/reports/batches", "", ana).body.find(R"("returned":3,)") != std::string::npos);
  BOOST_CHECK(call(port(), "GET", "/api/batches/1", "", ana).body.find(R"("vacant_lot":1)") != std::string::npos);
  BOOST_CHECK(call(port(), "GET", "/api/returns?cause=vacant_lot", "", ana).body.find(R"("return_id":3,)") != std::string::npos);
  BOOST_CHECK(call(port(), "GET", "/api/reports/cases", "", ana).body.find(R"({"kind":"cleanup","open":2,)") != std::string::npos);
  // Two clean-ups now, oldest first: a page of one, then the next.
  r = call(port(), "GET", "/api/billing/cases?limit=1", "", ana);
  BOOST_CHECK_EQUAL(r.total, "2");
  BOOST_CHECK(r.body.find(R"([{"id":2,)") == 0);
  BOOST_CHECK(r.body.find(R"("id":3,)") == std::string::npos);
  r = call(port(), "GET", "/api/billing/cases?offset=1&limit=1", "", ana);
  BOOST_CHECK(r.body.find(R"([{"id":3,)") == 0);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/billing/cases?offset=5", "", ana).body, "[]");
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/billing/cases?limit=many", "", ana).status, 400);
  // A field check closed through the API leaves the zone's list at once.
  r = call(port(), "GET", "/api/field/lists?zone=Z1", "", ana);
  BOOST_CHECK_EQUAL(r.total, "1");
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/field/cases/1/outcome", R"({"outcome":"address_ok"})", ana, csrf).status, 200);
  r = call(port(), "GET", "/api/field/lists?zone=Z1", "", ana);
  BOOST_CHECK_EQUAL(r.total, "0");
  BOOST_CHECK_EQUAL(r.body, "[]");
}

BOOST_AUTO_TEST_SUITE_END()
