// The bureau settings an admin saves (`cartero settings set bureau`): the
// notice days, the small-debt share and the minimum wage of a new year
// change the clock; a wrong value is refused naming it.
#include "cartero/proof/notice_clock.hpp"

#include <boost/test/unit_test.hpp>

#include "cartero/core/error.hpp"

using namespace cartero;
using namespace cartero::proof;

namespace {
Date d(const char* iso) { return *Date::parse_iso(iso); }
std::string error_of(const std::string& json) {
  try {
    bureau_settings_from_json(json, "centrales.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

BOOST_AUTO_TEST_SUITE(bureau_settings_tests)

BOOST_AUTO_TEST_CASE(saved_settings_change_the_clock) {
  const auto s = bureau_settings_from_json(
      R"({"bureau_notice_days": 30, "small_debt_percent": 20, "minimum_wage": {"2027": 1900000}})", "centrales.json");
  BOOST_CHECK_EQUAL(s.notice_days, 30);
  BOOST_CHECK_EQUAL(small_debt_limit(2027, s), 380'000);        // 20 % of 1.900.000
  BOOST_CHECK_EQUAL(small_debt_limit(2026, s), 350'181);        // the built-in 2026 wage kept
  const auto c = notice_clock({d("2027-02-01")}, 500'000, s);  // over the limit: one notice
  BOOST_REQUIRE(c.reportable_from);
  BOOST_CHECK_EQUAL(c.reportable_from->iso(), "2027-03-03");   // 30 days later
  // What is saved reads back the same.
  const auto again = bureau_settings_from_json(bureau_settings_to_json(s), "saved");
  BOOST_CHECK_EQUAL(bureau_settings_to_json(again), bureau_settings_to_json(s));
}

BOOST_AUTO_TEST_CASE(a_wrong_setting_is_refused_naming_it) {
  BOOST_CHECK_EQUAL(error_of(R"({"dias": 20})"), "centrales.json: unknown setting \"dias\"");
  BOOST_CHECK_EQUAL(error_of(R"({"small_debt_percent": 150})"),
                    "centrales.json: \"small_debt_percent\" must be a whole number from 0 to 100");
  BOOST_CHECK_EQUAL(error_of(R"({"minimum_wage": {"1500": 100}})"),
                    "centrales.json: \"minimum_wage\": '1500' is not a year (1990-2200)");
  BOOST_CHECK_EQUAL(error_of(R"({"bureau_notice_days": "veinte"})"), "centrales.json: \"bureau_notice_days\" must be a whole number");
}

BOOST_AUTO_TEST_SUITE_END()
