// The campaign and proof routes against a real server: the brief and the
// approval before printing by a supervisor who did not select the batch,
// what the letters recovered, the quality report, the bureau report and an
// account's certificate, with their downloads and refusals.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "cartero/access/users.hpp"
#include "cartero/campaign/brief.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/letters/generate.hpp"
#include "cartero/proof/certificate.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/selection/import.hpp"
#include "cartero/webui/server.hpp"
#include "../support/temp_dir.hpp"
#include "client.hpp"

using namespace cartero;
using namespace cartero::access;
using cartero::testing::TempDir;

namespace {

const Date k_dispatch = *Date::parse_iso("2026-10-05");  // a Monday

// Twenty accounts owing more than 15 % of a minimum wage (one notice each),
// a batch selected by the analyst with a 20 % control group (batch 1) and a
// second one selected by the supervisor (batch 2).
struct Fixture {
  TempDir tmp;
  std::string db_path = tmp.path("c.db");
  std::unique_ptr<webui::Server> server;

  Fixture() {
    auto db = Database::open(db_path);
    add_user(*db, {"ana", Role::analyst, {}}, "clave-segura-1");
    add_user(*db, {"sara", Role::supervisor, {}}, "clave-segura-2");
    add_user(*db, {"olga", Role::office, {}}, "clave-segura-3");
    std::string csv = "account_id,holder_name,use_type,address,neighborhood,city,zone,billing_type,balance,days_past_due\n";
    for (int i = 0; i < 20; ++i) {
      csv += "K" + std::to_string(100 + i) + ",José Peña Muñoz " + std::to_string(i) + (i % 2 ? ",residential," : ",commercial,") +
             "CL 45 SUR # 12 - " + std::to_string(10 + i) + ",Kennedy,Bogotá D.C.,Z" + std::to_string(i % 2) + ",direct," +
             std::to_string(500000 + i * 1000) + ",95\n";
    }
    selection::import_file(*db, selection::ImportKind::accounts, tmp.write("cuentas.csv", csv));
    for (const char* who : {"ana", "sara"}) {
      selection::SelectOptions o;
      o.cutoff = *Date::parse_iso("2026-10-01");
      o.settings.control_group_percent = 20;
      o.created_by = who;
      selection::create_batch(*db, o);
    }
    std::filesystem::create_directories(tmp.path("static"));
    tmp.write("static/index.html", "<h1>Cartero</h1>");
    server = std::make_unique<webui::Server>(webui::ServerOptions{db_path, 0, tmp.path("static"), 4, false});
    server->start();
  }

  cartero::testing::Reply call(const std::string& method, const std::string& path, const std::string& body = "",
                               const std::string& cookie = "", const std::string& csrf = "") {
    return cartero::testing::call(server->port(), method, path, body, cookie, csrf);
  }
  std::pair<std::string, std::string> login(const std::string& user, const std::string& password) {
    return cartero::testing::login(server->port(), user, password);
  }
  // Batch 1 approved by the supervisor, printed and dispatched on k_dispatch;
  // the accounts mailed, in letter order.
  std::vector<std::string> dispatch_batch_1() {
    auto db = Database::open(db_path);
    campaign::BriefOptions b;
    b.batch_id = 1;
    campaign::approve_batch(*db, b, "sara", true);
    letters::GenerateOptions g;
    g.batch_id = 1;
    g.out_dir = tmp.path("out");
    g.issued_on = *Date::parse_iso("2026-10-02");
    letters::generate_letters(*db, g);
    letters::dispatch_batch(*db, 1, k_dispatch);
    std::vector<std::string> mailed;
    selection::for_each_selected(*db, 1, [&](const selection::SelectedEntry& e) { mailed.emplace_back(e.account_id); });
    return mailed;
  }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(api_campaign_tests, Fixture)

BOOST_AUTO_TEST_CASE(a_supervisor_reads_the_brief_and_approves_a_batch_another_user_selected) {
  const auto [ana, ana_csrf] = login("ana", "clave-segura-1");
  const auto [sara, sara_csrf] = login("sara", "clave-segura-2");
  const auto [olga, olga_csrf] = login("olga", "clave-segura-3");
  // The supervisor reads the batches but neither selects nor prints.
  BOOST_CHECK_EQUAL(call("GET", "/api/batches", "", sara).status, 200);
  BOOST_CHECK_EQUAL(call("GET", "/api/batches/1", "", sara).status, 200);
  BOOST_CHECK_EQUAL(call("POST", "/api/batches/preview", "{}", sara, sara_csrf).status, 403);
  BOOST_CHECK_EQUAL(call("POST", "/api/batches", "{}", sara, sara_csrf).status, 403);
  BOOST_CHECK_EQUAL(call("POST", "/api/batches/1/letters", "", sara, sara_csrf).status, 403);
  BOOST_CHECK_EQUAL(call("GET", "/api/batches/1/brief", "", olga).status, 403);

  // The analyst reads the brief but may not approve; printing waits.
  auto r = call("GET", "/api/batches/1/brief", "", ana);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(has(r.body, R"("may_approve":false)"));
  BOOST_CHECK(has(r.body, R"("created_by":"ana")"));
  r = call("POST", "/api/batches/1/approve", "{}", ana, ana_csrf);
  BOOST_CHECK_EQUAL(r.status, 403);
  BOOST_CHECK_EQUAL(cartero::testing::error_code(r.body), "approver_not_allowed");
  BOOST_CHECK(has(cartero::testing::error_message(r.body), "supervisor"));
  BOOST_CHECK_EQUAL(call("POST", "/api/batches/1/approve", "{}", olga, olga_csrf).status, 403);
  r = call("POST", "/api/batches/1/letters", "", ana, ana_csrf);
  BOOST_CHECK_EQUAL(cartero::testing::error_code(r.body), "batch_not_approved");

  // The supervisor's brief, as JSON and as the PDF she reads.
  r = call("GET", "/api/batches/1/brief", "", sara);
  BOOST_CHECK(has(r.body, R"("may_approve":true,"selected_it":false)"));
  BOOST_CHECK(has(r.body, R"("approvals":[])"));
  r = call("GET", "/api/batches/1/brief?format=pdf", "", sara);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK_EQUAL(r.body.substr(0, 5), "%PDF-");
  BOOST_CHECK(has(r.headers["Content-Disposition"], "resumen-lote-1.pdf"));

  // Not without the CSRF token, not the batch she selected herself (the
  // page offers no Aprobar there).
  BOOST_CHECK(has(call("GET", "/api/batches/2/brief", "", sara).body, R"("may_approve":false,"selected_it":true)"));
  BOOST_CHECK_EQUAL(call("POST", "/api/batches/1/approve", "{}", sara).status, 403);
  r = call("POST", "/api/batches/2/approve", "{}", sara, sara_csrf);
  BOOST_CHECK_EQUAL(r.status, 409);
  BOOST_CHECK_EQUAL(cartero::testing::error_code(r.body), "approver_selected_batch");
  r = call("POST", "/api/batches/1/approve", "{}", sara, sara_csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(has(r.body, R"("batch":1,"approved_by":"sara")"));
  {
    auto db = Database::open(db_path);
    BOOST_CHECK_EQUAL(sql::scalar(*db, "SELECT COUNT(*) FROM audit_log WHERE action = 'batch.approve' AND user_name = 'sara' AND target = '1'")
                          .value_or(""), "1");
    BOOST_CHECK_EQUAL(sql::scalar(*db, "SELECT COUNT(*) FROM batch_approvals").value_or(""), "1");  // the refusals wrote nothing
  }
  r = call("GET", "/api/batches/1/brief", "", ana);
  BOOST_CHECK(has(r.body, R"("approved_by":"sara")"));
  BOOST_CHECK(has(r.body, R"("valid":true)"));
  BOOST_CHECK_EQUAL(call("POST", "/api/batches/1/letters", "", ana, ana_csrf).status, 201);
}

// The page's Aprobar posts "{}", which the approval does not read: the next
// request on the browser's kept-alive connection must still be read as one.
BOOST_AUTO_TEST_CASE(an_unread_body_leaves_the_kept_alive_connection_usable) {
  const auto [sara, csrf] = login("sara", "clave-segura-2");
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server->port()));
  session.setKeepAlive(true);
  const auto send = [&](const std::string& method, const std::string& path, const std::string& body) {
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setKeepAlive(true);
    request.set("Cookie", sara);
    request.set("X-CSRF-Token", csrf);
    request.setContentType("application/json");
    if (!body.empty()) request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::string answer;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), answer);
    return std::make_pair(static_cast<int>(response.getStatus()), answer);
  };
  BOOST_CHECK_EQUAL(send("POST", "/api/batches/1/approve", "{}").first, 200);
  const auto brief = send("GET", "/api/batches/1/brief", "");
  BOOST_CHECK_EQUAL(brief.first, 200);
  BOOST_CHECK(has(brief.second, R"("approved_by":"sara")"));
}

BOOST_AUTO_TEST_CASE(effectiveness_quality_bureau_and_certificate_for_a_dispatched_batch) {
  const auto mailed = dispatch_batch_1();
  BOOST_REQUIRE_GE(mailed.size(), 10u);
  // Three mailed accounts paid 10 days after the dispatch, one 45 days after.
  std::string pay = "account_id,paid_on,amount\n";
  for (int i = 0; i < 3; ++i) pay += mailed[i] + "," + k_dispatch.plus_days(10).iso() + ",200000\n";
  pay += mailed[3] + "," + k_dispatch.plus_days(45).iso() + ",100000\n";
  {
    auto db = Database::open(db_path);
    selection::import_file(*db, selection::ImportKind::payments, tmp.write("pagos.csv", pay));
  }
  const auto [sara, sara_csrf] = login("sara", "clave-segura-2");
  const auto [olga, olga_csrf] = login("olga", "clave-segura-3");

  auto r = call("GET", "/api/batches/1/effectiveness?days=30,60", "", sara);
  BOOST_CHECK_EQUAL(r.status, 200);
  const std::string accounts = std::to_string(mailed.size());
  BOOST_CHECK(has(r.body, R"({"days":30,"mailed":{"accounts":)" + accounts + R"(,"paid":3,)"));
  BOOST_CHECK(has(r.body, R"({"days":60,"mailed":{"accounts":)" + accounts + R"(,"paid":4,)"));
  BOOST_CHECK(has(r.body, R"("control":{"accounts":)"));  // the 20 % held out
  BOOST_CHECK(has(r.body, R"("ci95":[)"));
  r = call("GET", "/api/batches/1/effectiveness?format=xlsx", "", sara);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK_EQUAL(r.body.substr(0, 2), "PK");
  BOOST_CHECK(has(r.headers["Content-Disposition"], "efectividad-lote-1.xlsx"));
  r = call("GET", "/api/batches/1/effectiveness?format=csv", "", sara);
  BOOST_CHECK(has(r.body, "Cuentas con carta"));  // Excel's Spanish CSV
  r = call("GET", "/api/batches/2/effectiveness", "", sara);
  BOOST_CHECK_EQUAL(r.status, 409);
  BOOST_CHECK_EQUAL(cartero::testing::error_code(r.body), "batch_never_dispatched");
  BOOST_CHECK_EQUAL(call("GET", "/api/batches/1/effectiveness", "", olga).status, 403);
  BOOST_CHECK_EQUAL(call("GET", "/api/batches/1/effectiveness?days=0", "", sara).status, 400);

  r = call("GET", "/api/reports/quality", "", sara);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(has(r.body, R"("accounts":20)"));
  BOOST_CHECK(has(r.body, R"({"check":"missing_holder_name","label":)"));
  r = call("GET", "/api/reports/quality?batch=1&format=csv", "", sara);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(has(r.headers["Content-Disposition"], "calidad-lote-1.csv"));
  BOOST_CHECK_EQUAL(call("GET", "/api/reports/quality?batch=99", "", sara).status, 404);

  // Twenty days after the notice: every mailed account that did not pay.
  r = call("GET", "/api/reports/bureau?as_of=2026-10-20", "", sara);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(has(r.body, R"("total":0,)"));
  r = call("GET", "/api/reports/bureau?as_of=2026-10-30", "", sara);
  BOOST_CHECK(has(r.body, R"("notice_days":20,"total":)" + std::to_string(mailed.size() - 3) + ","));
  BOOST_CHECK(has(r.body, R"({"account_id":")" + mailed[5] + R"(")"));
  BOOST_CHECK(!has(r.body, R"({"account_id":")" + mailed[0] + R"(")"));  // paid after the notice
  BOOST_CHECK(has(r.body, R"("reportable_from":"2026-10-25")"));
  r = call("GET", "/api/reports/bureau?as_of=2026-10-30&format=xlsx", "", sara);
  BOOST_CHECK_EQUAL(r.body.substr(0, 2), "PK");
  BOOST_CHECK_EQUAL(call("GET", "/api/reports/bureau?as_of=30/10/2026", "", sara).status, 400);

  // The certificate of the account's latest letter, one Cartero issued.
  const std::string path = "/api/accounts/" + mailed[5] + "/certificate";
  BOOST_CHECK_EQUAL(call("POST", path, "{}", sara).status, 403);  // no CSRF token
  BOOST_CHECK_EQUAL(call("POST", path, "{}", olga, olga_csrf).status, 403);
  r = call("POST", path, "{}", sara, sara_csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK_EQUAL(r.body.substr(0, 5), "%PDF-");
  BOOST_CHECK(has(r.headers["Content-Disposition"], "constancia-2026-"));
  const auto pdf = tmp.write("constancia.pdf", r.body);
  {
    auto db = Database::open(db_path);
    const auto v = proof::verify_certificate(*db, pdf, proof::current_bureau_settings(*db));
    BOOST_CHECK(v.issued);
    BOOST_CHECK(v.facts_unchanged);
    BOOST_CHECK_EQUAL(v.issued_by, "sara");
    BOOST_CHECK_EQUAL(sql::scalar(*db, "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.issue' AND user_name = 'sara'").value_or(""), "1");
  }
  // An account held out as control never got a letter.
  std::string control;
  {
    auto db = Database::open(db_path);
    selection::for_each_excluded(*db, 1, [&](std::string_view account, selection::Reasons reasons) {
      if (reasons.has(selection::Reason::control_group)) control = std::string(account);
    });
  }
  BOOST_REQUIRE(!control.empty());
  r = call("POST", "/api/accounts/" + control + "/certificate", "{}", sara, sara_csrf);
  BOOST_CHECK_EQUAL(cartero::testing::error_code(r.body), "account_never_notified");
}

// Issue 18: the small debts noticed once are listed as needing a second
// notice, and an analyst selects them into a batch of their own.
BOOST_AUTO_TEST_CASE(small_debts_noticed_once_are_listed_and_selected_for_their_second_notice) {
  {
    auto db = Database::open(db_path);
    selection::ImportOptions replace;
    replace.replace_smaller = true;
    selection::import_file(*db, selection::ImportKind::accounts,
                           tmp.write("pequenas.csv",
                                     "account_id,holder_name,use_type,address,neighborhood,city,zone,billing_type,balance,days_past_due\n"
                                     "P1,Rosa Elvira Cárdenas,residential,CL 12 # 3 - 45,Kennedy,Bogotá D.C.,Z0,direct,150000,95\n"
                                     "P2,Jairo Alonso Vélez,residential,KR 9 # 8 - 7,Kennedy,Bogotá D.C.,Z0,direct,180000,95\n"
                                     "G1,Industrias El Roble S.A.S.,commercial,AV 68 # 10 - 20,Puente Aranda,Bogotá D.C.,Z1,direct,900000,95\n"),
                           replace);
    selection::SelectOptions o;
    o.cutoff = *Date::parse_iso("2026-10-01");
    o.settings.require_approval = false;
    o.created_by = "ana";
    const auto batch = selection::create_batch(*db, o).batch_id;
    letters::GenerateOptions g;
    g.batch_id = batch;
    g.out_dir = tmp.path("out-pequenas");
    g.issued_on = *Date::parse_iso("2026-10-02");
    letters::generate_letters(*db, g);
    letters::dispatch_batch(*db, batch, k_dispatch);
  }
  const auto [ana, ana_csrf] = login("ana", "clave-segura-1");
  const auto [sara, sara_csrf] = login("sara", "clave-segura-2");
  auto r = call("GET", "/api/reports/bureau?as_of=2026-10-30", "", sara);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(has(r.body, R"("total":1,"accounts":[{"account_id":"G1")"));
  BOOST_CHECK(has(r.body, R"("second_notice":{"small_debt_percent":15,"total":2,"accounts":[{"account_id":"P1","balance":150000,"small_debt":true,)"));
  BOOST_CHECK(has(r.body, R"("reportable_from":null,"status":"needs_second_notice"})"));
  r = call("GET", "/api/reports/bureau?as_of=2026-10-30&format=csv", "", sara);
  BOOST_CHECK(has(r.body, "Necesita segundo aviso"));

  // The supervisor reads but does not select; a wrong type is named.
  const std::string body = R"({"cutoff": "2026-10-12", "second_notices": true})";
  BOOST_CHECK_EQUAL(call("POST", "/api/batches", body, sara, sara_csrf).status, 403);
  r = call("POST", "/api/batches", R"({"cutoff": "2026-10-12", "second_notices": "sí"})", ana, ana_csrf);
  BOOST_CHECK_EQUAL(r.status, 400);
  r = call("POST", "/api/batches/preview", body, ana, ana_csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(has(r.body, R"("total":2,)"));
  r = call("POST", "/api/batches", body, ana, ana_csrf);
  BOOST_CHECK_EQUAL(r.status, 201);
  BOOST_CHECK(has(r.body, R"("selected":2},"notice":2})"));
  r = call("GET", "/api/batches", "", ana);
  BOOST_CHECK(has(r.body, R"("id":4,)"));
  BOOST_CHECK(has(r.body, R"("notice":2})"));
  // Nothing due before the first notice went out: refused, nothing written.
  r = call("POST", "/api/batches", R"({"cutoff": "2026-09-30", "second_notices": true})", ana, ana_csrf);
  BOOST_CHECK_EQUAL(r.status, 409);
  BOOST_CHECK_EQUAL(cartero::testing::error_code(r.body), "no_second_notice_due");
  BOOST_CHECK(!has(call("GET", "/api/batches", "", ana).body, R"("id":5,)"));
}

BOOST_AUTO_TEST_SUITE_END()
