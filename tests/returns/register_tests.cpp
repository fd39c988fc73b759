#include "cartero/returns/register.hpp"

#include <boost/test/unit_test.hpp>
#include <thread>

#include "cartero/core/error.hpp"
#include "cartero/letters/letter_code.hpp"
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

BOOST_AUTO_TEST_SUITE(register_correction_tests)

BOOST_AUTO_TEST_CASE(typed_ids_and_barcodes_name_letters) {
  BOOST_CHECK_EQUAL(letter_id_from_typed("2026-000123").value_or(""), "2026-000123");
  BOOST_CHECK_EQUAL(letter_id_from_typed(cartero::letters::make_payload("2026-000123")).value_or(""), "2026-000123");
  BOOST_CHECK(!letter_id_from_typed("hola"));
}

BOOST_AUTO_TEST_CASE(corrections_keep_the_earlier_values_and_route_the_new_cause) {
  LettersFixture f(3);
  const auto first = register_return(*f.db, a_return(f.ids[0], ReturnCause::refused));
  register_return(*f.db, a_return(f.ids[1]));
  BOOST_CHECK_THROW(correct_return(*f.db, first.return_id, ReturnCause::demolished, std::nullopt, "", "ana"), InputError);
  correct_return(*f.db, first.return_id, ReturnCause::demolished, std::nullopt, "the courier marked the wrong box", "ana");
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT cause FROM returns WHERE return_id = 1").value_or(""), "demolished");
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT before_value || '>' || after_value || ' ' || changed_by FROM return_corrections").value_or(""),
                    "refused>demolished ana");
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT kind FROM cases WHERE return_id = 1").value_or(""), "cleanup");
  BOOST_CHECK_THROW(correct_return(*f.db, first.return_id, std::nullopt, f.ids[1], "wrong letter", "ana"), InputError);  // has its own
  correct_return(*f.db, first.return_id, std::nullopt, f.ids[2], "wrong letter read", "ana");
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT letter_id FROM returns WHERE return_id = 1").value_or(""), f.ids[2]);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT COUNT(*) FROM return_corrections").value_or(""), "2");
  BOOST_CHECK_THROW(correct_return(*f.db, 99, ReturnCause::other, std::nullopt, "x", "ana"), InputError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(register_void_tests)

// A return registered by mistake is voided with its reason: its number stays
// in the register, the field check it opened is closed with it, a correction
// is refused, and the letter registered again comes back under its number.
BOOST_AUTO_TEST_CASE(a_voided_return_keeps_its_number_closes_its_open_case_and_may_be_registered_again) {
  LettersFixture f(2);
  const auto first = register_return(*f.db, a_return(f.ids[0], ReturnCause::nonexistent_address));  // opens a field check
  register_return(*f.db, a_return(f.ids[1]));
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT status FROM cases WHERE return_id = 1").value_or(""), "open");
  BOOST_CHECK_THROW(void_return(*f.db, first.return_id, "  ", "ana"), InputError);
  BOOST_CHECK_THROW(void_return(*f.db, 99, "x", "ana"), InputError);
  const auto voided = void_return(*f.db, first.return_id, "la carta nunca volvió: se leyó mal el sobre", "ana");
  BOOST_CHECK_EQUAL(voided.letter_id, f.ids[0]);
  BOOST_CHECK_EQUAL(voided.cases_closed.size(), 1u);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT status || ' ' || outcome FROM cases WHERE return_id = 1").value_or(""), "closed return_voided");
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT voided_by || ': ' || void_reason FROM returns WHERE return_id = 1").value_or(""),
                    "ana: la carta nunca volvió: se leyó mal el sobre");
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT COUNT(*) FROM returns").value_or(""), "2");  // nothing deleted
  try {
    void_return(*f.db, first.return_id, "otra vez", "ana");
    BOOST_FAIL("a voided return was voided twice");
  } catch (const InputError& e) {
    BOOST_CHECK(e.code() == ErrorCode::return_already_voided);
  }
  try {
    correct_return(*f.db, first.return_id, ReturnCause::refused, std::nullopt, "x", "ana");
    BOOST_FAIL("a voided return was corrected");
  } catch (const InputError& e) {
    BOOST_CHECK(e.code() == ErrorCode::return_voided);
  }
  // The letter does come back later: the same number, the new cause, a new case.
  const auto again = register_return(*f.db, a_return(f.ids[0], ReturnCause::refused));
  BOOST_CHECK(!again.duplicate);
  BOOST_CHECK_EQUAL(again.return_id, 1);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT cause || ' ' || COALESCE(voided_at, 'vigente') FROM returns WHERE return_id = 1").value_or(""),
                    "refused vigente");
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT COUNT(*) FROM return_corrections WHERE return_id = 1 AND field = 'voided'").value_or(""), "2");
}

BOOST_AUTO_TEST_SUITE_END()

