#include "cartero/returns/selection_history.hpp"
#include "cartero/returns/cases.hpp"

#include <boost/test/unit_test.hpp>

#include "cartero/core/error.hpp"
#include "cartero/returns/register.hpp"
#include "cartero/returns/route_sheet.hpp"
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

BOOST_AUTO_TEST_SUITE_END()
