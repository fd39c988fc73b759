#include "cartero/returns/reports.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "cartero/core/error.hpp"
#include "cartero/returns/cases.hpp"
#include "cartero/returns/courier_import.hpp"
#include "cartero/returns/register.hpp"
#include "cartero/selection/batch.hpp"
#include "../support/letters_fixture.hpp"

using namespace cartero;
using namespace cartero::returns;
using cartero::testing::LettersFixture;

BOOST_AUTO_TEST_SUITE(reports_tests)

BOOST_AUTO_TEST_CASE(batches_count_delivered_returned_and_pending_letters) {
  LettersFixture f(5);
  import_returns(*f.db, f.tmp.write("r.csv", "letter_id,cause,returned_on\n" + f.ids[0] + ",demolido,2026-12-01\n" + f.ids[1] +
                                                 ",rehusado,2026-12-01\n"),
                 CourierCauses::defaults(), "ana");
  import_deliveries(*f.db, f.tmp.write("d.csv", "letter_id,delivered_on\n" + f.ids[2] + ",2026-11-30\n"), "ana");
  ReportSettings s;
  s.notified_causes = {ReturnCause::refused};
  const auto reports = batch_reports(*f.db, s);
  BOOST_REQUIRE_EQUAL(reports.size(), 1u);
  const auto& r = reports[0];
  BOOST_CHECK_EQUAL(r.letters, 5);
  BOOST_CHECK_EQUAL(r.delivered, 1);
  BOOST_CHECK_EQUAL(r.returned, 2);
  BOOST_CHECK_EQUAL(r.pending, 2);
  BOOST_CHECK_EQUAL(r.notified, 1);
  const auto json = to_json(reports);
  BOOST_CHECK(json.find(R"("returns_by_cause":{"nonexistent_address":0,"deficient_address":0,"demolished":1)") != std::string::npos);
  BOOST_CHECK(json.find(R"("returns_by_zone":{"Z1":2})") != std::string::npos);
  BOOST_CHECK_THROW(batch_reports(*f.db, s, 42), InputError);
  const auto ages = case_ages(*f.db, s, *Date::parse_iso("2027-02-01"));
  BOOST_CHECK(to_json(ages).find(R"({"kind":"cleanup","open":1,"overdue":1)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(open_cases_are_counted_by_age_in_days_0_7_8_15_16_30_and_over_30) {
  LettersFixture f(1);
  import_returns(*f.db, f.tmp.write("r.csv", "letter_id,cause,returned_on\n" + f.ids[0] + ",demolido,2026-12-01\n"),
                 CourierCauses::defaults(), "ana");
  const auto opened = *Date::parse_iso(sql::scalar(*f.db, "SELECT opened_at FROM cases", {})->substr(0, 10));
  const auto bucket_at = [&](int days) {
    for (const auto& a : case_ages(*f.db, ReportSettings{}, opened.plus_days(days))) {
      if (a.kind == "cleanup") return std::vector<std::int64_t>(std::begin(a.by_age), std::end(a.by_age));
    }
    return std::vector<std::int64_t>{};
  };
  BOOST_TEST((bucket_at(0) == std::vector<std::int64_t>{1, 0, 0, 0}));
  BOOST_TEST((bucket_at(7) == std::vector<std::int64_t>{1, 0, 0, 0}));
  BOOST_TEST((bucket_at(8) == std::vector<std::int64_t>{0, 1, 0, 0}));
  BOOST_TEST((bucket_at(16) == std::vector<std::int64_t>{0, 0, 1, 0}));
  BOOST_TEST((bucket_at(30) == std::vector<std::int64_t>{0, 0, 1, 0}));
  BOOST_TEST((bucket_at(31) == std::vector<std::int64_t>{0, 0, 0, 1}));
  BOOST_CHECK(to_json(case_ages(*f.db, ReportSettings{}, opened.plus_days(9))).find(R"("by_age":[0,1,0,0])") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_accounts_history_shows_its_letter_return_case_and_exclusions) {
  LettersFixture f(2);
  import_returns(*f.db, f.tmp.write("r.csv", "letter_id,cause,returned_on\n" + f.ids[0] + ",lote,2026-12-01\n"),
                 CourierCauses::defaults(), "ana");
  const auto account = *sql::scalar(*f.db, "SELECT account_id FROM letters WHERE letter_id = ?", {f.ids[0]});
  const auto json = account_history_json(*f.db, account);
  for (const char* expected : {R"("type":"letter")", R"("type":"returned")", R"("cause":"vacant_lot")", R"("type":"case")",
                               R"("kind":"cleanup")"}) {
    BOOST_CHECK_MESSAGE(json.find(expected) != std::string::npos, expected);
  }
  BOOST_CHECK_THROW(account_history_json(*f.db, "NOPE"), InputError);
}

BOOST_AUTO_TEST_CASE(the_state_changes_with_every_write_the_reports_read) {
  LettersFixture f(4);
  std::vector<std::string> seen = {returns_state(*f.db)};
  const auto changed = [&](const char* what) {
    const auto now = returns_state(*f.db);
    BOOST_CHECK_MESSAGE(std::find(seen.begin(), seen.end(), now) == seen.end(), what);
    seen.push_back(now);
  };
  BOOST_CHECK_EQUAL(returns_state(*f.db), seen.front());  // reading changes nothing
  import_returns(*f.db, f.tmp.write("r.csv", "letter_id,cause,returned_on\n" + f.ids[0] + ",dir inexistente,2026-12-01\n"),
                 CourierCauses::defaults(), "ana");
  changed("a return registered (and its field check opened)");
  import_returns(*f.db, f.tmp.write("r2.csv", "letter_id,cause,returned_on\n" + f.ids[1] + ",rehusado,2026-12-01\n"),
                 CourierCauses::defaults(), "ana");
  changed("a return that opens no case");
  correct_return(*f.db, 2, ReturnCause::closed, std::nullopt, "the courier wrote the wrong box", "ana");
  changed("a return's cause corrected");
  import_deliveries(*f.db, f.tmp.write("d.csv", "letter_id,delivered_on\n" + f.ids[2] + ",2026-11-30\n"), "ana");
  changed("a delivery");
  record_field_outcome(*f.db, 1, FieldOutcome::address_ok, "", "luis");
  changed("a case closed");
  selection::SelectOptions o;
  o.cutoff = *Date::parse_iso("2027-03-01");
  selection::create_batch(*f.db, o);
  changed("a new batch");
}

BOOST_AUTO_TEST_SUITE_END()
