// End to end: every write of the command line leaves one audit line, with
// who ran it (--user, or the system user) and the values before and after,
// written in the write's own transaction: a refused write leaves none.
#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "../support/cli_portfolio.hpp"
#include "cartero/access/audit.hpp"
#include "cartero/access/users.hpp"
#include "cartero/core/database.hpp"

using cartero::testing::import_and_select;
using cartero::testing::run_cartero;
using cartero::testing::TempDir;
using namespace cartero;

namespace {

struct Printed {
  TempDir tmp;
  Printed() {
    import_and_select(tmp);
    run_cartero(tmp, "letters --batch 1 --out out --date 2026-11-24");
  }
  std::vector<access::AuditEntry> log(const std::string& user = "") {
    auto db = Database::open(tmp.path("cartero.db"));
    return access::audit_entries(*db, user, 1000, std::nullopt);
  }
  // The newest line of `action`, or an empty entry.
  access::AuditEntry last(const std::string& action) {
    for (const auto& e : log()) {
      if (e.action == action) return e;
    }
    return {};
  }
  std::size_t lines(const std::string& action) {
    std::size_t n = 0;
    for (const auto& e : log()) n += e.action == action;
    return n;
  }
  bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_audit_tests, Printed)

BOOST_AUTO_TEST_CASE(dispatch_records_who_and_when_on_the_batch_and_in_the_log) {
  auto r = run_cartero(tmp, "--user maria dispatch --batch 1 --date 2026-11-25");
  BOOST_REQUIRE_EQUAL(r.exit_code, 0);
  BOOST_CHECK(has(r.out, R"("dispatched_by":"maria","dispatched_at":")"));
  BOOST_CHECK(has(r.out, "-05:00\""));  // Bogotá time
  const auto e = last("batch.dispatch");
  BOOST_CHECK_EQUAL(e.user, "maria");
  BOOST_CHECK_EQUAL(e.target, "1");
  BOOST_CHECK_EQUAL(e.before_json, R"({"status":"generated"})");
  BOOST_CHECK(has(e.after_json, R"("dispatched_on":"2026-11-25","letters":3,"dispatched_by":"maria")"));
  BOOST_CHECK(has(e.after_json, R"("status":"dispatched")"));
  // A second dispatch is refused and leaves no line.
  r = run_cartero(tmp, "--user pedro dispatch --batch 1");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK_EQUAL(lines("batch.dispatch"), 1u);
  BOOST_CHECK(log("pedro").empty());
}

BOOST_AUTO_TEST_CASE(undoing_a_claims_import_is_audited_with_the_imports_before_and_after) {
  tmp.write("r1.csv", "account_id,claim_id,filed_on,disputed_amount,status\n1001,R1,2026-11-01,1000,open\n");
  tmp.write("r2.csv", "account_id,claim_id,filed_on,disputed_amount,status\n1002,R2,2026-11-02,2000,closed\n");
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "--user ana import claims r1.csv").exit_code, 0);
  BOOST_CHECK(has(last("import.claims").after_json, R"("kind":"claims","file":"r1.csv")"));
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "--user ana import claims r2.csv").exit_code, 0);
  BOOST_CHECK(has(last("import.claims").before_json, R"({"file":"r1.csv")"));
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "--user ana import undo claims").exit_code, 0);
  const auto e = last("import.undo.claims");
  BOOST_CHECK_EQUAL(e.user, "ana");
  BOOST_CHECK(has(e.before_json, R"({"file":"r2.csv")"));
  BOOST_CHECK(has(e.after_json, R"({"file":"r1.csv")"));
  // Refused (nothing to put back): no line.
  BOOST_CHECK_EQUAL(run_cartero(tmp, "--user ana import undo contacts").exit_code, 1);
  BOOST_CHECK_EQUAL(lines("import.undo.contacts"), 0u);
}

BOOST_AUTO_TEST_CASE(without_user_the_system_user_is_recorded) {
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "dispatch --batch 1 --date 2026-11-25").exit_code, 0);
  const char* env = std::getenv("USER");
  const auto e = last("batch.dispatch");
  BOOST_CHECK(!e.user.empty());
  if (env && *env) BOOST_CHECK_EQUAL(e.user, env);
  BOOST_CHECK_EQUAL(run_cartero(tmp, "--user=rosa select --cutoff 2026-11-30").exit_code, 0);
  BOOST_CHECK_EQUAL(last("batch.create").user, "rosa");
}

BOOST_AUTO_TEST_CASE(case_outcomes_and_decisions_keep_the_case_before_and_after) {
  run_cartero(tmp, "dispatch --batch 1 --date 2026-11-25");
  tmp.write("dev.csv", "letter_id;cause;returned_on\n2026-000001;DIRECCION INEXISTENTE;2026-12-01\n2026-000002;lote;2026-12-01\n");
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "--user olga import returns dev.csv").exit_code, 0);
  auto e = last("import.returns");
  BOOST_CHECK_EQUAL(e.user, "olga");
  BOOST_CHECK_EQUAL(e.before_json, R"({"returns":0,"deliveries":0})");
  BOOST_CHECK_EQUAL(e.after_json, R"({"returns":2,"deliveries":0})");

  // Refused (no address): no line.
  BOOST_CHECK_EQUAL(run_cartero(tmp, "--user luis case 1 --outcome address_corrected").exit_code, 1);
  BOOST_CHECK_EQUAL(lines("case.outcome"), 0u);
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "--user luis case 1 --outcome address_corrected --address \"KR 1 # 2 - 3\"").exit_code, 0);
  e = last("case.outcome");
  BOOST_CHECK_EQUAL(e.user, "luis");
  BOOST_CHECK_EQUAL(e.target, "1");
  BOOST_CHECK(has(e.before_json, R"("status":"open","outcome":null)"));
  BOOST_CHECK(has(e.after_json, R"("status":"closed","outcome":"address_corrected")"));
  BOOST_CHECK(has(e.after_json, R"("new_address":"KR 1 # 2 - 3")"));
  BOOST_CHECK(has(e.after_json, R"("closed_by":"luis")"));

  // The command's own --user still works and wins.
  BOOST_CHECK_EQUAL(run_cartero(tmp, "--user x case 2 --decision rejected").exit_code, 1);  // a rejection needs its reason
  BOOST_CHECK_EQUAL(lines("case.decision"), 0u);
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "--user x case 2 --decision confirmed --user marta").exit_code, 0);
  e = last("case.decision");
  BOOST_CHECK_EQUAL(e.user, "marta");
  BOOST_CHECK(has(e.before_json, R"("kind":"cleanup")"));
  BOOST_CHECK(has(e.after_json, R"("outcome":"confirmed")"));
}

BOOST_AUTO_TEST_CASE(imports_keep_the_snapshot_they_replace) {
  auto e = last("import.accounts");
  BOOST_CHECK_EQUAL(e.before_json, "null");
  BOOST_CHECK(has(e.after_json, R"("read":3,"imported":3,"rejected":0)"));
  tmp.write("b.csv", "account_id,holder_name,use_type,address,zone,billing_type,balance,days_past_due\n"
                     "2001,Rosa Gil,residential,CL 1 # 2 - 3,Z1,direct,200000,70\n2002,,residencial,CL 2 # 2 - 3,Z1,directa,12a,70\n");
  // One row of two rejected, and a portfolio under half the one in force: refused, with no line...
  BOOST_CHECK_EQUAL(run_cartero(tmp, "--user ana import accounts b.csv").exit_code, 1);
  BOOST_CHECK_EQUAL(lines("import.accounts"), 1u);
  // ...until the user accepts both.
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "--user ana import accounts b.csv --accept-rejected --replace-smaller").exit_code, 0);
  e = last("import.accounts");
  BOOST_CHECK_EQUAL(e.user, "ana");
  BOOST_CHECK_EQUAL(e.target, "b.csv");
  BOOST_CHECK(has(e.before_json, R"("file":"a.csv")"));
  BOOST_CHECK(has(e.before_json, R"("imported":3)"));
  BOOST_CHECK(has(e.after_json, R"("file":"b.csv")"));
  BOOST_CHECK(has(e.after_json, R"("read":2,"imported":1,"rejected":1)"));
  // A file refused whole leaves the portfolio and the log as they were.
  tmp.write("c.csv", "account_id,holder_name\n3001,Nadie\n");
  BOOST_CHECK_EQUAL(run_cartero(tmp, "--user ana import accounts c.csv").exit_code, 1);
  BOOST_CHECK_EQUAL(lines("import.accounts"), 2u);
  tmp.write("p.csv", "account_id,paid_on,amount\n2001,2026-10-01,50000\n");
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "--user ana import payments p.csv").exit_code, 0);
  BOOST_CHECK(has(last("import.payments").after_json, R"("imported":1)"));
}

BOOST_AUTO_TEST_CASE(return_corrections_keep_the_return_before_and_after) {
  run_cartero(tmp, "dispatch --batch 1 --date 2026-11-25");
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "--user ana return add 2026-000002 --cause refused").exit_code, 0);
  BOOST_CHECK(has(last("return.add").after_json, R"("cause":"refused")"));
  BOOST_CHECK_EQUAL(run_cartero(tmp, "--user ana return correct 1 --cause vacant_lot").exit_code, 1);  // no reason
  BOOST_CHECK_EQUAL(lines("return.correct"), 0u);
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "--user ana return correct 1 --cause vacant_lot --reason \"mal marcado\"").exit_code, 0);
  const auto e = last("return.correct");
  BOOST_CHECK_EQUAL(e.user, "ana");
  BOOST_CHECK(has(e.before_json, R"("return_id":1,"letter_id":"2026-000002","cause":"refused")"));
  BOOST_CHECK(has(e.after_json, R"("cause":"vacant_lot")"));
  BOOST_CHECK(has(e.after_json, R"("reason":"mal marcado")"));
  // The observation a person typed from the courier's handwriting, alone.
  BOOST_REQUIRE_EQUAL(
      run_cartero(tmp, "--user ana return correct 1 --observation \"lote enmallado, sin construcción\" --reason \"transcrita de la carta\"")
          .exit_code,
      0);
  const auto o = last("return.correct");
  BOOST_CHECK(has(o.before_json, R"("cause":"vacant_lot","observation":"")"));
  BOOST_CHECK(has(o.after_json, R"("observation":"lote enmallado, sin construcción")"));
  BOOST_CHECK(has(o.after_json, R"("reason":"transcrita de la carta")"));
}

BOOST_AUTO_TEST_CASE(settings_set_keeps_the_settings_before_and_after) {
  tmp.write("s.json", R"({"min_days_past_due": 75})");
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "--user root settings set selection s.json").exit_code, 0);
  const auto e = last("settings.selection");
  BOOST_CHECK_EQUAL(e.user, "root");
  BOOST_CHECK(has(e.before_json, R"("min_days_past_due":60)"));
  BOOST_CHECK(has(e.after_json, R"("min_days_past_due":75)"));
  tmp.write("bad.json", R"({"min_days_past_due": 75, "colour": "red"})");
  BOOST_CHECK_EQUAL(run_cartero(tmp, "--user root settings set selection bad.json").exit_code, 1);
  BOOST_CHECK_EQUAL(lines("settings.selection"), 1u);
}

BOOST_AUTO_TEST_CASE(user_list_prints_escaped_json_without_the_web_server) {
  tmp.write("pw.txt", "clave-segura-1\n");
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "--user root user add 'o\"brien\\x' --role field --zones 'Z1,Z\"2' < pw.txt").exit_code, 0);
  const auto r = run_cartero(tmp, "user list");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK_EQUAL(r.out, "{\"name\":\"o\\\"brien\\\\x\",\"role\":\"field\",\"zones\":\"Z1,Z\\\"2\",\"disabled\":false}\n");
  const auto e = last("user.add");
  BOOST_CHECK_EQUAL(e.user, "root");
  BOOST_CHECK_EQUAL(e.before_json, "null");
  BOOST_CHECK(has(e.after_json, R"("role":"field")"));
}

BOOST_AUTO_TEST_CASE(an_approval_and_a_claims_import_leave_their_line_and_a_refused_approval_none) {
  tmp.write("pw.txt", "clave-segura-1\n");
  run_cartero(tmp, "user add sofia --role admin < pw.txt");
  run_cartero(tmp, "user add luis --role analyst < pw.txt");
  run_cartero(tmp, "--user ana select --cutoff 2026-11-25");  // batch 2, approval required
  BOOST_CHECK_EQUAL(run_cartero(tmp, "batch approve 2 --user luis").exit_code, 1);  // not an admin
  BOOST_CHECK_EQUAL(lines("batch.approve"), 0u);
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "batch approve 2 --user sofia").exit_code, 0);
  auto e = last("batch.approve");
  BOOST_CHECK_EQUAL(e.user, "sofia");
  BOOST_CHECK(has(e.after_json, R"("batch":2,"approved_by":"sofia")"));
  tmp.write("reclamos.csv", "Número de cuenta;Número de reclamo;Fecha de radicación;Valor en reclamo;Estado\r\n"
                            "1001;RE-2026-0042;20/11/2026;$ 200.000;En trámite\r\n");
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "--user ana import claims reclamos.csv").exit_code, 0);
  e = last("import.claims");
  BOOST_CHECK_EQUAL(e.user, "ana");
  BOOST_CHECK(has(e.after_json, R"("imported":1)"));
}

BOOST_AUTO_TEST_SUITE_END()
