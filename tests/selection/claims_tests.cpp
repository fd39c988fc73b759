// Disputes, holds and contacts (issue 18, items 4 and 5) as the office
// exports them: Spanish headers, ';', dd/mm/yyyy, "En trámite", "Llamada".
#include <boost/test/unit_test.hpp>

#include <map>

#include "cartero/core/error.hpp"
#include "cartero/core/error_texts.hpp"
#include "cartero/core/people_export.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/selection/claims.hpp"
#include "cartero/selection/import.hpp"
#include "../support/temp_dir.hpp"

using namespace cartero;
using namespace cartero::selection;
using cartero::testing::TempDir;

namespace {

std::string value(Database& db, const std::string& query) { return sql::scalar(db, query).value_or("NULL"); }

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const Date k_today = *Date::parse_iso("2026-02-20");

// Five residential accounts of 900.000 or 400.000 pesos, 95 days past due;
// 1004 and 1005 with the export's holds.
struct Fixture {
  TempDir tmp;
  std::unique_ptr<Database> db = Database::open(tmp.path("c.db"));
  Fixture() {
    import_file(*db, ImportKind::accounts,
                tmp.write("cartera.csv",
                          "Número de cuenta;Nombre del suscriptor;Dirección;Uso;Tipo de facturación;Saldo;Días de mora;"
                          "Acuerdo de pago;Titular fallecido;Insolvencia\r\n"
                          "1001;MARÍA PEÑA;CL 45 # 12-30;Residencial;Directa;$ 900.000;95;No;No;No\r\n"
                          "1002;JOSÉ RUIZ;KR 7 # 80-15;Residencial;Directa;$ 400.000;95;;;\r\n"
                          "1003;ANA GÓMEZ;DG 12B # 4-20;Residencial;Directa;$ 900.000;95;No;;\r\n"
                          "1004;LUIS TORRES;CL 10 # 5-12;Residencial;Directa;$ 900.000;95;Sí;No;No\r\n"
                          "1005;CARMEN DÍAZ;CL 80 # 20-10;Residencial;Directa;$ 900.000;95;No;Sí;X\r\n"));
  }
  // account -> reasons joined ("" when selected) at cutoff 20/02/2026.
  std::map<std::string, std::string> outcome(const Settings& s = {}) {
    const auto p = load_portfolio(*db, k_today, s);
    const auto o = select(p.candidates, s, k_today);
    std::map<std::string, std::string> out;
    for (std::size_t i = 0; i < p.candidates.size(); ++i) out[std::string(p.candidates[i].account_id)] = o.reasons[i].joined();
    return out;
  }
  Pesos balance_of(const std::string& id, const Settings& s) {
    const auto p = load_portfolio(*db, k_today, s);
    for (const auto& c : p.candidates) {
      if (c.account_id == id) return c.balance;
    }
    return -1;
  }
};

const char* const k_claims =
    "Número de cuenta;Número de reclamo;Fecha de radicación;Valor en reclamo;Estado\r\n"
    "1001;RE-2026-0042;10/02/2026;350.000;En trámite\r\n"
    "1002;RE-2026-0043;13/01/2026;$ 350.000;Recurso\r\n"
    "1003;RE-2025-0981;15/12/2025;120.000;Resuelto\r\n";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(claims_tests, Fixture)

BOOST_AUTO_TEST_CASE(an_open_claim_leaves_the_account_out_and_a_closed_one_does_not) {
  const auto s = import_claims(*db, tmp.write("reclamos.csv", k_claims), {}, k_today);
  BOOST_CHECK_EQUAL(s.imported, 3);
  BOOST_CHECK_EQUAL(s.date_format, "dd/mm/yyyy");
  const auto o = outcome();
  BOOST_CHECK_EQUAL(o.at("1001"), "open_claim");
  BOOST_CHECK_EQUAL(o.at("1002"), "open_claim");
  BOOST_CHECK_EQUAL(o.at("1003"), "");
}

BOOST_AUTO_TEST_CASE(netting_applies_the_threshold_to_the_undisputed_part_and_states_it) {
  import_claims(*db, tmp.write("reclamos.csv", k_claims), {}, k_today);
  Settings s;
  s.claims_net_disputed = true;
  const auto o = outcome(s);
  BOOST_CHECK_EQUAL(o.at("1001"), "");  // 900.000 - 350.000 = 550.000 > 100.000
  BOOST_CHECK_EQUAL(balance_of("1001", s), 550000);
  BOOST_CHECK_EQUAL(o.at("1002"), "below_threshold");  // 400.000 - 350.000 = 50.000
  BOOST_CHECK_EQUAL(balance_of("1003", s), 900000);  // its claim is closed
}

BOOST_AUTO_TEST_CASE(each_import_replaces_the_previous_claims) {
  import_claims(*db, tmp.write("reclamos.csv", k_claims), {}, k_today);
  const auto s = import_claims(*db, tmp.write("reclamos2.csv",
                                              "Cuenta;Radicado;Fecha;Valor reclamado;Estado\r\n"
                                              "1002;RE-2026-0043;13/01/2026;350.000;Cerrado\r\n"),
                               {}, k_today);
  BOOST_CHECK_EQUAL(s.replaced, 3);
  BOOST_CHECK_EQUAL(value(*db, "SELECT COUNT(*) FROM claims"), "1");
  BOOST_CHECK_EQUAL(outcome().at("1001"), "");
}

BOOST_AUTO_TEST_CASE(a_bad_row_is_named_and_nothing_is_written) {
  import_claims(*db, tmp.write("reclamos.csv", k_claims), {}, k_today);
  const auto bad = tmp.write("malo.csv",
                             "Número de cuenta;Número de reclamo;Fecha de radicación;Valor en reclamo;Estado\r\n"
                             "1001;RE-1;10/02/2026;350.000;Abierto\r\n"
                             "9999;RE-2;10/02/2026;100.000;Abierto\r\n"
                             "1002;RE-3;25/02/2026;100.000;Abierto\r\n"
                             "1003;RE-4;31/02/2026;100.000;Abierto\r\n"
                             "1004;RE-1;10/02/2026;cien mil;Abierto\r\n"
                             "1005;RE-6;10/02/2026;100.000;Quién sabe\r\n");
  const auto e = error_of([&] { import_claims(*db, bad, {}, k_today); });
  BOOST_CHECK(contains(e, "malo.csv: 5 of 6 rows cannot be imported, so nothing was imported"));
  BOOST_CHECK(contains(e, "line 3 account_id: account 9999 is not in the portfolio"));
  BOOST_CHECK(contains(e, "line 4 filed_on: 2026-02-25 is in the future"));
  BOOST_CHECK(contains(e, "line 5 filed_on: '31/02/2026' is not a date"));
  BOOST_CHECK(contains(e, "line 6 disputed_amount: 'cien mil' is not an amount"));
  BOOST_CHECK(contains(e, "line 7 status: 'Quién sabe' is not a claim status"));
  BOOST_CHECK_EQUAL(value(*db, "SELECT COUNT(*) FROM claims"), "3");  // the claims in force kept
  // The same refusal for the web page: typed, in Spanish, line and column.
  try {
    import_claims(*db, bad, {}, k_today);
    BOOST_FAIL("refused");
  } catch (const InputError& x) {
    BOOST_CHECK(x.code() == ErrorCode::claims_rows_rejected);
    const auto es = spanish_message(x);
    BOOST_TEST(contains(es, "malo.csv: 5 de 6 filas no se pueden importar; no se importó nada y se conservan los reclamos vigentes."), es);
    BOOST_TEST(contains(es, "línea 4, columna «Fecha de radicación» (filed_on): la fecha '25/02/2026' es posterior a hoy"), es);
    BOOST_TEST(contains(es, "línea 6, columna «Valor en reclamo» (disputed_amount): 'cien mil' no es un valor en pesos"), es);
    BOOST_TEST(contains(es, "línea 7, columna «Estado» (status): 'Quién sabe' no es un estado de reclamo"), es);
    BOOST_TEST(!contains(es, " is not "), es);
  }
  // Accepting the rejections imports the one good row.
  ImportOptions accept;
  accept.accept_rejected = true;
  const auto s = import_claims(*db, bad, accept, k_today);
  BOOST_CHECK_EQUAL(s.imported, 1);
  BOOST_CHECK_EQUAL(s.rejected.size(), 5u);
  BOOST_CHECK_EQUAL(value(*db, "SELECT claim_id FROM claims"), "RE-1");
}

BOOST_AUTO_TEST_CASE(claims_are_read_from_a_workbook_too) {
  const auto path = tmp.path("reclamos.xlsx");
  auto w = open_export(path, ExportFormat::xlsx, "Reclamos",
                       {{"account_id", "Número de cuenta"}, {"claim_id", "Número de reclamo"},
                        {"filed_on", "Fecha de radicación", CellKind::date}, {"disputed_amount", "Valor en reclamo", CellKind::number},
                        {"status", "Estado"}});
  w->row({"1003", "RE-2026-0050", "2026-02-03", "200000", "En trámite"});
  w->close();
  const auto s = import_claims(*db, path, {}, k_today);
  BOOST_CHECK_EQUAL(s.format, "xlsx");
  BOOST_CHECK_EQUAL(value(*db, "SELECT filed_on || ' ' || disputed_amount FROM claims"), "2026-02-03 200000");
  BOOST_CHECK_EQUAL(outcome().at("1003"), "open_claim");
}

BOOST_AUTO_TEST_CASE(holds_in_the_export_leave_the_account_out_with_their_own_reason) {
  const auto o = outcome();
  BOOST_CHECK_EQUAL(o.at("1004"), "payment_agreement");
  BOOST_CHECK_EQUAL(o.at("1005"), "deceased_holder;insolvency");
  BOOST_CHECK_EQUAL(o.at("1001"), "");
  // The profile maps the office's own column and value to a hold.
  ImportOptions p;
  p.replace_smaller = true;
  p.profile = import_profile_from_json(R"({"accounts": {"columns": {"Convenio": "payment_agreement"},
      "values": {"payment_agreement": {"Vigente": true, "Incumplido": false}}}})", "perfil.json");
  import_file(*db, ImportKind::accounts,
              tmp.write("cartera2.csv",
                        "Número de cuenta;Nombre del suscriptor;Dirección;Uso;Tipo de facturación;Saldo;Días de mora;Convenio\r\n"
                        "1001;MARÍA PEÑA;CL 45 # 12-30;Residencial;Directa;$ 900.000;95;Vigente\r\n"
                        "1002;JOSÉ RUIZ;KR 7 # 80-15;Residencial;Directa;$ 900.000;95;Incumplido\r\n"),
              p);
  const auto o2 = outcome();
  BOOST_CHECK_EQUAL(o2.at("1001"), "payment_agreement");
  BOOST_CHECK_EQUAL(o2.at("1002"), "");
}

BOOST_AUTO_TEST_CASE(a_recent_contact_through_another_channel_leaves_the_account_out) {
  const auto s = import_contacts(*db,
                                 tmp.write("gestiones.csv",
                                           "Número de cuenta;Canal;Fecha y hora\r\n"
                                           "1001;Llamada;16/02/2026 10:30\r\n"
                                           "1002;Carta;18/02/2026\r\n"
                                           "1003;Mensaje de texto;05/02/2026 09:00\r\n"
                                           "1004;Correo electrónico;13/02/2026 17:45\r\n"),
                                 {}, k_today);
  BOOST_CHECK_EQUAL(s.imported, 4);
  BOOST_CHECK_EQUAL(value(*db, "SELECT contacted_at FROM contacts WHERE account_id = '1001'"), "2026-02-16T10:30");
  const auto o = outcome();
  BOOST_CHECK_EQUAL(o.at("1001"), "recent_contact");  // 4 days before, by phone
  BOOST_CHECK_EQUAL(o.at("1002"), "");                // a letter is the same channel
  BOOST_CHECK_EQUAL(o.at("1003"), "");                // 15 days before
  BOOST_CHECK_EQUAL(o.at("1004"), "payment_agreement;recent_contact");  // 7 days before: inside
  Settings off;
  off.recent_contact_days = 0;
  BOOST_CHECK_EQUAL(outcome(off).at("1001"), "");
}

BOOST_AUTO_TEST_CASE(a_contact_dated_in_the_future_is_a_row_error) {
  const auto e = error_of([&] {
    import_contacts(*db, tmp.write("gestiones.csv",
                                   "Cuenta;Medio;Fecha gestión;Hora\r\n"
                                   "1001;Llamada;16/02/2026;10:30\r\n"
                                   "1002;Llamada;21/02/2026;08:00\r\n"
                                   "1003;Paloma mensajera;16/02/2026;08:00\r\n"
                                   "1004;SMS;16/02/2026;25:70\r\n"),
                    {}, k_today);
  });
  BOOST_CHECK(contains(e, "line 3 contacted_at: 2026-02-21 is in the future"));
  BOOST_CHECK(contains(e, "line 4 channel: 'Paloma mensajera' is not a channel"));
  BOOST_CHECK(contains(e, "line 5 time: '25:70' is not a time"));
  BOOST_CHECK_EQUAL(value(*db, "SELECT COUNT(*) FROM contacts"), "0");
}

BOOST_AUTO_TEST_CASE(a_mistaken_claims_or_contacts_file_is_undone_and_redone) {
  import_claims(*db, tmp.write("reclamos.csv", k_claims), {}, k_today);
  // The wrong file: last month's, every claim closed.
  import_claims(*db, tmp.write("reclamos-enero.csv",
                               "Cuenta;Radicado;Fecha;Valor reclamado;Estado\r\n"
                               "1004;RE-2025-0900;13/01/2026;350.000;Cerrado\r\n"),
                {}, k_today);
  BOOST_CHECK_EQUAL(outcome().at("1001"), "");
  const auto undo = undo_claims_import(*db, "claims");
  BOOST_CHECK_EQUAL(undo.restored_file, tmp.path("reclamos.csv"));
  BOOST_CHECK_EQUAL(undo.restored, 3);
  BOOST_CHECK_EQUAL(undo.replaced, 1);
  BOOST_CHECK_EQUAL(outcome().at("1001"), "open_claim");
  BOOST_CHECK(contains(import_log_json(*db, "claims"), "reclamos.csv"));
  // Undoing again redoes.
  BOOST_CHECK_EQUAL(undo_claims_import(*db, "claims").restored, 1);
  BOOST_CHECK_EQUAL(value(*db, "SELECT claim_id FROM claims"), "RE-2025-0900");

  // Contacts the same way; the first import undone leaves none.
  import_contacts(*db, tmp.write("gestiones.csv", "Cuenta;Medio;Fecha gestión\r\n1001;Llamada;16/02/2026 10:30\r\n"), {}, k_today);
  BOOST_CHECK_EQUAL(outcome().at("1001"), "recent_contact");
  BOOST_CHECK_EQUAL(undo_claims_import(*db, "contacts").restored, 0);
  BOOST_CHECK_EQUAL(value(*db, "SELECT COUNT(*) FROM contacts"), "0");
  BOOST_CHECK_EQUAL(outcome().at("1001"), "");
}

BOOST_AUTO_TEST_CASE(undo_with_nothing_to_put_back_or_of_another_kind_is_refused) {
  try {
    undo_claims_import(*db, "contacts");
    BOOST_FAIL("no error");
  } catch (const InputError& e) {
    BOOST_CHECK(e.code() == ErrorCode::nothing_to_undo);
  }
  try {
    undo_claims_import(*db, "returns");
    BOOST_FAIL("no error");
  } catch (const InputError& e) {
    BOOST_CHECK(e.code() == ErrorCode::unknown_import_kind);
  }
  // A refused file keeps nothing for undo either: the claims in force stay.
  import_claims(*db, tmp.write("reclamos.csv", k_claims), {}, k_today);
  error_of([&] { import_claims(*db, tmp.write("malo.csv", "Cuenta;Radicado;Fecha;Valor reclamado;Estado\r\n9999;X;10/02/2026;1;Abierto\r\n"), {}, k_today); });
  BOOST_CHECK_EQUAL(undo_claims_import(*db, "claims").restored, 0);  // back to before the first import
  BOOST_CHECK_EQUAL(undo_claims_import(*db, "claims").restored, 3);
}

BOOST_AUTO_TEST_SUITE_END()
