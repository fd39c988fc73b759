// End to end: the campaign controls through the `cartero` binary: approval
// before printing, the brief, the control group's bad shares, the
// effectiveness report's refusals.
#include <boost/test/unit_test.hpp>

#include "../support/run.hpp"

using cartero::testing::run_cartero;
using cartero::testing::TempDir;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Ana (analyst) selects batch 1; Sofía is an admin.
struct Selected {
  TempDir tmp;
  Selected() {
    tmp.write("a.csv",
              "account_id,holder_name,use_type,address,neighborhood,city,zone,billing_type,balance,days_past_due\n"
              "1001,José Peña,residential,CL 45 SUR # 12 - 34,Kennedy,Bogotá D.C.,Z1,direct,1234567,90\n"
              "1002,Ana Muñoz,commercial,KR 7 # 80 - 15,Chapinero,Bogotá D.C.,Z2,joint,900000,61\n");
    run_cartero(tmp, "import accounts a.csv");
    run_cartero(tmp, "select --cutoff 2026-11-24 --user ana");
    tmp.write("clave.txt", "clave-segura-1\n");
    run_cartero(tmp, "user add sofia --role admin < clave.txt");
    run_cartero(tmp, "user add ana --role admin < clave.txt");
    run_cartero(tmp, "user add luis --role analyst < clave.txt");
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_campaign_tests)

BOOST_FIXTURE_TEST_CASE(a_batch_is_printed_only_after_someone_else_approves_it, Selected) {
  auto r = run_cartero(tmp, "letters --batch 1 --out out --date 2026-11-24");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(has(r.err, "batch 1 is not approved"), r.err);
  BOOST_TEST(!std::filesystem::exists(tmp.path("out/letters-001.pdf")));
  r = run_cartero(tmp, "batch approve 1 --user ana");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(has(r.err, "ana selected batch 1 and cannot approve it too"), r.err);
  r = run_cartero(tmp, "batch approve 1 --user luis");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(has(r.err, "luis may not approve"), r.err);
  const auto brief = run_cartero(tmp, "batch brief 1 --out brief.pdf");
  BOOST_TEST(brief.exit_code == 0, brief.err);
  BOOST_TEST(TempDir::read(tmp.path("brief.pdf")).rfind("%PDF-", 0) == 0u);
  BOOST_TEST(has(brief.out, R"("created_by":"ana")"), brief.out);
  BOOST_TEST(has(brief.out, R"("approvals":[])"), brief.out);
  r = run_cartero(tmp, "batch approve 1 --user sofia");
  BOOST_TEST(r.exit_code == 0, r.err);
  // The approval records the SHA-256 of the brief Sofía saw.
  const auto sha = brief.out.substr(brief.out.find(R"("brief_sha256":")") + 16, 64);
  BOOST_TEST(has(r.out, R"("brief_sha256":")" + sha + "\""), r.out);
  // Another sender block than the approved one voids the approval.
  tmp.write("sender.json", R"({"company_name": "Aguas de Otra Parte S.A. E.S.P.", "company_nit": "900.000.001-1",
    "company_address": "CL 1 # 2 - 3", "company_city": "Bogotá D.C.", "company_phone": "601 000 0000",
    "company_web": "www.example.com", "signer_name": "Otra Persona", "signer_title": "Jefe de Cartera"})");
  r = run_cartero(tmp, "letters --batch 1 --out other --date 2026-11-24 --sender sender.json");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(has(r.err, "is void"), r.err);
  r = run_cartero(tmp, "letters --batch 1 --out out --date 2026-11-24");
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(has(run_cartero(tmp, "batch brief 1").out, R"("approved_by":"sofia")"));
  // A dispatched batch is not approved again.
  BOOST_TEST(run_cartero(tmp, "dispatch --batch 1 --date 2026-11-25").exit_code == 0);
  r = run_cartero(tmp, "batch approve 1 --user sofia");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(has(r.err, "batch 1 is dispatched"), r.err);
}

// A supervisor approves like an admin (never a batch she selected); an
// analyst or office user does not.
BOOST_FIXTURE_TEST_CASE(a_supervisor_approves_a_batch_someone_else_selected, Selected) {
  auto r = run_cartero(tmp, "user add marta --role supervisor < clave.txt");
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(has(run_cartero(tmp, "user list").out, R"({"name":"marta","role":"supervisor")"));
  r = run_cartero(tmp, "user add nadie --role jefe < clave.txt");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(has(r.err, "billing or supervisor"), r.err);
  r = run_cartero(tmp, "batch approve 1 --user luis");
  BOOST_TEST(has(r.err, "role admin or supervisor"), r.err);
  r = run_cartero(tmp, "batch approve 1 --user marta");
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(has(r.out, R"("approved_by":"marta")"), r.out);
  BOOST_TEST(run_cartero(tmp, "select --cutoff 2026-11-25 --user marta").exit_code == 0);
  r = run_cartero(tmp, "batch approve 2 --user marta");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(has(r.err, "marta selected batch 2 and cannot approve it too"), r.err);
}

// Issue 17, bad input: approval of a discarded batch is refused and leaves
// no approval behind.
BOOST_FIXTURE_TEST_CASE(a_discarded_batch_is_not_approved, Selected) {
  BOOST_TEST(run_cartero(tmp, "batch discard 1 --user ana").exit_code == 0);
  const auto r = run_cartero(tmp, "batch approve 1 --user sofia");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(has(r.err, "batch 1 is discarded: only a batch still to be printed or dispatched is approved"), r.err);
  BOOST_TEST(has(run_cartero(tmp, "batch brief 1").out, R"("approvals":[])"));
}

BOOST_FIXTURE_TEST_CASE(control_shares_out_of_range_and_reports_of_undispatched_batches_are_refused, Selected) {
  for (const char* share : {"0", "100", "150"}) {
    const auto r = run_cartero(tmp, std::string("select --cutoff 2026-11-24 --control-group ") + share);
    BOOST_TEST(r.exit_code == 1, share);
    BOOST_TEST(has(r.err, "must be a percent from 1 to 99"), r.err);
  }
  // Nothing was written: still one batch.
  BOOST_TEST(has(run_cartero(tmp, "report batches").out, R"("batch":1)"));
  BOOST_TEST(!has(run_cartero(tmp, "report batches").out, R"("batch":2)"));
  const auto r = run_cartero(tmp, "report effectiveness --batch 1");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(has(r.err, "batch 1 was never dispatched"), r.err);
  BOOST_TEST(run_cartero(tmp, "report effectiveness").exit_code == 1);
}

// Issue 17 item 1: the quality report of an export that repeats an account
// with another balance, as JSON, the machine CSV and a workbook.
BOOST_AUTO_TEST_CASE(the_quality_report_lists_an_account_the_export_repeats) {
  TempDir tmp;
  tmp.write("cartera.csv",
            "Número de cuenta;Nombre del suscriptor;Dirección;Barrio;Municipio;Zona;Uso;Tipo de facturación;Saldo;Días de mora\r\n"
            "1001;José Peña;CL 45 SUR # 12 - 34;Kennedy;Bogotá D.C.;Z1;Residencial;Directa;$ 1.234.567;90\r\n"
            "1002;Ana Muñoz;KR 7 # 80 - 15;Chapinero;Bogotá D.C.;Z2;Comercial;Conjunta;$ 900.000;61\r\n"
            "1001;José Peña;CL 45 SUR # 12 - 34;Kennedy;Bogotá D.C.;Z1;Residencial;Directa;$ 1.100.000;90\r\n");
  // One row of three rejected: more than 2 %, so the import asks first.
  auto r = run_cartero(tmp, "import accounts cartera.csv");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(has(r.err, "account 1001 appears on an earlier row"), r.err);
  BOOST_TEST(run_cartero(tmp, "report quality").exit_code == 1);  // nothing imported yet
  BOOST_TEST(run_cartero(tmp, "import accounts cartera.csv --accept-rejected").exit_code == 0);
  r = run_cartero(tmp, "report quality --csv q.csv --xlsx q.xlsx");
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(has(r.out, R"("read":3,"rejected":1,"kept":2,"repeated":1})"), r.out);
  BOOST_TEST(has(r.out, R"j({"check":"duplicate_account_id","label":"Cuenta repetida en el archivo (la fila repetida se rechazó)","accounts":1})j"), r.out);
  BOOST_TEST(has(r.out, R"({"by":"account_id","key":"1001","accounts":["1001"],"differing":["balance"],"lines":[4],"values":{"balance":["1234567","1100000"]}})"), r.out);
  BOOST_TEST(has(r.out, R"("detail_label":"Repetida en la línea 4 del archivo (rechazada); difiere en saldo $ 1.234.567 la conservada, $ 1.100.000 en la línea 4")"), r.out);
  const std::string csv = TempDir::read(tmp.path("q.csv"));
  BOOST_TEST(has(csv, "1001,duplicate_account_id,Cuenta repetida en el archivo (la fila repetida se rechazó),"
                      "\"repeated on line 4 (rejected); differs in balance 1234567 kept, 1100000 on line 4\""), csv);
  BOOST_TEST(TempDir::read(tmp.path("q.xlsx")).rfind("PK", 0) == 0u);
  BOOST_TEST(run_cartero(tmp, "report quality --batch 7").exit_code == 1);
}

BOOST_AUTO_TEST_SUITE_END()
