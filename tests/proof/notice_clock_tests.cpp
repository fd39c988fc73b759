// The Ley 1266 clock on cases worked out by hand from the law's text.
#include "cartero/proof/notice_clock.hpp"

#include <boost/test/unit_test.hpp>

#include "cartero/core/error.hpp"

using cartero::Date;
using cartero::proof::BureauSettings;
using cartero::proof::notice_clock;

namespace {
Date d(const char* iso) { return *Date::parse_iso(iso); }
}  // namespace

BOOST_AUTO_TEST_SUITE(notice_clock_tests)

BOOST_AUTO_TEST_CASE(a_debt_over_the_small_limit_runs_20_days_from_its_one_notice) {
  const auto c = notice_clock({d("2026-11-02")}, 500'000, BureauSettings{});
  BOOST_CHECK(!c.small_debt);
  BOOST_CHECK_EQUAL(c.notices_needed, 1);
  BOOST_REQUIRE(c.reportable_from);
  BOOST_CHECK_EQUAL(c.reportable_from->iso(), "2026-11-22");
  // Across the year end.
  BOOST_CHECK_EQUAL(notice_clock({d("2026-12-20")}, 500'000, {}).reportable_from->iso(), "2027-01-09");
}

BOOST_AUTO_TEST_CASE(a_small_debt_needs_two_notices_on_different_days) {
  const BureauSettings s;
  auto c = notice_clock({d("2026-11-02")}, 200'000, s);
  BOOST_CHECK(c.small_debt);
  BOOST_CHECK_EQUAL(c.notices_needed, 2);
  BOOST_CHECK(!c.reportable_from);
  // Two letters the same day are one notice.
  c = notice_clock({d("2026-11-02"), d("2026-11-02")}, 200'000, s);
  BOOST_CHECK_EQUAL(c.notices_counted, 1);
  BOOST_CHECK(!c.reportable_from);
  // Counted from the second, whatever order they come in.
  c = notice_clock({d("2026-11-09"), d("2026-11-02"), d("2026-12-01")}, 200'000, s);
  BOOST_REQUIRE(c.reportable_from);
  BOOST_CHECK_EQUAL(c.counted_from->iso(), "2026-11-09");
  BOOST_CHECK_EQUAL(c.reportable_from->iso(), "2026-11-29");
}

BOOST_AUTO_TEST_CASE(the_small_limit_is_15_percent_of_the_first_notices_year_minimum_wage) {
  // 2026: 1.750.905 x 15 % = 262.635,75 -> 262.635 pesos.
  BOOST_CHECK_EQUAL(cartero::proof::small_debt_limit(2026, {}), 262'635);
  BOOST_CHECK(notice_clock({d("2026-03-01")}, 262'635, {}).small_debt);
  BOOST_CHECK(!notice_clock({d("2026-03-01")}, 262'636, {}).small_debt);
  // 2025: 1.423.500 x 15 % = 213.525.
  BOOST_CHECK(!notice_clock({d("2025-12-30"), d("2026-01-05")}, 250'000, {}).small_debt);
}

BOOST_AUTO_TEST_CASE(no_notice_no_clock_and_a_missing_wage_is_named) {
  const auto c = notice_clock({}, 100, {});
  BOOST_CHECK_EQUAL(c.notices_counted, 0);
  BOOST_CHECK(!c.reportable_from);
  BOOST_CHECK_THROW(notice_clock({d("2031-01-10")}, 100, {}), cartero::InputError);
  BureauSettings s;
  s.notice_days = 30;
  BOOST_CHECK_EQUAL(notice_clock({d("2026-11-02")}, 900'000, s).reportable_from->iso(), "2026-12-02");
}

BOOST_AUTO_TEST_SUITE_END()
