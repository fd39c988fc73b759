#include "cartero/returns/selection_history.hpp"

#include <boost/test/unit_test.hpp>

#include "cartero/returns/cases.hpp"
#include "cartero/returns/register.hpp"
#include "cartero/selection/explain.hpp"
#include "../support/letters_fixture.hpp"

using namespace cartero;
using namespace cartero::returns;
using cartero::testing::LettersFixture;

BOOST_AUTO_TEST_SUITE(selection_history_tests)

BOOST_AUTO_TEST_CASE(the_next_selection_leaves_out_accounts_with_a_letter_sent_or_a_case_open) {
  LettersFixture f(3);  // A100, A101, A102 selected at ranks 1-3 and dispatched on 2026-11-24
  register_return(*f.db, {f.ids[2], ReturnCause::nonexistent_address, "", *Date::parse_iso("2026-12-01"), "ana", "hand",
                          std::nullopt, std::nullopt});  // opens a field check for A102
  selection::SelectOptions o;
  o.cutoff = *Date::parse_iso("2027-01-10");  // 47 days after the letters
  o.history = &selection_history();
  const auto batch = selection::create_batch(*f.db, o).batch_id;
  BOOST_CHECK_EQUAL(selection::excluded_reasons(*f.db, batch, "A100")->joined(), "recent_letter");
  BOOST_CHECK_EQUAL(selection::excluded_reasons(*f.db, batch, "A102")->joined(), "recent_letter;pending_address_check");
  o.cutoff = *Date::parse_iso("2027-03-01");  // past the letter window; the case still open
  const auto later = selection::create_batch(*f.db, o).batch_id;
  BOOST_CHECK(!selection::excluded_reasons(*f.db, later, "A100"));
  BOOST_CHECK_EQUAL(selection::excluded_reasons(*f.db, later, "A102")->joined(), "pending_address_check");
}

BOOST_AUTO_TEST_CASE(an_account_is_explained_with_the_rank_of_its_printed_letter) {
  LettersFixture f(3);
  for (const auto* history : {&selection_history(), static_cast<const selection::AccountHistory*>(nullptr)}) {
    const auto e = selection::explain_account(*f.db, "A101", history);
    BOOST_REQUIRE_EQUAL(e.batches.size(), 1u);
    BOOST_CHECK_EQUAL(e.batches[0].status, "dispatched");
    BOOST_CHECK(e.batches[0].in_portfolio);
    BOOST_CHECK_EQUAL(e.batches[0].rank.value_or(0), 2);
    const auto unknown = selection::explain_account(*f.db, "NOPE", history);
    BOOST_CHECK(!unknown.batches[0].in_portfolio);
    BOOST_CHECK(!unknown.batches[0].rank);
  }
}

BOOST_AUTO_TEST_SUITE_END()
