#include "cartero/core/values.hpp"

#include <boost/test/unit_test.hpp>

using namespace cartero;

BOOST_AUTO_TEST_SUITE(values_tests)

// The amounts of the issue, as the office's exports write them.
BOOST_AUTO_TEST_CASE(amounts_as_people_write_them_rounded_half_up) {
  const struct {
    const char* text;
    long long pesos;
    bool rounded;
  } cases[] = {
      {"$ 1.234.567", 1234567, false}, {"1.234.567", 1234567, false},    {"1234567", 1234567, false},
      {"1.234.567,00", 1234567, false}, {"$1.234.567,50", 1234568, true}, {"1234567.00", 1234567, false},
      {"109.500,50", 109501, true},     {"109.500,49", 109500, true},     {"1234567.5", 1234568, true},
      {"-1.500,50", -1501, true},       {"1,234,567.25", 1234567, true},  {"12,5", 13, true},
      {"980000.4900", 980000, true},    {"1.234", 1234, false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      const auto a = parse_amount(c.text);
      BOOST_REQUIRE(a.has_value());
      BOOST_CHECK_EQUAL(a->pesos, c.pesos);
      BOOST_CHECK_EQUAL(a->rounded, c.rounded);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_profile_decimal_mark_decides_a_lone_three_digit_group) {
  BOOST_CHECK_EQUAL(parse_amount("1.234", DecimalMark::automatic)->pesos, 1234);
  BOOST_CHECK_EQUAL(parse_amount("1.234", DecimalMark::point)->pesos, 1);
  BOOST_CHECK_EQUAL(parse_amount("1,234", DecimalMark::comma)->pesos, 1);
  BOOST_CHECK_EQUAL(parse_amount("1,234", DecimalMark::point)->pesos, 1234);
}

BOOST_AUTO_TEST_CASE(amounts_that_are_not_amounts) {
  for (const char* text : {"", "$", "12a", "1.23.456", "1.234,567.5", "abc", "1..000", ",50", "1.234.56"}) {
    BOOST_TEST_CONTEXT(text) { BOOST_CHECK(!parse_amount(text).has_value()); }
  }
}

BOOST_AUTO_TEST_CASE(dates_iso_dd_mm_yyyy_d_m_yyyy_and_excel_serials) {
  const auto d = [](const char* text, DayOrder o = DayOrder::day_first) {
    const auto v = parse_date_text(text, o);
    return v ? v->iso() : std::string("none");
  };
  BOOST_CHECK_EQUAL(d("2026-02-15"), "2026-02-15");
  BOOST_CHECK_EQUAL(d("2026-02-15 10:30:00"), "2026-02-15");
  BOOST_CHECK_EQUAL(d("15/02/2026"), "2026-02-15");
  BOOST_CHECK_EQUAL(d("5/2/2026"), "2026-02-05");
  BOOST_CHECK_EQUAL(d("5/2/2026", DayOrder::month_first), "2026-05-02");
  BOOST_CHECK_EQUAL(d("15-02-2026"), "2026-02-15");
  BOOST_CHECK_EQUAL(d("15/02/2026 08:00"), "2026-02-15");
  // Excel: 46068 is 2026-02-15 (1900 system).
  BOOST_CHECK_EQUAL(d("46068"), "2026-02-15");
  BOOST_CHECK_EQUAL(date_from_excel_serial(46068.75)->iso(), "2026-02-15");
  BOOST_CHECK_EQUAL(date_from_excel_serial(1)->iso(), "1900-01-01");
  BOOST_CHECK_EQUAL(date_from_excel_serial(61)->iso(), "1900-03-01");
  BOOST_CHECK_EQUAL(date_from_excel_serial(44606, true)->iso(), "2026-02-15");
  for (const char* bad : {"2026-02-30", "30/02/2026", "15/13/2026", "abc", "", "15/02/26", "123"}) {
    BOOST_TEST_CONTEXT(bad) { BOOST_CHECK_EQUAL(d(bad), "none"); }
  }
}

BOOST_AUTO_TEST_CASE(a_day_or_month_over_twelve_decides_the_order) {
  BOOST_CHECK(day_order_of("15/02/2026") == DayOrder::day_first);
  BOOST_CHECK(day_order_of("02/15/2026") == DayOrder::month_first);
  BOOST_CHECK(day_order_of("03/02/2026") == DayOrder::unknown);
  BOOST_CHECK(day_order_of("2026-02-15") == DayOrder::unknown);
  BOOST_CHECK(parse_day_order("dd/mm/aaaa") == DayOrder::day_first);
  BOOST_CHECK(parse_day_order("MM/DD/YYYY") == DayOrder::month_first);
  BOOST_CHECK(!parse_day_order("yyyy"));
}

BOOST_AUTO_TEST_SUITE_END()
