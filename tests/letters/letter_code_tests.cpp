#include "cartero/letters/letter_code.hpp"

#include <boost/test/unit_test.hpp>

using namespace cartero::letters;

BOOST_AUTO_TEST_SUITE(letter_code_tests)

BOOST_AUTO_TEST_CASE(ids_are_year_and_consecutive_number) {
  BOOST_CHECK_EQUAL(make_letter_id(2026, 123), "2026-000123");
  BOOST_CHECK_EQUAL(make_letter_id(2027, 1234567), "2027-1234567");
  const auto payload = make_payload("2026-000123");
  BOOST_CHECK_EQUAL(payload.substr(0, 12), "2026-000123-");
  BOOST_CHECK(letter_id_from_payload(payload) == std::string("2026-000123"));
  BOOST_CHECK(letter_id_from_payload(" " + payload + "\n") == std::string("2026-000123"));
}

BOOST_AUTO_TEST_CASE(every_single_wrong_digit_and_adjacent_swap_is_caught) {
  int checked = 0;
  for (long long n : {1LL, 123LL, 999999LL, 40721LL, 500000LL, 87654LL}) {
    const std::string id = make_letter_id(2026, n);
    const std::string payload = make_payload(id);
    for (std::size_t i = 0; i < id.size(); ++i) {
      if (id[i] == '-') continue;
      for (char d = '0'; d <= '9'; ++d) {
        if (d == id[i]) continue;
        std::string bad = payload;
        bad[i] = d;
        BOOST_CHECK_MESSAGE(!letter_id_from_payload(bad), bad);
        ++checked;
      }
      if (i + 1 < id.size() && id[i + 1] != '-' && id[i] != id[i + 1]) {
        std::string swapped = payload;
        std::swap(swapped[i], swapped[i + 1]);
        BOOST_CHECK_MESSAGE(!letter_id_from_payload(swapped), swapped);
        ++checked;
      }
    }
  }
  BOOST_CHECK_GT(checked, 500);
}

BOOST_AUTO_TEST_CASE(foreign_codes_are_not_ours) {
  for (const char* text : {"", "2026-000123", "RN123456789CO", "https://example.com", "7701234567890",
                           "2026-000123-", "2026/000123-4", "ABCD-000123-4", "2026-00012A-4"}) {
    BOOST_CHECK_MESSAGE(!letter_id_from_payload(text), text);
  }
}

BOOST_AUTO_TEST_SUITE_END()
