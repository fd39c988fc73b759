// Colombia's holidays against the calendars the government published (decreto
// lists as printed in the press), written here by hand, not computed.
#include "cartero/core/holidays.hpp"

#include <boost/test/unit_test.hpp>
#include <set>

#include "cartero/core/error.hpp"

using cartero::Date;

namespace {

std::set<std::string> dates_of(int year) {
  std::set<std::string> out;
  for (const auto& h : cartero::colombian_holidays(year)) out.insert(h.date.iso());
  return out;
}

Date d(const char* iso) { return *Date::parse_iso(iso); }

}  // namespace

BOOST_AUTO_TEST_SUITE(holidays_tests)

BOOST_AUTO_TEST_CASE(published_calendars_2024_to_2026) {
  const std::set<std::string> y2024 = {"2024-01-01", "2024-01-08", "2024-03-25", "2024-03-28", "2024-03-29",
                                       "2024-05-01", "2024-05-13", "2024-06-03", "2024-06-10", "2024-07-01",
                                       "2024-07-20", "2024-08-07", "2024-08-19", "2024-10-14", "2024-11-04",
                                       "2024-11-11", "2024-12-08", "2024-12-25"};
  // 2025: San Pedro (29 June, a Sunday) and Sagrado Corazón share Monday 30 June.
  const std::set<std::string> y2025 = {"2025-01-01", "2025-01-06", "2025-03-24", "2025-04-17", "2025-04-18",
                                       "2025-05-01", "2025-06-02", "2025-06-23", "2025-06-30", "2025-07-20",
                                       "2025-08-07", "2025-08-18", "2025-10-13", "2025-11-03", "2025-11-17",
                                       "2025-12-08", "2025-12-25"};
  const std::set<std::string> y2026 = {"2026-01-01", "2026-01-12", "2026-03-23", "2026-04-02", "2026-04-03",
                                       "2026-05-01", "2026-05-18", "2026-06-08", "2026-06-15", "2026-06-29",
                                       "2026-07-20", "2026-08-07", "2026-08-17", "2026-10-12", "2026-11-02",
                                       "2026-11-16", "2026-12-08", "2026-12-25"};
  BOOST_CHECK(dates_of(2024) == y2024);
  BOOST_CHECK(dates_of(2025) == y2025);
  BOOST_CHECK(dates_of(2026) == y2026);
  BOOST_CHECK_EQUAL(cartero::colombian_holidays(2025).size(), 18u);  // 18 holidays on 17 days
}

BOOST_AUTO_TEST_CASE(easter_on_known_years) {
  const std::pair<int, const char*> known[] = {{1943, "1943-04-25"}, {2000, "2000-04-23"}, {2008, "2008-03-23"},
                                               {2011, "2011-04-24"}, {2019, "2019-04-21"}, {2024, "2024-03-31"},
                                               {2025, "2025-04-20"}, {2026, "2026-04-05"}, {2038, "2038-04-25"},
                                               {2285, "2285-03-22"}};
  for (const auto& [year, iso] : known) {
    BOOST_TEST_CONTEXT(year) { BOOST_CHECK_EQUAL(cartero::easter_sunday(year).iso(), iso); }
  }
}

BOOST_AUTO_TEST_CASE(non_contact_days_name_the_holiday_or_sunday) {
  BOOST_CHECK_EQUAL(cartero::non_contact_day_reason(d("2026-12-08")), "Inmaculada Concepción");
  BOOST_CHECK_EQUAL(cartero::non_contact_day_reason(d("2026-12-06")), "domingo");
  BOOST_CHECK_EQUAL(cartero::non_contact_day_reason(d("2026-12-07")), "");
  BOOST_CHECK_EQUAL(cartero::non_contact_day_reason(d("2026-12-05")), "");  // Saturday: allowed
  // Friday 2026-04-03 (Viernes Santo) -> Saturday 4th is a working day.
  BOOST_CHECK_EQUAL(cartero::next_contact_day(d("2026-04-02")).iso(), "2026-04-04");
  // Sunday 2026-11-15, Monday 16th Independencia de Cartagena -> Tuesday.
  BOOST_CHECK_EQUAL(cartero::next_contact_day(d("2026-11-15")).iso(), "2026-11-17");
  // Across the year end: 2026-12-25 Friday -> Saturday 26th.
  BOOST_CHECK_EQUAL(cartero::next_contact_day(d("2026-12-25")).iso(), "2026-12-26");
}

BOOST_AUTO_TEST_CASE(years_outside_the_law_are_refused) {
  BOOST_CHECK_THROW(cartero::colombian_holidays(1500), cartero::InputError);
  BOOST_CHECK_THROW(cartero::colombian_holidays(1983), cartero::InputError);
  BOOST_CHECK_NO_THROW(cartero::colombian_holidays(1984));
  BOOST_CHECK_NO_THROW(cartero::colombian_holidays(9999));
}

BOOST_AUTO_TEST_SUITE_END()
