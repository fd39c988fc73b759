#include "cartero/core/money.hpp"

#include <boost/test/unit_test.hpp>

using cartero::format_pesos;
using cartero::parse_pesos;

BOOST_AUTO_TEST_SUITE(money_tests)

BOOST_AUTO_TEST_CASE(formats_with_colombian_thousands_separator) {
  BOOST_CHECK_EQUAL(format_pesos(0), "$ 0");
  BOOST_CHECK_EQUAL(format_pesos(999), "$ 999");
  BOOST_CHECK_EQUAL(format_pesos(1000), "$ 1.000");
  BOOST_CHECK_EQUAL(format_pesos(1234567), "$ 1.234.567");
  BOOST_CHECK_EQUAL(format_pesos(100000), "$ 100.000");
  BOOST_CHECK_EQUAL(format_pesos(-45000), "-$ 45.000");
}

BOOST_AUTO_TEST_CASE(parses_the_formats_exports_use) {
  const std::pair<const char*, long long> cases[] = {
      {"1234567", 1234567},     {"1.234.567", 1234567}, {"$ 1.234.567", 1234567}, {"$1.234.567", 1234567},
      {"  100000 ", 100000},    {"0", 0},               {"-5000", -5000},         {"$ -5.000", -5000},
      {"1234567,00", 1234567},  {"1234567.00", 1234567}, {"1.234.567,00", 1234567}, {"1,234,567", 1234567},
  };
  for (const auto& [text, value] : cases) {
    BOOST_TEST_CONTEXT(text) {
      BOOST_REQUIRE(parse_pesos(text).has_value());
      BOOST_CHECK_EQUAL(*parse_pesos(text), value);
    }
  }
}

BOOST_AUTO_TEST_CASE(refuses_what_is_not_whole_pesos) {
  for (const char* text : {"", " ", "$", "abc", "12a", "1.23.456", "1.2345", "12,5", "1234567,50", "1e6",
                           "99999999999999999999", "1..000"}) {
    BOOST_TEST_CONTEXT(text) { BOOST_CHECK(!parse_pesos(text).has_value()); }
  }
}

BOOST_AUTO_TEST_CASE(round_trips_formatted_amounts) {
  for (long long v : {0LL, 7LL, 100001LL, 300000LL, 987654321LL}) {
    BOOST_CHECK_EQUAL(*parse_pesos(format_pesos(v)), v);
  }
}

BOOST_AUTO_TEST_SUITE_END()
