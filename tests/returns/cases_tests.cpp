#include "cartero/returns/selection_history.hpp"
#include "cartero/returns/cases.hpp"

#include <boost/test/unit_test.hpp>

#include "cartero/core/error.hpp"
#include "cartero/returns/register.hpp"
#include "cartero/returns/route_sheet.hpp"
#include "cartero/selection/accounts.hpp"
#include "../support/letters_fixture.hpp"

using namespace cartero;
using namespace cartero::returns;
using cartero::testing::LettersFixture;
using cartero::testing::TempDir;

namespace {

const Date k_next_cutoff = *Date::parse_iso("2027-01-25");  // past the letters' window

std::int64_t register_cause(LettersFixture& f, std::size_t letter, ReturnCause cause) {
  return register_return(*f.db, {f.ids[letter], cause, "", *Date::parse_iso("2026-12-01"), "ana", "hand", std::nullopt, std::nullopt})
      .return_id;
}

std::string count(LettersFixture& f, const std::string& where) {
  return sql::scalar(*f.db, "SELECT COUNT(*) FROM cases WHERE " + where).value_or("?");
}

std::string account_of(LettersFixture& f, std::size_t letter) {
  return *sql::scalar(*f.db, "SELECT account_id FROM letters WHERE letter_id = ?", {f.ids[letter]});
}

std::string reasons_next_selection(LettersFixture& f, const std::string& account) {
  selection::SelectOptions o;
  o.cutoff = k_next_cutoff;
  o.history = &selection_history();
  const auto batch = selection::create_batch(*f.db, o).batch_id;
  const auto r = selection::excluded_reasons(*f.db, batch, account);
  return r ? r->joined() : "selected";
}

std::int64_t open_case_of(LettersFixture& f, const std::string& kind) {
  return std::stoll(*sql::scalar(*f.db, "SELECT MAX(id) FROM cases WHERE status = 'open' AND kind = ?", {kind}));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cases_tests)

BOOST_AUTO_TEST_CASE(every_cause_goes_where_the_routing_says) {
  LettersFixture f(10);
  for (std::size_t i = 0; i < 10; ++i) register_cause(f, i, static_cast<ReturnCause>(i));
  BOOST_CHECK_EQUAL(count(f, "kind = 'field_check' AND cause IN ('nonexistent_address', 'deficient_address')"), "2");
  BOOST_CHECK_EQUAL(count(f, "kind = 'cleanup' AND cause IN ('demolished', 'vacant_lot')"), "2");
  BOOST_CHECK_EQUAL(count(f, "1 = 1"), "4");
  Routing custom;
  custom.overrides = {{ReturnCause::moved, Route::field}};
  BOOST_CHECK(custom.route_of(ReturnCause::moved) == Route::field);
  BOOST_CHECK(custom.route_of(ReturnCause::refused) == Route::none);
}

BOOST_AUTO_TEST_CASE(an_open_field_check_keeps_the_account_out_until_settled) {
  LettersFixture f(2);
  register_cause(f, 0, ReturnCause::nonexistent_address);
  const auto account = account_of(f, 0);
  BOOST_CHECK_EQUAL(reasons_next_selection(f, account), "pending_address_check");
  record_field_outcome(*f.db, open_case_of(f, "field_check"), FieldOutcome::address_corrected, "KR 9 # 1 - 2", "luis");
  BOOST_CHECK_EQUAL(reasons_next_selection(f, account), "selected");
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT address FROM account_facts").value_or(""), "KR 9 # 1 - 2");
}

// The defect of issue 14: field staff corrected an address and the next
// batch's letter and manifest still carried the imported one.
BOOST_AUTO_TEST_CASE(the_next_letter_and_manifest_carry_the_corrected_address) {
  LettersFixture f(2);
  register_cause(f, 0, ReturnCause::nonexistent_address);
  const auto account = account_of(f, 0);
  record_field_outcome(*f.db, open_case_of(f, "field_check"), FieldOutcome::address_corrected, "KR 29 # 76 - 26", "luis");
  selection::SelectOptions o;
  o.cutoff = k_next_cutoff;
  const auto batch = selection::create_batch(*f.db, o).batch_id;
  letters::GenerateOptions g;
  g.batch_id = batch;
  g.out_dir = f.tmp.path("next");
  g.issued_on = Date::today();  // a draft is printed within draft_max_age_days of its selection
  letters::generate_letters(*f.db, g);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT address FROM letters WHERE batch_id = ? AND account_id = ?",
                                {std::to_string(batch), account}).value_or("no letter"),
                    "KR 29 # 76 - 26");
  const std::string manifest = TempDir::read(f.tmp.path("next/manifest.csv"));
  BOOST_CHECK(manifest.find(account + ",José Peña 0,KR 29 # 76 - 26,") != std::string::npos);
  BOOST_CHECK(manifest.find("CL 45 SUR # 12 - 34") != std::string::npos);  // the other account keeps its own
  // The account's page says which address is in force and where it came from.
  const auto in_force = selection::account_in_force(*f.db, account);
  BOOST_REQUIRE(in_force);
  BOOST_CHECK_EQUAL(in_force->address, "KR 29 # 76 - 26");
  BOOST_CHECK_EQUAL(in_force->snapshot_address, "CL 45 SUR # 12 - 34");
  BOOST_CHECK(in_force->address_source == selection::AddressSource::field);
  BOOST_CHECK_EQUAL(in_force->address_recorded_by, "luis");
  // A re-import does not erase it; the letter already printed keeps its address.
  selection::import_file(*f.db, selection::ImportKind::accounts,
                         f.tmp.write("again.csv", "account_id,holder_name,use_type,address,neighborhood,city,zone,billing_type,balance,days_past_due\n" +
                                                      account + ",José Peña 0,residential,CL 45 SUR # 12 - 34,Kennedy,Bogotá D.C.,Z1,direct,900000,90\n"));
  BOOST_CHECK_EQUAL(selection::account_in_force(*f.db, account)->address, "KR 29 # 76 - 26");
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT address FROM letters WHERE letter_id = ?", {f.ids[0]}).value_or(""),
                    "CL 45 SUR # 12 - 34");
}

// The check before mailing lands on the zone's field list, with what is wrong.
BOOST_AUTO_TEST_CASE(an_incomplete_address_gets_a_field_check_before_a_letter) {
  LettersFixture f(1);
  selection::import_file(*f.db, selection::ImportKind::accounts,
                         f.tmp.write("bad.csv", "account_id,holder_name,use_type,address,neighborhood,city,zone,billing_type,balance,days_past_due\n"
                                                "B1,Luz Pérez,residential,KR 7 #,Chapinero,Bogotá D.C.,Z1,direct,900000,90\n"));
  selection::SelectOptions o;
  o.cutoff = k_next_cutoff;
  o.history = &selection_history();
  const auto r = selection::create_batch(*f.db, o);
  BOOST_CHECK_EQUAL(r.address_checks_opened, 1);
  const auto list = field_list(*f.db, "Z1");
  BOOST_REQUIRE_EQUAL(list.size(), 1u);
  BOOST_CHECK_EQUAL(list[0].account_id, "B1");
  BOOST_CHECK_EQUAL(cause_label(list[0]), "Dirección incompleta (antes del envío)");
  BOOST_CHECK(list[0].observation.find("Dirección incompleta") != std::string::npos);
  // Field staff find it right as written: it is no longer left out for it.
  record_field_outcome(*f.db, list[0].id, FieldOutcome::address_ok, "", "luis");
  BOOST_CHECK_EQUAL(reasons_next_selection(f, "B1"), "selected");
}

BOOST_AUTO_TEST_CASE(billing_s_update_is_in_force_with_its_source) {
  LettersFixture f(2);
  register_cause(f, 0, ReturnCause::deficient_address);
  const auto account = account_of(f, 0);
  record_field_outcome(*f.db, open_case_of(f, "field_check"), FieldOutcome::address_wrong, "", "luis");
  record_billing_decision(*f.db, open_case_of(f, "address_update"), BillingDecision::done, "CL 100 # 5 - 6", "marta");
  const auto a = selection::account_in_force(*f.db, account);
  BOOST_REQUIRE(a);
  BOOST_CHECK_EQUAL(a->address, "CL 100 # 5 - 6");
  BOOST_CHECK(a->address_source == selection::AddressSource::billing);
  BOOST_CHECK(selection::account_in_force(*f.db, account_of(f, 1))->address_source == selection::AddressSource::snapshot);
}

BOOST_AUTO_TEST_CASE(a_wrong_address_goes_to_billing_and_back) {
  LettersFixture f(2);
  register_cause(f, 0, ReturnCause::deficient_address);
  const auto account = account_of(f, 0);
  record_field_outcome(*f.db, open_case_of(f, "field_check"), FieldOutcome::address_wrong, "", "luis");
  BOOST_CHECK_EQUAL(reasons_next_selection(f, account), "pending_address_check;pending_billing_check");
  const auto update = open_case_of(f, "address_update");
  BOOST_CHECK_THROW(record_billing_decision(*f.db, update, BillingDecision::done, "", "marta"), InputError);
  record_billing_decision(*f.db, update, BillingDecision::done, "CL 100 # 5 - 6", "marta");
  BOOST_CHECK_EQUAL(reasons_next_selection(f, account), "selected");
  BOOST_CHECK_THROW(record_billing_decision(*f.db, update, BillingDecision::done, "x", "marta"), InputError);  // closed
}

BOOST_AUTO_TEST_CASE(confirmed_clean_ups_leave_the_account_out_even_after_a_reimport) {
  LettersFixture f(2);
  register_cause(f, 0, ReturnCause::demolished);
  const auto account = account_of(f, 0);
  BOOST_CHECK_EQUAL(reasons_next_selection(f, account), "pending_billing_check");
  const auto cleanup = open_case_of(f, "cleanup");
  BOOST_CHECK_THROW(record_billing_decision(*f.db, cleanup, BillingDecision::rejected, "", "marta"), InputError);
  record_billing_decision(*f.db, cleanup, BillingDecision::confirmed, "", "marta");
  BOOST_CHECK_EQUAL(reasons_next_selection(f, account), "sanitation");
  selection::import_file(*f.db, selection::ImportKind::accounts, f.tmp.path("a.csv"));  // the same export again
  BOOST_CHECK_EQUAL(reasons_next_selection(f, account), "sanitation");
}

BOOST_AUTO_TEST_CASE(field_findings_of_demolition_open_a_clean_up_case) {
  LettersFixture f(1);
  register_cause(f, 0, ReturnCause::nonexistent_address);
  record_field_outcome(*f.db, open_case_of(f, "field_check"), FieldOutcome::vacant_lot, "", "luis");
  BOOST_CHECK_EQUAL(count(f, "kind = 'cleanup' AND status = 'open' AND cause = 'vacant_lot'"), "1");
  BOOST_CHECK_THROW(record_field_outcome(*f.db, open_case_of(f, "cleanup"), FieldOutcome::address_ok, "", "luis"), InputError);
}

BOOST_AUTO_TEST_CASE(field_lists_are_in_walking_order_and_print_as_a_route_sheet) {
  const auto c = [](std::string neighborhood, std::string address) {
    Case x;
    x.neighborhood = std::move(neighborhood);
    x.address = std::move(address);
    return x;
  };
  std::vector<Case> cases = {c("Kennedy", "CL 45 SUR # 12 - 34"), c("Kennedy", "CL 9 # 3 - 1"),
                             c("Bosa", "KR 80 # 1 - 2"), c("Kennedy", "CL 45 SUR # 8 - 90"), c("Kennedy", "CL 45 SUR # 12 - 5")};
  std::sort(cases.begin(), cases.end(), walks_before);
  std::vector<std::string> order;
  for (const auto& x : cases) order.push_back(x.address);
  const std::vector<std::string> expected = {"KR 80 # 1 - 2", "CL 9 # 3 - 1", "CL 45 SUR # 8 - 90", "CL 45 SUR # 12 - 5",
                                             "CL 45 SUR # 12 - 34"};
  BOOST_CHECK_EQUAL_COLLECTIONS(order.begin(), order.end(), expected.begin(), expected.end());

  LettersFixture f(3);
  for (std::size_t i = 0; i < 3; ++i) register_cause(f, i, ReturnCause::nonexistent_address);
  const auto list = field_list(*f.db, "Z1");
  BOOST_CHECK_EQUAL(list.size(), 3u);
  BOOST_CHECK(field_list(*f.db, "Z9").empty());
  const std::string pdf = f.tmp.path("ruta.pdf");
  write_route_sheet(pdf, "Z1", list);
  BOOST_REQUIRE_EQUAL(std::system(("pdftotext -layout '" + pdf + "' '" + f.tmp.path("ruta.txt") + "'").c_str()), 0);
  const std::string text = TempDir::read(f.tmp.path("ruta.txt"));
  for (const char* expected_text : {"Verificación de direcciones en terreno — zona Z1", "José Peña 0", "CL 45 SUR # 12 - 34",
                                    "Dirección inexistente", "Nueva dirección"}) {
    BOOST_CHECK_MESSAGE(text.find(expected_text) != std::string::npos, expected_text);
  }
}

// Issue 14: "Carrera", "CL" and "Cra." interleaved when the raw text was
// sorted; the route sheet cut long addresses and showed no observation.
BOOST_AUTO_TEST_CASE(walking_order_reads_the_address_whatever_its_spelling) {
  const auto c = [](std::string address) {
    Case x;
    x.neighborhood = "Kennedy";
    x.address = std::move(address);
    return x;
  };
  std::vector<Case> cases = {c("Carrera 10 # 5-20"), c("Calle 10 # 2-2"), c("Cra. 7 # 1-1"), c("CL 9 # 3 - 1"),
                             c("KR 7 # 3 - 3"), c("Cll 10 # 12-03"), c("SIN DIRECCION")};
  std::sort(cases.begin(), cases.end(), walks_before);
  std::vector<std::string> order;
  for (const auto& x : cases) order.push_back(x.address);
  const std::vector<std::string> expected = {"CL 9 # 3 - 1", "Calle 10 # 2-2", "Cll 10 # 12-03", "Cra. 7 # 1-1",
                                             "KR 7 # 3 - 3", "Carrera 10 # 5-20", "SIN DIRECCION"};
  BOOST_CHECK_EQUAL_COLLECTIONS(order.begin(), order.end(), expected.begin(), expected.end());
}

BOOST_AUTO_TEST_CASE(the_route_sheet_wraps_long_addresses_and_shows_the_observation) {
  LettersFixture f(1);
  register_return(*f.db, {f.ids[0], ReturnCause::deficient_address, "Falta torre y apartamento, portería no recibe",
                          *Date::parse_iso("2026-12-01"), "ana", "hand", std::nullopt, std::nullopt});
  const auto account = account_of(f, 0);
  // Billing's address in force since the letter: the sheet shows it, whole.
  selection::record_address(*f.db, account, "AK 34A BIS # 104 - 42 TO 2 AP 901 CONJ RESIDENCIAL LOS ALMENDROS DEL NORTE",
                            selection::AddressSource::billing, "marta");
  const auto list = field_list(*f.db, "Z1");
  BOOST_REQUIRE_EQUAL(list.size(), 1u);
  BOOST_CHECK_EQUAL(list[0].observation, "Falta torre y apartamento, portería no recibe");
  const std::string pdf = f.tmp.path("ruta.pdf");
  write_route_sheet(pdf, "Z1", list);
  BOOST_REQUIRE_EQUAL(std::system(("pdftotext '" + pdf + "' '" + f.tmp.path("ruta.txt") + "'").c_str()), 0);
  std::string text = TempDir::read(f.tmp.path("ruta.txt"));
  for (auto& ch : text) ch = ch == '\n' ? ' ' : ch;
  for (const char* expected_text : {"AP 901", "ALMENDROS DEL NORTE", "Dirección deficiente", "Falta torre y", "portería no", "recibe"}) {
    BOOST_CHECK_MESSAGE(text.find(expected_text) != std::string::npos, expected_text);
  }
  BOOST_CHECK(text.find("...") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(case_reopen_tests)

// Reopening takes back what the closing recorded: a corrected address goes
// back to the snapshot's; "Demolido" tapped by mistake withdraws the
// clean-up it opened at billing; a confirmed demolition no longer keeps
// the account out. Something recorded over the account since stays.
BOOST_AUTO_TEST_CASE(reopening_takes_back_what_the_closing_recorded) {
  LettersFixture f(3);
  register_cause(f, 0, ReturnCause::nonexistent_address);
  const auto account = [&](int i) { return *selection::account_in_force(*f.db, account_of(f, static_cast<std::size_t>(i))); };
  const std::string snapshot_address = account(0).address;
  record_field_outcome(*f.db, 1, FieldOutcome::address_corrected, "KR 1 # 2 - 3", "pedro");
  BOOST_CHECK_EQUAL(account(0).address, "KR 1 # 2 - 3");
  auto reopened = reopen_case(*f.db, 1, "no era esa casa", "ana");
  BOOST_CHECK(reopened.facts_restored);
  BOOST_CHECK_EQUAL(account(0).address, snapshot_address);
  BOOST_CHECK(account(0).address_source == selection::AddressSource::snapshot);

  // Demolished by mistake: the clean-up it opened is withdrawn.
  record_field_outcome(*f.db, 1, FieldOutcome::demolished, "", "pedro");
  const auto cleanup = std::stoll(sql::scalar(*f.db, "SELECT MAX(id) FROM cases").value_or("0"));
  reopened = reopen_case(*f.db, 1, "el predio está en pie", "ana");
  BOOST_CHECK_EQUAL(reopened.follow_up_withdrawn.value_or(0), cleanup);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT status || ' ' || outcome FROM cases WHERE id = ?", {std::to_string(cleanup)}).value_or(""),
                    "closed withdrawn");

  // A confirmed clean-up: the sanitation flag goes when it is reopened...
  register_cause(f, 1, ReturnCause::demolished);
  const auto second = std::stoll(sql::scalar(*f.db, "SELECT id FROM cases WHERE return_id = 2").value_or("0"));
  record_billing_decision(*f.db, second, BillingDecision::confirmed, "", "fabio");
  BOOST_CHECK(account(1).sanitation == Sanitation::demolished);
  reopened = reopen_case(*f.db, second, "confirmado por error", "ana");
  BOOST_CHECK(reopened.facts_restored);
  BOOST_CHECK(account(1).sanitation == Sanitation::none);
  // ...but not when something was recorded over the account since.
  record_billing_decision(*f.db, second, BillingDecision::confirmed, "", "fabio");
  selection::record_address(*f.db, account_of(f, 1), "CL 80 # 1 - 1", selection::AddressSource::billing, "fabio");
  reopened = reopen_case(*f.db, second, "confirmado por error", "ana");
  BOOST_CHECK(!reopened.facts_restored);
  BOOST_CHECK(reopened.facts_kept);
  BOOST_CHECK(account(1).sanitation == Sanitation::demolished);
  BOOST_CHECK_EQUAL(account(1).address, "CL 80 # 1 - 1");
}

// A finding recorded by mistake: the closed field check is reopened with its
// reason and is back on its zone's list; an open case, a case closed by a
// voided return and a reopening without reason are refused.
BOOST_AUTO_TEST_CASE(a_closed_case_is_reopened_onto_its_list) {
  LettersFixture f(2);
  register_cause(f, 0, ReturnCause::nonexistent_address);
  const auto case_id = std::stoll(sql::scalar(*f.db, "SELECT id FROM cases WHERE return_id = 1").value_or("0"));
  const auto check = [&](ErrorCode code, const std::string& reason) {
    try {
      reopen_case(*f.db, case_id, reason, "ana");
      BOOST_FAIL("reopen was not refused");
    } catch (const InputError& e) {
      BOOST_CHECK(e.code() == code);
    }
  };
  check(ErrorCode::case_not_closed, "motivo");
  record_field_outcome(*f.db, case_id, FieldOutcome::address_wrong, "", "pedro");
  BOOST_CHECK(field_list(*f.db, "Z1").empty());
  check(ErrorCode::reopen_needs_reason, " ");
  const auto reopened = reopen_case(*f.db, case_id, "el predio era otro: visita de nuevo", "ana");
  BOOST_CHECK_EQUAL(reopened.outcome, "address_wrong");
  BOOST_CHECK_EQUAL(reopened.kind, "field_check");
  BOOST_REQUIRE_EQUAL(field_list(*f.db, "Z1").size(), 1u);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT status || ' ' || COALESCE(outcome, '-') || ' ' || reopened FROM cases WHERE id = ?",
                                {std::to_string(case_id)}).value_or(""),
                    "open - 1");
  BOOST_CHECK_THROW(reopen_case(*f.db, 999, "x", "ana"), InputError);
  // Closed because its return was voided: not reopened.
  register_cause(f, 1, ReturnCause::deficient_address);
  void_return(*f.db, 2, "registrada por error", "ana");
  const auto voided_case = std::stoll(sql::scalar(*f.db, "SELECT id FROM cases WHERE return_id = 2").value_or("0"));
  try {
    reopen_case(*f.db, voided_case, "x", "ana");
    BOOST_FAIL("a voided return's case was reopened");
  } catch (const InputError& e) {
    BOOST_CHECK(e.code() == ErrorCode::case_of_voided_return);
  }
}

BOOST_AUTO_TEST_SUITE_END()

