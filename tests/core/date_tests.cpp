#include "cartero/core/date.hpp"

#include <boost/test/unit_test.hpp>

using cartero::Date;

BOOST_AUTO_TEST_SUITE(date_tests)

BOOST_AUTO_TEST_CASE(parses_strict_iso_dates) {
  const auto d = Date::parse_iso("2026-11-24");
  BOOST_REQUIRE(d);
  BOOST_CHECK_EQUAL(d->year(), 2026);
  BOOST_CHECK_EQUAL(d->month(), 11);
  BOOST_CHECK_EQUAL(d->day(), 24);
  BOOST_CHECK_EQUAL(d->iso(), "2026-11-24");
  BOOST_CHECK(Date::parse_iso(" 2024-02-29 "));
}

BOOST_AUTO_TEST_CASE(refuses_impossible_or_other_formats) {
  for (const char* text : {"", "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "24/11/2026",
                           "2026-1-5", "2026/11/24", "20261124", "abcd-ef-gh"}) {
    BOOST_TEST_CONTEXT(text) { BOOST_CHECK(!Date::parse_iso(text)); }
  }
}

BOOST_AUTO_TEST_CASE(day_arithmetic_crosses_months_and_leap_years) {
  const auto d = *Date::parse_iso("2024-03-01");
  BOOST_CHECK_EQUAL(d.minus_days(1).iso(), "2024-02-29");
  BOOST_CHECK_EQUAL(d.minus_days(60).iso(), "2024-01-01");
  BOOST_CHECK_EQUAL(Date::parse_iso("2026-12-31")->plus_days(1).iso(), "2027-01-01");
  BOOST_CHECK(*Date::parse_iso("2026-01-02") > *Date::parse_iso("2026-01-01"));
}

BOOST_AUTO_TEST_CASE(spanish_long_form_for_letters) {
  BOOST_CHECK_EQUAL(Date::parse_iso("2026-11-24")->spanish_long(), "24 de noviembre de 2026");
  BOOST_CHECK_EQUAL(Date::parse_iso("2027-01-05")->spanish_long(), "5 de enero de 2027");
}

BOOST_AUTO_TEST_SUITE_END()
