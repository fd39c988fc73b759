#include "cartero/selection/reasons.hpp"

#include <boost/test/unit_test.hpp>

using namespace cartero::selection;

BOOST_AUTO_TEST_SUITE(reasons_tests)

BOOST_AUTO_TEST_CASE(codes_round_trip_in_table_order) {
  const char* expected[] = {"missing_address", "no_threshold", "below_threshold", "not_delinquent",
                            "legal_collection", "sanitation", "recent_payment", "recent_letter",
                            "pending_address_check", "pending_billing_check", "over_capacity", "address_incomplete",
                            "control_group", "missing_holder_name", "open_claim", "payment_agreement", "deceased_holder", "insolvency",
                            "recent_contact"};
  for (int i = 0; i < k_reason_count; ++i) {
    const auto r = static_cast<Reason>(i);
    BOOST_CHECK_EQUAL(code(r), expected[i]);
    BOOST_CHECK(parse_reason(code(r)) == r);
    BOOST_CHECK(!label(r).empty());
  }
  BOOST_CHECK(!parse_reason("bogus"));
}

// Stored batches keep their reasons as bits: a new reason takes a new bit
// but is listed and counted in the table's place (second).
BOOST_AUTO_TEST_CASE(address_incomplete_comes_second_in_table_order) {
  Reasons r;
  r.add(Reason::below_threshold);
  r.add(Reason::address_incomplete);
  BOOST_CHECK_EQUAL(r.joined(), "address_incomplete;below_threshold");
  BOOST_CHECK(r.first() == Reason::address_incomplete);
  BOOST_CHECK_EQUAL(static_cast<int>(Reason::address_incomplete), 11);
  BOOST_CHECK(k_reason_order[1] == Reason::address_incomplete);
}

// Reasons past the 16th bit are stored and read back whole (batches keep
// the bits as a number).
BOOST_AUTO_TEST_CASE(reasons_past_sixteen_bits_round_trip_through_their_bits) {
  Reasons r;
  r.add(Reason::recent_contact);
  r.add(Reason::open_claim);
  r.add(Reason::over_capacity);
  BOOST_CHECK_EQUAL(static_cast<int>(Reason::recent_contact), 18);  // after campaign's two (bits 12-13)
  const auto back = Reasons::from_bits(r.bits());
  BOOST_CHECK(back == r);
  BOOST_CHECK_EQUAL(back.joined(), "open_claim;recent_contact;over_capacity");
  BOOST_CHECK(back.first() == Reason::open_claim);
}

BOOST_AUTO_TEST_CASE(joined_lists_codes_in_table_order_whatever_the_insertion_order) {
  Reasons r;
  r.add(Reason::over_capacity);
  r.add(Reason::recent_payment);
  r.add(Reason::missing_address);
  BOOST_CHECK_EQUAL(r.joined(), "missing_address;recent_payment;over_capacity");
  BOOST_CHECK(r.first() == Reason::missing_address);
}

// Batches stored with 16-bit sets read back the same; the new reasons take
// bits 12 and 13 and a set holds every bit up to 31.
BOOST_AUTO_TEST_CASE(stored_bits_read_back_and_the_new_reasons_fit) {
  BOOST_CHECK_EQUAL(Reasons::from_bits(0x0804).joined(), "address_incomplete;below_threshold");
  BOOST_CHECK_EQUAL(static_cast<int>(Reason::control_group), 12);
  BOOST_CHECK_EQUAL(static_cast<int>(Reason::missing_holder_name), 13);
  Reasons r;
  r.add(Reason::control_group);
  r.add(Reason::missing_holder_name);
  BOOST_CHECK_EQUAL(r.bits(), 0x3000u);
  BOOST_CHECK_EQUAL(Reasons::from_bits(r.bits()).joined(), "missing_holder_name;control_group");
  BOOST_CHECK(k_reason_order.back() == Reason::control_group);
  BOOST_CHECK(Reasons::from_bits(1u << 31).bits() == (1u << 31));
}

BOOST_AUTO_TEST_SUITE_END()
