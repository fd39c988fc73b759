// End to end through `cartero`: the courier's admission file as 4-72 writes
// it (Spanish headers, ';', dd/mm/yyyy), the Ley 1266 clock in `report
// bureau`, and dispatch refused on Sundays and public holidays.
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "../support/run.hpp"
#include "cartero/core/people_export.hpp"
#include "cartero/letters/letter_code.hpp"

using cartero::testing::run_cartero;
using cartero::testing::TempDir;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A white 120 × 120 PNG: a courier's photo with no code and no useful name.
const char k_blank_png[] =
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x78\x00\x00\x00\x78\x08\x00\x00\x00\x00\x1c\x0f\x69\x0e\x00\x00\x00\x4c\x49\x44\x41\x54\x78\xda\xed\xcd\x01\x09\x00\x00\x0c\x03\xa0\xf5\x2f\xbd\xc5\x38\x1c\x2d\x60\x7a\x24\x62\xb1\x58\x2c\x16\x8b\xc5\x62\xb1\x58\x2c\x16\x8b\xc5\x62\xb1\x58\x2c\x16\x8b\xc5\x62\xb1\x58\x2c\x16\x8b\xc5\x62\xb1\x58\x2c\x16\x8b\xc5\x62\xb1\x58\x2c\x16\x8b\xc5\x62\xb1\x58\x2c\x16\x8b\xbf\xc5\x03\x21\xef\x0b\x09\xd9\x79\x94\xf2\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

int count_lines(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

// Letters: 2026-000001 to 1001, 2026-000002 to 1003, 2026-000003 to 1002 (rank
// order). 1001 and 1002 owe more than 15 % of the 2026 minimum wage (262.635); 1003
// owes 200.000, a small debt that needs two notices.
struct Printed {
  TempDir tmp;
  Printed() {
    tmp.write("a.csv",
              "account_id,holder_name,use_type,address,neighborhood,city,zone,billing_type,balance,days_past_due\n"
              "1001,José Peña,residential,CL 45 SUR # 12 - 34,Kennedy,Bogotá D.C.,Z1,direct,1234567,90\n"
              "1002,Ana Muñoz,commercial,KR 7 # 80 - 15,Chapinero,Bogotá D.C.,Z1,joint,900000,61\n"
              "1003,Luis Díaz,residential,CL 9 # 1 - 2,Kennedy,Bogotá D.C.,Z2,direct,200000,61\n");
    run_cartero(tmp, "import accounts a.csv");
    tmp.write("one-person.json", R"({"require_approval": false})");  // no approver in this office
    run_cartero(tmp, "select --cutoff 2026-11-24 --config one-person.json");
    run_cartero(tmp, "letters --batch 1 --out out --date 2026-11-24");
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_proof_tests, Printed)

// Issue 18, bad input: a holiday table asked for the year 1500 (or a year
// that is not one) is a clear error, nothing printed.
BOOST_AUTO_TEST_CASE(the_holiday_table_is_computed_for_the_years_of_the_law_only) {
  auto r = run_cartero(tmp, "holidays 2027");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(has(r.out, R"({"date":"2027-03-25","name":"Jueves Santo"})"));
  r = run_cartero(tmp, "holidays 1500");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK_EQUAL(r.out, "");
  BOOST_CHECK(has(r.err, "1500"));
  r = run_cartero(tmp, "holidays dosmil");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK(has(r.err, "'dosmil' is not a year"));
}

BOOST_AUTO_TEST_CASE(dispatch_is_refused_on_sundays_and_holidays) {
  // 2026-12-08, Inmaculada Concepción (a Tuesday); 2026-11-29, a Sunday.
  auto r = run_cartero(tmp, "dispatch --batch 1 --date 2026-12-08");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK(has(r.err, "Inmaculada Concepción"));
  BOOST_CHECK(has(r.err, "2026-12-09"));  // the day it proposes instead
  r = run_cartero(tmp, "dispatch --batch 1 --date 2026-11-29");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK(has(r.err, "Sunday"));
  BOOST_CHECK(has(r.err, "2026-11-30"));
  // Nothing was dispatched: an admission of its letters is still refused.
  tmp.write("adm.csv", "Carta;Número de guía;Fecha de admisión\n2026-000001;RA100000001CO;30/11/2026\n");
  r = run_cartero(tmp, "import admissions adm.csv");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(has(r.out, R"("admitted":0)"));
  BOOST_CHECK(has(r.out, "never dispatched"));
  BOOST_CHECK_EQUAL(run_cartero(tmp, "dispatch --batch 1 --date 2026-11-30").exit_code, 0);
}

BOOST_AUTO_TEST_CASE(admissions_give_each_letter_its_guia_once) {
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "dispatch --batch 1 --date 2026-11-25").exit_code, 0);
  const std::string barcode1 = cartero::letters::make_payload("2026-000001");
  tmp.write("adm.csv",
            "Código de barras;Carta;Número de guía;Fecha de admisión\n" +
                barcode1 + ";;RA123456789CO;26/11/2026\n"
                ";2026-000002;RA123456790CO;2026-11-25\n"
                ";2026-000003;RA123456789CO;26/11/2026\n"   // line 4: the guía of letter 1
                ";2026-000009;RA000000009CO;26/11/2026\n"   // line 5: no such letter
                ";2026-000003;RA000000003CO;29/11/2026\n"   // line 6: a Sunday
                ";2026-000003;RA000000003CO;24/11/2026\n"   // line 7: before the dispatch
                ";2026-000003;RA000000003CO;31/11/2026\n"   // line 8: no such day
                ";2026-000003;;26/11/2026\n");               // line 9: no guía
  auto r = run_cartero(tmp, "import admissions adm.csv");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(has(r.out, R"("read":8,"admitted":2,"already":0)"));
  BOOST_CHECK(has(r.out, R"({"line":4,"field":"guia","reason":"guía RA123456789CO already belongs to letter 2026-000001"})"));
  BOOST_CHECK(has(r.out, R"({"line":5,"field":"letter_id","reason":"Cartero printed no letter 2026-000009"})"));
  BOOST_CHECK(has(r.out, R"({"line":6,"field":"admitted_on")") && has(r.out, "is a Sunday"));
  BOOST_CHECK(has(r.out, R"({"line":7,"field":"admitted_on")") && has(r.out, "before the letter was dispatched"));
  BOOST_CHECK(has(r.out, R"({"line":8,"field":"admitted_on")"));
  BOOST_CHECK(has(r.out, R"({"line":9,"field":"guia")"));
  // The same file again changes nothing; another guía for a letter is refused.
  r = run_cartero(tmp, "import admissions adm.csv");
  BOOST_CHECK(has(r.out, R"("admitted":0,"already":2)"));
  tmp.write("adm2.csv", "barcode,guia,admitted_on\n2026-000001,RA999999999CO,2026-11-27\n");
  r = run_cartero(tmp, "import admissions adm2.csv");
  BOOST_CHECK(has(r.out, "already admitted with guía RA123456789CO on 2026-11-26"));
  // A file without a guía column is refused whole.
  tmp.write("bad.csv", "barcode,fecha\n2026-000003,2026-11-26\n");
  r = run_cartero(tmp, "import admissions bad.csv");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK(has(r.err, "'guia'"));
}

// The courier's list again once the admissions came in: the manifest's
// columns in place, the guía appended (empty for a letter not admitted).
BOOST_AUTO_TEST_CASE(the_manifest_carries_the_guias_once_the_courier_gave_them) {
  const std::string before = TempDir::read(tmp.path("out/manifest.csv"));
  BOOST_CHECK(!has(before, "guia"));
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "dispatch --batch 1 --date 2026-11-25").exit_code, 0);
  tmp.write("adm.csv", "Carta;Número de guía;Fecha de admisión\n2026-000001;RA123456789CO;26/11/2026\n2026-000003;RA123456791CO;26/11/2026\n");
  BOOST_REQUIRE(has(run_cartero(tmp, "import admissions adm.csv").out, R"("admitted":2)"));
  auto r = run_cartero(tmp, "manifest --batch 1 --out m.csv");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(has(r.out, R"("letters":3,"guias":2)"));
  const std::string after = TempDir::read(tmp.path("m.csv"));
  BOOST_CHECK_EQUAL(after.substr(0, after.find('\r')), before.substr(0, before.find('\r')) + ",guia");
  BOOST_CHECK(has(after, "2026-000001,") && has(after, ",RA123456789CO\r\n"));
  BOOST_CHECK(has(after, ",RA123456791CO\r\n"));
  // Letter 2 (account 1003) has no guía yet: an empty last cell.
  const auto at = after.find("2026-000002,");
  BOOST_REQUIRE(at != std::string::npos);
  const std::string row = after.substr(at, after.find('\r', at) - at);
  BOOST_CHECK_EQUAL(row.back(), ',');
  BOOST_CHECK_EQUAL(std::count(row.begin(), row.end(), ','), 14);
  r = run_cartero(tmp, "manifest --batch 2 --out m2.csv");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK(has(r.err, "no printed letters"));
}

BOOST_AUTO_TEST_CASE(bureau_report_follows_the_20_day_clock_and_payments) {
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "dispatch --batch 1 --date 2026-11-25").exit_code, 0);
  // Letter 1 was admitted a day after the dispatch: its clock runs from the 26th.
  tmp.write("adm.csv", "guia,letter_id,admitted_on\nRA123456789CO,2026-000001,2026-11-26\n");
  BOOST_REQUIRE(has(run_cartero(tmp, "import admissions adm.csv").out, R"("admitted":1)"));
  tmp.write("entregas.csv", "letter_id,delivered_on\n2026-000001,2026-11-30\n");
  run_cartero(tmp, "import deliveries entregas.csv");

  // 2026-12-14: nothing yet (25 + 20 = 15 December).
  auto r = run_cartero(tmp, "report bureau --as-of 2026-12-14");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK_EQUAL(r.out, "");
  // 15 December: 1002's period has run, 1001's (from the 26th) has not.
  r = run_cartero(tmp, "report bureau --as-of 2026-12-15");
  BOOST_CHECK_EQUAL(count_lines(r.out), 1);
  BOOST_CHECK(has(r.out, R"({"account_id":"1002","balance":900000,"small_debt":false,"letters":[{"letter_id":"2026-000003","guia":null,"sent_on":"2026-11-25","outcome":"pending")"));
  BOOST_CHECK(has(r.out, R"("reportable_from":"2026-12-15"})"));
  // 16 December: 1001 too, with its guía and delivery; 1003 (a small debt,
  // one notice) never.
  r = run_cartero(tmp, "report bureau --as-of 2026-12-16");
  BOOST_CHECK_EQUAL(count_lines(r.out), 2);
  BOOST_CHECK(has(r.out, R"("letter_id":"2026-000001","guia":"RA123456789CO","sent_on":"2026-11-26","outcome":"delivered","cause":null,"outcome_on":"2026-11-30")"));
  BOOST_CHECK(!has(r.out, R"("account_id":"1003")"));
  // A payment after the notice takes 1002 out; one before it does not count.
  tmp.write("pagos.csv", "account_id,paid_on,amount\n1002,2026-12-01,50000\n1001,2026-11-20,10000\n");
  run_cartero(tmp, "import payments pagos.csv");
  r = run_cartero(tmp, "report bureau --as-of 2026-12-16");
  BOOST_CHECK_EQUAL(count_lines(r.out), 1);
  BOOST_CHECK(has(r.out, R"("account_id":"1001")"));
  BOOST_CHECK_EQUAL(run_cartero(tmp, "report bureau --as-of 16/12/2026").exit_code, 1);
}

// Issue 18 items 2 and 4: an open claim keeps a debt out of the report; the
// report as a table; the notice days as a saved setting; admissions as XLSX.
BOOST_AUTO_TEST_CASE(disputed_debts_stay_out_of_the_bureau_report_and_its_table) {
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "dispatch --batch 1 --date 2026-11-25").exit_code, 0);
  BOOST_CHECK_EQUAL(count_lines(run_cartero(tmp, "report bureau --as-of 2026-12-16").out), 2);
  tmp.write("reclamos.csv", "Número de cuenta;Número de reclamo;Fecha de radicación;Valor en reclamo;Estado\r\n"
                            "1002;RE-2026-0042;01/12/2026;300.000;En trámite\r\n");
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "import claims reclamos.csv").exit_code, 0);
  auto r = run_cartero(tmp, "report bureau --as-of 2026-12-16 --csv centrales.csv --xlsx centrales.xlsx");
  BOOST_CHECK_EQUAL(count_lines(r.out), 1);
  BOOST_CHECK(!has(r.out, R"("account_id":"1002")"));
  const std::string csv = TempDir::read(tmp.path("centrales.csv"));
  BOOST_CHECK(has(csv, "Número de cuenta;Saldo;Deuda pequeña (dos avisos);Reportable desde;Carta;Guía"));
  BOOST_CHECK(has(csv, "1001;1234567;No;15/12/2026;2026-000001;;25/11/2026;Pendiente"));
  BOOST_CHECK(std::filesystem::file_size(tmp.path("centrales.xlsx")) > 1000);
  // 30 notice days saved as a setting: nothing is reportable on the 16th.
  tmp.write("centrales.json", R"({"bureau_notice_days": 30})");
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "settings set bureau centrales.json").exit_code, 0);
  BOOST_CHECK_EQUAL(run_cartero(tmp, "report bureau --as-of 2026-12-16").out, "");
  BOOST_CHECK(has(run_cartero(tmp, "settings show").out, R"("bureau":{"bureau_notice_days":30)"));
}

// Issue 18, item 2: a small debt needs two notices on different days. The
// bureau report lists it as needing a second notice; `select
// --second-notices` puts it in a batch of its own, whose letter says so; a
// second notice on the first one's day does not count, and the 20 days run
// from the second.
BOOST_AUTO_TEST_CASE(a_small_debt_gets_its_second_notice_and_is_reportable_20_days_after_it) {
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "dispatch --batch 1 --date 2026-11-25").exit_code, 0);
  auto r = run_cartero(tmp, "report bureau --as-of 2026-11-30 --second-notices");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK_EQUAL(count_lines(r.out), 1);
  BOOST_CHECK(has(r.out, R"({"account_id":"1003","balance":200000,"small_debt":true,"letters":[{"letter_id":"2026-000002","guia":null,"sent_on":"2026-11-25","outcome":"pending")"));
  BOOST_CHECK(has(r.out, R"("reportable_from":null,"status":"needs_second_notice"})"));
  // The reportable list stays as it was; the table has both, with their state.
  r = run_cartero(tmp, "report bureau --as-of 2026-12-16 --csv centrales.csv");
  BOOST_CHECK_EQUAL(count_lines(r.out), 2);
  BOOST_CHECK(!has(r.out, R"("account_id":"1003")"));
  const std::string csv = TempDir::read(tmp.path("centrales.csv"));
  BOOST_CHECK(has(csv, ";Fecha del resultado;Estado"));
  BOOST_CHECK(has(csv, "1003;200000;Sí;;2026-000002;;25/11/2026;Pendiente;;;Necesita segundo aviso"));
  BOOST_CHECK(has(csv, ";Reportable\r\n"));

  // Selected the day of the first notice: its letter is too recent, nothing goes out.
  r = run_cartero(tmp, "select --second-notices --cutoff 2026-11-25 --config one-person.json");
  BOOST_REQUIRE_EQUAL(r.exit_code, 0);
  BOOST_CHECK(has(r.out, R"("batch":2,"cutoff":"2026-11-25",)"));
  BOOST_CHECK(has(r.out, R"("notice":2})"));
  BOOST_CHECK(has(r.out, R"({"reason":"recent_letter","label":"Carta enviada en el último bimestre","excluded":1,"remaining":0})"));
  BOOST_CHECK(has(r.out, R"("total":1,)"));
  BOOST_CHECK(has(r.out, R"("selected":0})"));
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "batch discard 2").exit_code, 0);
  // Nothing is due once the only small debt is disputed... (not here) or
  // with a control group asked for: refused.
  BOOST_CHECK_EQUAL(run_cartero(tmp, "select --second-notices --control-group 10 --config one-person.json").exit_code, 1);

  // A week later: batch 3 holds the one small debt, below every threshold of
  // a first notice but due its second.
  r = run_cartero(tmp, "select --second-notices --cutoff 2026-12-01 --config one-person.json");
  BOOST_REQUIRE_EQUAL(r.exit_code, 0);
  BOOST_CHECK(has(r.out, R"("batch":3,"cutoff":"2026-12-01",)"));
  BOOST_CHECK(has(r.out, R"("notice":2})"));
  BOOST_CHECK(has(r.out, R"("total":1,)"));
  BOOST_CHECK(has(r.out, R"("selected":1})"));
  BOOST_CHECK(has(run_cartero(tmp, "batch brief 3").out, "segundo aviso de las deudas pequeñas avisadas una sola vez"));
  BOOST_CHECK(!has(run_cartero(tmp, "batch brief 1").out, "segundo aviso"));
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "letters --batch 3 --out out3 --date 2026-12-01").exit_code, 0);
  BOOST_REQUIRE_EQUAL(std::system(("pdftotext " + tmp.path("out3/letters-001.pdf") + " " + tmp.path("l3.txt")).c_str()), 0);
  const std::string letter = TempDir::read(tmp.path("l3.txt"));
  BOOST_CHECK(has(letter, "cuenta No. 1003 (Segundo aviso)"));
  BOOST_CHECK(has(letter, "segundo aviso porque"));
  // A second notice dispatched before its cutoff could fall on the first one's day: refused.
  r = run_cartero(tmp, "dispatch --batch 3 --date 2026-11-30");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK(has(r.err, "carries second notices"));
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "dispatch --batch 3 --date 2026-12-01").exit_code, 0);

  // Twenty days from the second notice, not the first.
  BOOST_CHECK_EQUAL(run_cartero(tmp, "report bureau --as-of 2026-12-20 --second-notices").out, "");
  BOOST_CHECK(!has(run_cartero(tmp, "report bureau --as-of 2026-12-20").out, R"("account_id":"1003")"));
  r = run_cartero(tmp, "report bureau --as-of 2026-12-21");
  BOOST_CHECK(has(r.out, R"({"account_id":"1003","balance":200000,"small_debt":true,"letters":[{"letter_id":"2026-000002",)"));
  BOOST_CHECK(has(r.out, R"("sent_on":"2026-12-01","outcome":"pending","cause":null,"outcome_on":null}],"reportable_from":"2026-12-21"})"));
  // The first batch never printed a second-notice text.
  BOOST_REQUIRE_EQUAL(std::system(("pdftotext " + tmp.path("out/letters-001.pdf") + " " + tmp.path("l1.txt")).c_str()), 0);
  BOOST_CHECK(!has(TempDir::read(tmp.path("l1.txt")), "Segundo aviso"));
}

// Issue 18, item 4: each claims import replaces the previous one, so a
// mistaken file is undone like an accounts import (audited, one transaction).
BOOST_AUTO_TEST_CASE(a_mistaken_claims_file_is_undone) {
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "dispatch --batch 1 --date 2026-11-25").exit_code, 0);
  tmp.write("reclamos.csv", "Número de cuenta;Número de reclamo;Fecha de radicación;Valor en reclamo;Estado\r\n"
                            "1002;RE-2026-0042;01/12/2026;300.000;En trámite\r\n");
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "import claims reclamos.csv").exit_code, 0);
  BOOST_CHECK_EQUAL(count_lines(run_cartero(tmp, "report bureau --as-of 2026-12-16").out), 1);
  // Last year's file by mistake: the claim is no longer open.
  tmp.write("viejo.csv", "Cuenta;Radicado;Fecha;Valor reclamado;Estado\r\n1001;RE-2025-0001;01/06/2025;10.000;Cerrado\r\n");
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "import claims viejo.csv --user ana").exit_code, 0);
  BOOST_CHECK_EQUAL(count_lines(run_cartero(tmp, "report bureau --as-of 2026-12-16").out), 2);
  auto r = run_cartero(tmp, "import undo claims --user ana");
  BOOST_REQUIRE_EQUAL(r.exit_code, 0);
  BOOST_CHECK(has(r.out, R"("kind":"claims","restored_file":"reclamos.csv","restored":1,"replaced":1)"));
  BOOST_CHECK_EQUAL(count_lines(run_cartero(tmp, "report bureau --as-of 2026-12-16").out), 1);
  // Contacts the same way; and nothing to undo is said so.
  BOOST_CHECK_EQUAL(run_cartero(tmp, "import undo contacts").exit_code, 1);
  BOOST_CHECK(has(run_cartero(tmp, "import undo contacts").err, "no previous contacts import"));
  BOOST_CHECK_EQUAL(run_cartero(tmp, "import undo reclamos").exit_code, 1);
}

BOOST_AUTO_TEST_CASE(admissions_are_read_from_the_couriers_workbook) {
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "dispatch --batch 1 --date 2026-11-25").exit_code, 0);
  auto w = cartero::open_export(tmp.path("admision.xlsx"), cartero::ExportFormat::xlsx, "Admisión",
                                {{"letter_id", "Carta"}, {"guia", "Número de guía"},
                                 {"admitted_on", "Fecha de admisión", cartero::CellKind::date}});
  w->row({"2026-000002", "RA123456790CO", "2026-11-26"});
  w->row({"2026-000003", "RA123456791CO", "2026-11-29"});  // a Sunday
  w->close();
  const auto r = run_cartero(tmp, "import admissions admision.xlsx");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(has(r.out, R"("read":2,"admitted":1)"));
  BOOST_CHECK(has(r.out, R"({"line":3,"field":"admitted_on")") && has(r.out, "is a Sunday"));
}

BOOST_AUTO_TEST_CASE(proofs_of_delivery_are_matched_by_guia_letter_or_code_and_kept_by_hash) {
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "dispatch --batch 1 --date 2026-11-25").exit_code, 0);
  tmp.write("adm.csv", "guia;carta;fecha\nRA123456789CO;2026-000001;26/11/2026\n");
  BOOST_REQUIRE(has(run_cartero(tmp, "import admissions adm.csv").out, R"("admitted":1)"));
  std::filesystem::create_directories(tmp.path("pruebas"));
  // The courier's files: named by guía, by our barcode, by nothing (the page
  // itself carries the letter's codes: a scan of letter 1's part), by two
  // letters, and a blank image.
  std::filesystem::copy_file(tmp.path("out/letters-001.pdf"), tmp.path("pruebas/PE_RA123456789CO.pdf"));
  std::filesystem::copy_file(tmp.path("out/letters-001.pdf"), tmp.path("pruebas/entrega 2026-000003-0.pdf"));
  std::filesystem::copy_file(tmp.path("out/letters-001.pdf"), tmp.path("pruebas/escaneo.pdf"));
  std::filesystem::copy_file(tmp.path("out/letters-001.pdf"), tmp.path("pruebas/2026-000001_2026-000002.pdf"));
  tmp.write("pruebas/notas.txt", "not an image");
  auto r = run_cartero(tmp, "import proofs pruebas");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(has(r.out, R"("files":4,"kept":2,"already":1)"));
  BOOST_CHECK(has(r.out, R"("status":"kept","letter_id":"2026-000001","matched_by":"name: guía RA123456789CO")"));
  BOOST_CHECK(has(r.out, R"("status":"kept","letter_id":"2026-000003","matched_by":"name: letter 2026-000003")"));
  BOOST_CHECK(has(r.out, R"("letter_id":"2026-000001","matched_by":"code on page 1: letter 2026-000001")"));
  BOOST_CHECK(has(r.out, "matches 2 letters (2026-000001, 2026-000002)"));
  // escaneo.pdf is the same bytes for the same letter as the guía's file: already
  // kept. Kept by content hash: one file for the three copies.
  int kept = 0;
  for (const auto& e : std::filesystem::directory_iterator(tmp.path("cartero.db.files/proofs"))) kept += e.is_regular_file();
  BOOST_CHECK_EQUAL(kept, 1);
  // Again: nothing new.
  r = run_cartero(tmp, "import proofs pruebas");
  BOOST_CHECK(has(r.out, R"("kept":0,"already":3)"));
  BOOST_CHECK_EQUAL(run_cartero(tmp, "import proofs nowhere").exit_code, 1);
  // A photo that matches no letter (no guía or number in its name, no code on it).
  std::filesystem::create_directories(tmp.path("fotos"));
  tmp.write("fotos/IMG_0042.png", std::string(k_blank_png, sizeof k_blank_png - 1));
  r = run_cartero(tmp, "import proofs fotos");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(has(r.out, R"("files":1,"kept":0,"already":0)"));
  BOOST_CHECK(has(r.out, R"("status":"rejected")") && has(r.out, "matches no letter"));
}

BOOST_AUTO_TEST_CASE(a_certificate_states_the_facts_and_verifies_only_itself_unchanged) {
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "dispatch --batch 1 --date 2026-11-25").exit_code, 0);
  tmp.write("adm.csv", "guia;carta;fecha\nRA123456789CO;2026-000001;26/11/2026\n");
  run_cartero(tmp, "import admissions adm.csv");
  BOOST_CHECK_EQUAL(run_cartero(tmp, "certificate 2026-000001").exit_code, 1);  // no --out
  auto r = run_cartero(tmp, "certificate --account 1001 --out c1.pdf --user abogada");
  BOOST_REQUIRE_EQUAL(r.exit_code, 0);
  BOOST_CHECK(has(r.out, R"("letter_id":"2026-000001")"));
  BOOST_CHECK(has(r.out, R"("page_verified":true,"warnings":[])"));
  // The text a lawyer reads (poppler's pdftotext, not our writer).
  BOOST_REQUIRE_EQUAL(std::system(("pdftotext -layout " + tmp.path("c1.pdf") + " " + tmp.path("c1.txt")).c_str()), 0);
  const std::string text = TempDir::read(tmp.path("c1.txt"));
  for (const char* part : {"Constancia de envío y notificación", "José Peña", "CL 45 SUR # 12 - 34", "$ 1.234.567",
                           "RA123456789CO, admitida el 26/11/2026", "Despachada el", "25/11/2026",
                           "16/12/2026", "Sin entrega ni devolución registradas", "abogada",
                           "verificada", "Carta tal como se envió"}) {
    BOOST_TEST_CONTEXT(part) { BOOST_CHECK(has(text, part)); }
  }
  r = run_cartero(tmp, "certificate verify c1.pdf");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(has(r.out, R"("issued":true,"letter_id":"2026-000001")") && has(r.out, R"("facts_unchanged":true)"));
  // Another file, or the certificate changed by one byte, is not one Cartero issued.
  std::string bytes = TempDir::read(tmp.path("c1.pdf"));
  bytes[bytes.size() / 2] ^= 1;
  tmp.write("c1-altered.pdf", bytes);
  r = run_cartero(tmp, "certificate verify c1-altered.pdf");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK(has(r.out, R"("issued":false)"));
  // A delivery recorded later: the old certificate's facts no longer hold.
  tmp.write("e.csv", "letter_id,delivered_on\n2026-000001,2026-11-30\n");
  run_cartero(tmp, "import deliveries e.csv");
  r = run_cartero(tmp, "certificate verify c1.pdf");
  BOOST_CHECK(has(r.out, R"("facts_unchanged":false)"));
  BOOST_CHECK_EQUAL(run_cartero(tmp, "certificate 2026-000001 --out c1.pdf").exit_code, 1);  // exists
  // The archived letter altered on disk: the certificate says so, it does not hide it.
  for (const auto& e : std::filesystem::recursive_directory_iterator(tmp.path("cartero.db.files"))) {
    if (e.is_regular_file() && e.path().extension() == ".pdf" && e.path().string().find("letters") != std::string::npos) {
      std::string part = TempDir::read(e.path().string());
      part[part.size() / 3] ^= 0x20;
      std::filesystem::permissions(e.path(), std::filesystem::perms::owner_write, std::filesystem::perm_options::add);
      tmp.write(std::filesystem::relative(e.path(), tmp.dir()).string(), part);
    }
  }
  r = run_cartero(tmp, "certificate 2026-000001 --out c3.pdf");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(has(r.out, R"("page_verified":false)"));
  BOOST_REQUIRE_EQUAL(std::system(("pdftotext " + tmp.path("c3.pdf") + " " + tmp.path("c3.txt")).c_str()), 0);
  BOOST_CHECK(has(TempDir::read(tmp.path("c3.txt")), "NO coincide con su huella SHA-256"));
  // …in red: the page's text drawn in 0.8 0 0 (qpdf uncompresses the streams).
  BOOST_REQUIRE_EQUAL(std::system(("qpdf --qdf --object-streams=disable " + tmp.path("c3.pdf") + " " + tmp.path("c3-plain.pdf")).c_str()), 0);
  BOOST_CHECK(has(TempDir::read(tmp.path("c3-plain.pdf")), "0.8 0 0 rg"));
  BOOST_REQUIRE_EQUAL(std::system(("qpdf --qdf --object-streams=disable " + tmp.path("c1.pdf") + " " + tmp.path("c1-plain.pdf")).c_str()), 0);
  BOOST_CHECK(!has(TempDir::read(tmp.path("c1-plain.pdf")), "0.8 0 0 rg"));  // nothing red while the page matches
  BOOST_CHECK_EQUAL(run_cartero(tmp, "certificate 2026-000077 --out c2.pdf").exit_code, 1);
}

BOOST_AUTO_TEST_SUITE_END()
