// The issue's cases: the office's own export as it comes (Spanish headers,
// Windows-1252, ';', CRLF, dd/mm/yyyy, centavos), and a replace that cannot
// make things worse (D4: no readable row; too many rejected; a snapshot
// under half; undo).
#include <boost/test/unit_test.hpp>

#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/selection/import.hpp"
#include "cartero/selection/import_log.hpp"
#include "../support/temp_dir.hpp"

using namespace cartero;
using namespace cartero::selection;
using cartero::testing::TempDir;

namespace {

std::string value(Database& db, const std::string& query) { return sql::scalar(db, query).value_or("NULL"); }
std::string count(Database& db, const std::string& table) { return value(db, "SELECT COUNT(*) FROM " + table); }

std::string accounts_csv(int from, int n) {
  std::string out = "Número de cuenta;Nombre del suscriptor;Dirección;Uso;Tipo de facturación;Saldo;Días de mora\r\n";
  for (int i = from; i < from + n; ++i) {
    out += std::to_string(i) + ";Titular " + std::to_string(i) + ";CL " + std::to_string(i) + ";Residencial;Directa;$ 250.000;90\r\n";
  }
  return out;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct Fixture {
  TempDir tmp;
  std::unique_ptr<Database> db = Database::open(tmp.path("c.db"));
  ImportOptions accept;
  Fixture() { accept.accept_rejected = true; }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(import_safety_tests, Fixture)

BOOST_AUTO_TEST_CASE(the_utilitys_own_export_is_read_as_it_comes) {
  // Windows-1252, ';', CRLF, the header of the issue, "Especial",
  // "Facturación directa", centavos.
  const std::string file =
      "N\xFAmero de cuenta; Nombre del suscriptor; Direcci\xF3n; Barrio; Uso; Tipo de facturaci\xF3n; Saldo; D\xED" "as de mora; "
      "Cobro jur\xED" "dico; Saneamiento\r\n"
      "100234;MAR\xCD" "A PE\xD1" "A;CL 45 # 12-30;La Candelaria;Residencial;Facturaci\xF3n directa;109.500,50;95;No;\r\n"
      "100235;COLEGIO ANDINO;KR 7 # 80-15;Chapinero;Especial;Facturaci\xF3n conjunta;$1.234.567,50;61;S\xED;Lote\r\n"
      "100236;JOS\xC9 RU\xCDZ;DG 12B;Kennedy;Comercial;Directa;1234567.00;120;;\r\n";
  const auto s = import_file(*db, ImportKind::accounts, tmp.write("cartera.csv", file));
  BOOST_CHECK_EQUAL(s.encoding, "Windows-1252");
  BOOST_CHECK_EQUAL(s.imported, 3);
  BOOST_CHECK(s.rejected.empty());
  BOOST_CHECK_EQUAL(s.rounded, 2);
  BOOST_CHECK_EQUAL(value(*db, "SELECT holder_name || '|' || balance || '|' || billing_type FROM accounts WHERE account_id = '100234'"),
                    "MARÍA PEÑA|109501|direct");
  BOOST_CHECK_EQUAL(value(*db, "SELECT use_type || '|' || balance || '|' || legal_collection || '|' || sanitation FROM accounts "
                               "WHERE account_id = '100235'"),
                    "official|1234568|1|vacant_lot");
  BOOST_CHECK(contains(s.to_json(), "\"rounded\":2"));
}

BOOST_AUTO_TEST_CASE(spanish_municipality_and_postal_code_columns_reach_the_account_with_its_address_verdict) {
  // The manifest's columns under the names the office's export gives them,
  // and each address judged at import (addresses' verdict) next to them.
  const std::string file =
      "Número de cuenta;Nombre del suscriptor;Dirección;Uso;Tipo de facturación;Saldo;Días de mora;Código DIVIPOLA;Código postal\r\n"
      "200;ANA PÉREZ;CL 45 # 12-30;Residencial;Directa;$ 250.000;90;11001;111711\r\n"
      "201;LUIS ROA;KR 7 #;Comercial;Conjunta;$ 300.000;90;05001;050021\r\n";
  const auto s = import_file(*db, ImportKind::accounts, tmp.write("cartera.csv", file));
  BOOST_CHECK_EQUAL(s.imported, 2);
  BOOST_CHECK_EQUAL(value(*db, "SELECT municipality_code || '|' || postal_code || '|' || address_verdict FROM accounts "
                               "WHERE account_id = '200'"),
                    "11001|111711|complete");
  BOOST_CHECK_EQUAL(value(*db, "SELECT municipality_code || '|' || postal_code || '|' || address_verdict FROM accounts "
                               "WHERE account_id = '201'"),
                    "05001|050021|incomplete");
}

BOOST_AUTO_TEST_CASE(dd_mm_yyyy_payments_are_read_and_the_summary_says_so) {
  // The issue: 495 of 495 rows with dd/mm/yyyy dates were rejected and the
  // history replaced by nothing.
  std::string file = "Cuenta;Fecha de pago;Valor pagado\r\n";
  for (int i = 0; i < 495; ++i) file += "A" + std::to_string(i) + ";" + std::to_string(1 + i % 28) + "/0" + std::to_string(1 + i % 9) + "/2026;$ 45.000\r\n";
  const auto s = import_file(*db, ImportKind::payments, tmp.write("pagos.csv", file));
  BOOST_CHECK_EQUAL(s.imported, 495);
  BOOST_CHECK_EQUAL(s.date_format, "dd/mm/yyyy");
  BOOST_CHECK_EQUAL(s.date_format_from, "file");
  BOOST_CHECK_EQUAL(value(*db, "SELECT paid_on FROM payments WHERE account_id = 'A20'"), "2026-03-21");
}

BOOST_AUTO_TEST_CASE(when_every_day_is_twelve_or_less_the_profile_decides) {
  const auto path = tmp.write("pagos.csv", "Cuenta;Fecha;Valor\n1;03/02/2026;1000\n2;04/05/2026;1000\n");
  auto s = import_file(*db, ImportKind::payments, path);
  BOOST_CHECK_EQUAL(s.date_format_from, "default");
  BOOST_CHECK_EQUAL(value(*db, "SELECT paid_on FROM payments WHERE account_id = '1'"), "2026-02-03");
  ImportOptions o;
  o.profile = import_profile_from_json(R"({"payments": {"date_format": "mm/dd/yyyy"}})", "profile");
  s = import_file(*db, ImportKind::payments, path, o);
  BOOST_CHECK_EQUAL(s.date_format, "mm/dd/yyyy");
  BOOST_CHECK_EQUAL(s.date_format_from, "profile");
  BOOST_CHECK_EQUAL(value(*db, "SELECT paid_on FROM payments WHERE account_id = '1'"), "2026-03-02");
}

BOOST_AUTO_TEST_CASE(a_payments_or_letters_file_with_no_readable_row_keeps_the_history) {
  // D4: a payments file whose only row has 2026-02-30; a header-only letters file.
  import_file(*db, ImportKind::payments, tmp.write("p.csv", "account_id,paid_on,amount\nA1,2026-01-05,1000\nA2,2026-01-06,2000\n"));
  import_file(*db, ImportKind::letters, tmp.write("l.csv", "account_id,sent_on\nA1,2026-01-05\n"));
  const auto p = error_of([&] { import_file(*db, ImportKind::payments, tmp.write("p2.csv", "account_id,paid_on,amount\nA1,2026-02-30,1000\n"), accept); });
  BOOST_CHECK(contains(p, "no row could be read"));
  BOOST_CHECK(contains(p, "do not exist"));
  BOOST_CHECK(contains(p, "The payment history was left as it was."));
  BOOST_CHECK_EQUAL(count(*db, "payments"), "2");
  const auto l = error_of([&] { import_file(*db, ImportKind::letters, tmp.write("l2.csv", "account_id,sent_on\n")); });
  BOOST_CHECK(contains(l, "no data rows"));
  BOOST_CHECK_EQUAL(count(*db, "prior_letters"), "1");
}

BOOST_AUTO_TEST_CASE(more_than_two_percent_rejected_is_refused_unless_accepted) {
  std::string file = "account_id,paid_on,amount\n";
  for (int i = 0; i < 100; ++i) file += "A" + std::to_string(i) + ",2026-01-05," + (i % 33 == 5 ? "mil" : "1000") + "\n";
  const auto path = tmp.write("p.csv", file);
  const auto e = error_of([&] { import_file(*db, ImportKind::payments, path); });
  BOOST_CHECK(contains(e, "3 of 100 rows would be rejected (3.0 %, more than the 2 % allowed); nothing was imported"));
  BOOST_CHECK(contains(e, "line 7 amount: 'mil' is not an amount"));
  BOOST_CHECK(contains(e, "--accept-rejected"));
  BOOST_CHECK_EQUAL(count(*db, "payments"), "0");
  const auto s = import_file(*db, ImportKind::payments, path, accept);
  BOOST_CHECK_EQUAL(s.imported, 97);
}

BOOST_AUTO_TEST_CASE(a_column_failing_on_most_rows_names_the_likely_cause) {
  // The first date decides dd/mm/yyyy; the rest are written mm/dd/yyyy.
  std::string file = "account_id;paid_on;amount\nA0;13/01/2026;1000\n";
  for (int i = 1; i < 10; ++i) file += "A" + std::to_string(i) + ";01/2" + std::to_string(i) + "/2026;1000\n";
  const auto e = error_of([&] { import_file(*db, ImportKind::payments, tmp.write("p.csv", file)); });
  BOOST_CHECK(contains(e, "column 'paid_on' fails on 9 of 10 rows"));
  BOOST_CHECK(contains(e, "Likely cause: the dates look like mm/dd/yyyy: set the profile's date format"));
}

BOOST_AUTO_TEST_CASE(seven_rows_do_not_replace_49970_accounts_unless_told_and_undo_puts_them_back) {
  import_file(*db, ImportKind::accounts, tmp.write("grande.csv", accounts_csv(1, 49970)));
  const auto small = tmp.write("siete.csv", accounts_csv(900000, 7));
  try {
    import_file(*db, ImportKind::accounts, small);
    BOOST_ERROR("a 7-row file replaced 49,970 accounts");
  } catch (const SmallerSnapshotError& e) {
    BOOST_CHECK_EQUAL(e.current(), 49970);
    BOOST_CHECK_EQUAL(e.incoming(), 7);
    BOOST_CHECK(contains(e.what(), "--replace-smaller"));
  }
  BOOST_CHECK_EQUAL(count(*db, "accounts"), "49970");
  ImportOptions o;
  o.replace_smaller = true;
  const auto s = import_file(*db, ImportKind::accounts, small, o);
  BOOST_CHECK_EQUAL(s.replaced, 49970);
  BOOST_CHECK_EQUAL(count(*db, "accounts"), "7");
  const auto undo = undo_import(*db, ImportKind::accounts);
  BOOST_CHECK_EQUAL(undo.restored, 49970);
  BOOST_CHECK_EQUAL(undo.replaced, 7);
  BOOST_CHECK(contains(undo.restored_file, "grande.csv"));
  BOOST_CHECK_EQUAL(count(*db, "accounts"), "49970");
  BOOST_CHECK_EQUAL(value(*db, "SELECT holder_name FROM accounts WHERE account_id = '12345'"), "Titular 12345");
  undo_import(*db, ImportKind::accounts);  // undoing the undo
  BOOST_CHECK_EQUAL(count(*db, "accounts"), "7");
  BOOST_CHECK(contains(error_of([&] { undo_import(*db, ImportKind::letters); }), "no previous letters import"));
}

BOOST_AUTO_TEST_CASE(undo_logs_what_the_import_put_back_read_and_rejected) {
  // 12 rows, two without an account number, imported past the rejection limit.
  std::string bad = accounts_csv(1, 10);
  bad += ";Sin cuenta;CL 1;Residencial;Directa;$ 1.000;30\r\n;Otro sin cuenta;CL 2;Residencial;Directa;$ 1.000;30\r\n";
  ImportOptions o;
  o.accept_rejected = true;
  const auto first = import_file(*db, ImportKind::accounts, tmp.write("con-rechazos.csv", bad), o);
  BOOST_REQUIRE_EQUAL(first.rejected.size(), 2u);
  import_file(*db, ImportKind::accounts, tmp.write("limpio.csv", accounts_csv(1, 11)));
  undo_import(*db, ImportKind::accounts);
  auto log = last_import(*db, ImportKind::accounts);
  BOOST_REQUIRE(log.has_value());
  BOOST_CHECK_EQUAL(log->read, 12);
  BOOST_CHECK_EQUAL(log->imported, 10);
  BOOST_CHECK_EQUAL(log->rejected, 2);
  undo_import(*db, ImportKind::accounts);  // the clean file again
  log = last_import(*db, ImportKind::accounts);
  BOOST_CHECK_EQUAL(log->read, 11);
  BOOST_CHECK_EQUAL(log->rejected, 0);
  undo_import(*db, ImportKind::accounts);  // and back
  BOOST_CHECK_EQUAL(last_import(*db, ImportKind::accounts)->rejected, 2);
}

BOOST_AUTO_TEST_CASE(the_profile_maps_columns_values_and_keeps_extra_columns) {
  ImportOptions o;
  o.profile = import_profile_from_json(R"({"accounts": {
      "columns": {"Cód. Suscriptor": "account_id", "Clase": "use_type"},
      "values": {"use_type": {"RES-ESP": "residential"}, "billing_type": {"FD": "direct"}},
      "extra_columns": ["Teléfono"]}})", "perfil.json");
  const auto path = tmp.write("a.csv",
                              "Cód. Suscriptor;Titular;Dirección;Clase;Facturación;Deuda;Edad de mora;Teléfono\n"
                              "77;Ana;CL 1;res-esp;FD;200000;90;300 555 1234\n");
  const auto s = import_file(*db, ImportKind::accounts, path, o);
  BOOST_CHECK_EQUAL(s.imported, 1);
  BOOST_CHECK_EQUAL(value(*db, "SELECT use_type || billing_type FROM accounts WHERE account_id = '77'"), "residentialdirect");
  BOOST_CHECK_EQUAL(value(*db, "SELECT extra FROM accounts"), R"({"Teléfono":"300 555 1234"})");
  // A profile naming a column the file lacks.
  o.profile = import_profile_from_json(R"({"accounts": {"extra_columns": ["Estrato"]}})", "perfil.json");
  BOOST_CHECK(contains(error_of([&] { import_file(*db, ImportKind::accounts, tmp.write("b.csv", accounts_csv(1, 3)), o); }),
                       "the import profile keeps column 'Estrato', which the file does not have"));
}

BOOST_AUTO_TEST_CASE(a_profile_that_maps_two_ways_is_refused) {
  BOOST_CHECK(contains(error_of([] { import_profile_from_json(R"({"accounts": {"values": {"use_type": {"Especial": "official", "ESPECIAL": "commercial"}}}})", "p.json"); }),
                       "maps two ways"));
  BOOST_CHECK(contains(error_of([] { import_profile_from_json(R"({"accounts": {"columns": {"Cuenta": "account_id", "NIU": "account_id"}}})", "p.json"); }),
                       "both map to account_id"));
  BOOST_CHECK(contains(error_of([] { import_profile_from_json(R"({"accounts": {"values": {"use_type": {"X": "rural"}}}})", "p.json"); }),
                       "not a code of use_type"));
  BOOST_CHECK(contains(error_of([] { import_profile_from_json(R"({"cuentas": {}})", "p.json"); }), "unknown setting"));
}

BOOST_AUTO_TEST_CASE(a_second_header_row_is_refused) {
  const auto e = error_of([&] {
    import_file(*db, ImportKind::payments, tmp.write("p.csv", "Cuenta;Fecha;Valor\n1;2026-01-05;1000\nCuenta;Fecha;Valor\n2;2026-01-05;1000\n"));
  });
  BOOST_CHECK(contains(e, "p.csv, line 3: the header row appears again"));
  BOOST_CHECK_EQUAL(count(*db, "payments"), "0");
}

BOOST_AUTO_TEST_CASE(xlsx_workbooks_import_like_csv) {
  const std::string data = std::string(CARTERO_SOURCE_DIR) + "/tests/data/xlsx/";
  const auto a = import_file(*db, ImportKind::accounts, data + "cuentas_oficina.xlsx");
  BOOST_CHECK_EQUAL(a.format, "xlsx");
  BOOST_CHECK_EQUAL(a.sheet, "Cartera");
  BOOST_CHECK_EQUAL(a.imported, 3);
  BOOST_CHECK_EQUAL(value(*db, "SELECT balance FROM accounts WHERE account_id = '100234'"), "1234568");
  BOOST_CHECK_EQUAL(value(*db, "SELECT use_type FROM accounts WHERE account_id = '100236'"), "official");
  const auto p = import_file(*db, ImportKind::payments, data + "pagos_oficina.xlsx");
  BOOST_CHECK_EQUAL(p.imported, 3);
  BOOST_CHECK_EQUAL(value(*db, "SELECT paid_on || ' ' || amount FROM payments WHERE account_id = '100234'"), "2026-02-15 109501");
  BOOST_CHECK_EQUAL(value(*db, "SELECT paid_on || ' ' || amount FROM payments WHERE account_id = '100235'"), "2026-02-03 1234568");
  ImportOptions sheet;
  sheet.sheet = "Cartera";
  BOOST_CHECK_EQUAL(import_file(*db, ImportKind::accounts, data + "dos_hojas.xlsx", sheet).imported, 3);
  BOOST_CHECK(contains(error_of([&] { import_file(*db, ImportKind::accounts, data + "segundo_encabezado.xlsx"); }),
                       "row 3: the header row appears again"));
}

BOOST_AUTO_TEST_SUITE_END()
