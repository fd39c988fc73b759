#include <boost/test/unit_test.hpp>

#include "cartero/core/error.hpp"
#include "cartero/core/stored_settings.hpp"
#include "letters_fixture.hpp"

using namespace cartero;
using namespace cartero::letters;
using namespace cartero::letters::testing;
using cartero::testing::TempDir;

BOOST_FIXTURE_TEST_SUITE(mailable_tests, LettersFixture)

// Draft 1 and draft 2 hold the same accounts at the same cutoff; draft 2 is
// printed and dispatched first. Draft 1 must not mail them again.
BOOST_AUTO_TEST_CASE(a_draft_overlapping_a_later_dispatch_is_refused_with_who_and_how_many) {
  const std::int64_t first = batch;
  const std::int64_t second = select();
  batch = second;
  generate("second");
  dispatch_batch(*db, second, k_cutoff.plus_days(2));
  batch = first;
  const std::string message = input_error([&] { generate("first"); });
  BOOST_CHECK_MESSAGE(message.find("3 of its accounts already got a letter after its cutoff 2026-11-24 (3 by batch " +
                                   std::to_string(second) + " dispatched on 2026-11-26)") != std::string::npos, message);
  BOOST_CHECK_EQUAL(value("SELECT COUNT(*) FROM letters WHERE batch_id = " + std::to_string(first)), "0");
  BOOST_CHECK(!std::filesystem::exists(tmp.path("first")) || std::filesystem::is_empty(tmp.path("first")));
}

BOOST_AUTO_TEST_CASE(a_printed_batch_overlapping_a_later_dispatch_cannot_be_dispatched) {
  const std::int64_t first = batch;
  generate("first");
  batch = select();
  generate("second");
  dispatch_batch(*db, batch, k_cutoff);
  const std::string message = input_error([&] { dispatch_batch(*db, first, k_cutoff.plus_days(1)); });
  BOOST_CHECK_MESSAGE(message.find("cannot be dispatched: 3 of its accounts") != std::string::npos, message);
  BOOST_CHECK_EQUAL(value("SELECT status FROM batches WHERE id = " + std::to_string(first)), "generated");
  BOOST_CHECK_EQUAL(value("SELECT COUNT(*) FROM letters WHERE sent_on IS NOT NULL"), "3");
}

BOOST_AUTO_TEST_CASE(a_stale_draft_must_be_selected_again) {
  // Selected today; printed with a date 31 days later.
  auto o = options("late");
  o.issued_on = Date::today().plus_days(31);
  const std::string message = input_error([&] { generate_letters(*db, o); });
  BOOST_CHECK_MESSAGE(message.find("more than draft_max_age_days (30)") != std::string::npos, message);
  BOOST_CHECK_EQUAL(value("SELECT COUNT(*) FROM letters"), "0");
  // The limit is a selection setting an admin saves.
  store_settings(*db, "selection", R"({"draft_max_age_days": 40})", "admin");
  BOOST_CHECK_EQUAL(generate_letters(*db, o).letters, 3);
  store_settings(*db, "selection", R"({"draft_max_age_days": 5})", "admin");
  batch = select();
  o = options("later");
  o.issued_on = Date::today().plus_days(6);
  BOOST_CHECK(input_error([&] { generate_letters(*db, o); }).find("(5)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_discarded_draft_stays_in_the_history_and_cannot_be_mailed) {
  generate("out");
  discard_batch(*db, batch, "analista");
  BOOST_CHECK_EQUAL(value("SELECT status || ' ' || discarded_by FROM batches"), "discarded analista");
  BOOST_CHECK_EQUAL(value("SELECT COUNT(*) FROM letters"), "3");  // its numbers stay used: no gap
  BOOST_CHECK(input_error([&] { generate("again"); }).find("was discarded") != std::string::npos);
  BOOST_CHECK(input_error([&] { dispatch_batch(*db, batch, k_cutoff); }).find("was discarded") != std::string::npos);
  BOOST_CHECK(input_error([&] { discard_batch(*db, batch, "x"); }).find("already discarded") != std::string::npos);
  // A dispatched batch cannot be discarded.
  batch = select();
  generate("next");
  dispatch_batch(*db, batch, k_cutoff);
  BOOST_CHECK(input_error([&] { discard_batch(*db, batch, "x"); }).find("was dispatched") != std::string::npos);
  BOOST_CHECK(input_error([&] { discard_batch(*db, 999, "x"); }).find("no batch 999") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
