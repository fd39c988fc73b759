#include "cartero/letters/generate.hpp"

#include <boost/test/unit_test.hpp>

#include "cartero/core/error.hpp"
#include "cartero/core/stored_settings.hpp"
#include "cartero/letters/sent.hpp"
#include "letters_fixture.hpp"

using namespace cartero;
using namespace cartero::letters;
using namespace cartero::letters::testing;

namespace {

const Date k_dispatch = *Date::parse_iso("2026-11-26");  // a Thursday

// The batch cut on the 24th is printed; then the payments imported next
// say A1 paid on the 25th, A2 paid before the cutoff and A3 paid nothing.
struct PaidBeforeDispatch : LettersFixture {
  PaidBeforeDispatch() {
    generate("out");
    selection::import_file(*db, selection::ImportKind::payments,
                           tmp.write("pagos.csv",
                                     "account_id;paid_on;amount\n"
                                     "A1;2026-11-25;$ 1.234.567\n"
                                     "A2;2026-11-20;500.000\n"
                                     "A3;2026-11-25;0\n"
                                     "A3;2026-11-25;-10.000\n"));
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(dispatch_tests)

BOOST_FIXTURE_TEST_CASE(a_letter_to_an_account_that_paid_after_the_cutoff_is_held_back_keeping_its_number,
                        PaidBeforeDispatch) {
  const auto d = dispatch_batch(*db, batch, k_dispatch);
  BOOST_CHECK_EQUAL(d.letters, 2);
  BOOST_REQUIRE_EQUAL(d.held_back.size(), 1u);
  const auto& h = d.held_back.front();
  BOOST_CHECK_EQUAL(h.account_id, "A1");
  BOOST_CHECK_EQUAL(h.paid_on.iso(), "2026-11-25");
  BOOST_CHECK_EQUAL(h.amount, 1234567);
  BOOST_CHECK_EQUAL(h.part, 1);
  BOOST_CHECK_GE(h.page, 1);
  // Its number stays its own: three letters, numbered without a gap, the
  // held-back one void with the reason and never sent.
  BOOST_CHECK_EQUAL(value("SELECT COUNT(*) FROM letters WHERE batch_id = " + std::to_string(batch)), "3");
  BOOST_CHECK_EQUAL(value("SELECT COUNT(DISTINCT letter_id) FROM letters"), "3");
  BOOST_CHECK_EQUAL(value("SELECT sent_on FROM letters WHERE account_id = 'A1'"), "NULL");
  BOOST_CHECK_EQUAL(value("SELECT void_reason FROM letters WHERE account_id = 'A1'"),
                    "paid_after_cutoff: 2026-11-25 1234567 pesos");
  int sent = 0;
  for_each_batch_letter(*db, batch, [&](const BatchLetter& l) { sent += l.sent; });
  BOOST_CHECK_EQUAL(sent, 2);
}

BOOST_FIXTURE_TEST_CASE(the_setting_off_sends_every_letter, LettersFixture) {
  // The batch's own settings decide: one selected with the key off.
  selection::SelectOptions o;
  o.cutoff = k_cutoff;
  o.settings.recheck_payments_at_dispatch = false;
  discard_batch(*db, batch, "ana");
  batch = selection::create_batch(*db, o).batch_id;
  generate("out");
  selection::import_file(*db, selection::ImportKind::payments,
                         tmp.write("pagos.csv", "account_id,paid_on,amount\nA1,2026-11-25,90000\n"));
  const auto d = dispatch_batch(*db, batch, k_dispatch);
  BOOST_CHECK_EQUAL(d.letters, 3);
  BOOST_CHECK(d.held_back.empty());
}

BOOST_AUTO_TEST_SUITE_END()
