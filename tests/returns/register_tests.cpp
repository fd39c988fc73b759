#include "cartero/returns/register.hpp"

#include <boost/test/unit_test.hpp>
#include <thread>

#include "cartero/core/error.hpp"
#include "../support/letters_fixture.hpp"

using namespace cartero;
using namespace cartero::returns;
using cartero::testing::LettersFixture;

namespace {

NewReturn a_return(const std::string& letter, ReturnCause cause = ReturnCause::moved) {
  return {letter, cause, "", *Date::parse_iso("2026-12-01"), "ana", "hand", std::nullopt, std::nullopt};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(register_tests)

BOOST_AUTO_TEST_CASE(each_letter_is_registered_once_with_consecutive_numbers) {
  LettersFixture f(3);
  const auto first = register_return(*f.db, a_return(f.ids[0]));
  const auto second = register_return(*f.db, a_return(f.ids[1]));
  BOOST_CHECK_EQUAL(first.return_id, 1);
  BOOST_CHECK_EQUAL(second.return_id, 2);
  const auto again = register_return(*f.db, a_return(f.ids[0], ReturnCause::refused));
  BOOST_CHECK(again.duplicate);
  BOOST_CHECK_EQUAL(again.return_id, 1);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT cause FROM returns WHERE return_id = 1").value_or(""), "moved");
}

BOOST_AUTO_TEST_CASE(unknown_and_undispatched_letters_are_refused) {
  LettersFixture f(1, false);
  BOOST_CHECK(letter_state(*f.db, f.ids[0]) == LetterState::not_dispatched);
  BOOST_CHECK(letter_state(*f.db, "2026-999999") == LetterState::unknown);
  BOOST_CHECK_THROW(register_return(*f.db, a_return(f.ids[0])), InputError);
  BOOST_CHECK_THROW(register_return(*f.db, a_return("2026-999999")), InputError);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT COUNT(*) FROM returns").value_or(""), "0");
}

BOOST_AUTO_TEST_CASE(numbers_stay_gapless_and_unique_with_several_writers_at_once) {
  LettersFixture f(40);
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      auto db = Database::open(f.db_path);
      // Every writer registers every letter: each letter once, the rest are duplicates.
      for (int i = 0; i < 40; ++i) register_return(*db, a_return(f.ids[static_cast<std::size_t>((i + t * 10) % 40)]));
    });
  }
  for (auto& w : writers) w.join();
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT COUNT(*) || ' ' || MIN(return_id) || ' ' || MAX(return_id) || ' ' || "
                                       "COUNT(DISTINCT letter_id) FROM returns").value_or(""),
                    "40 1 40 40");
}

BOOST_AUTO_TEST_SUITE_END()
