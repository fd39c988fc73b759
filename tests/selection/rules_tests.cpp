#include "cartero/selection/rules.hpp"

#include <boost/test/unit_test.hpp>
#include <deque>
#include <string>

using namespace cartero;
using namespace cartero::selection;

namespace {

const Date k_cutoff = *Date::parse_iso("2026-11-24");

// Candidates hold views: their ids live here for the whole test run.
std::string_view keep(std::string id) {
  static std::deque<std::string> ids;
  return ids.emplace_back(std::move(id));
}

// An account every default rule lets through.
Candidate qualifying(std::string id = "A1") {
  Candidate c;
  c.account_id = keep(std::move(id));
  c.holder_name = "José Peña Muñoz";
  c.use_type = UseType::residential;
  c.billing_type = BillingType::direct;
  c.balance = 500000;
  c.days_past_due = 120;
  return c;
}

Reasons reasons_of(const Candidate& c, const Settings& s = {}) { return evaluate(c, s, k_cutoff); }

}  // namespace

BOOST_AUTO_TEST_SUITE(rules_tests)

BOOST_AUTO_TEST_CASE(a_qualifying_account_has_no_reason) { BOOST_CHECK(reasons_of(qualifying()).empty()); }

BOOST_AUTO_TEST_CASE(balance_must_be_strictly_above_the_threshold_of_its_use_type) {
  struct Case {
    UseType use;
    Pesos balance;
    bool below;
  };
  const Case cases[] = {
      {UseType::residential, 100000, true},  {UseType::residential, 100001, false},
      {UseType::commercial, 300000, true},   {UseType::commercial, 300001, false},
      {UseType::commercial, 200000, true},   {UseType::residential, 0, true},
      {UseType::residential, -5000, true},
  };
  for (const auto& c : cases) {
    auto a = qualifying();
    a.use_type = c.use;
    a.balance = c.balance;
    BOOST_TEST_CONTEXT(code(c.use) << " " << c.balance) {
      BOOST_CHECK_EQUAL(reasons_of(a).has(Reason::below_threshold), c.below);
    }
  }
}

BOOST_AUTO_TEST_CASE(use_types_without_threshold_are_left_out) {
  for (auto use : {UseType::industrial, UseType::official}) {
    auto a = qualifying();
    a.use_type = use;
    a.balance = 99'000'000;
    const auto r = reasons_of(a);
    BOOST_CHECK(r.has(Reason::no_threshold));
    BOOST_CHECK(!r.has(Reason::below_threshold));
  }
}

BOOST_AUTO_TEST_CASE(days_past_due_must_be_strictly_above_the_minimum) {
  auto a = qualifying();
  a.days_past_due = 60;
  BOOST_CHECK(reasons_of(a).has(Reason::not_delinquent));
  a.days_past_due = 61;
  BOOST_CHECK(!reasons_of(a).has(Reason::not_delinquent));
}

BOOST_AUTO_TEST_CASE(flags_and_missing_address) {
  auto a = qualifying();
  a.has_address = false;
  a.legal_collection = true;
  a.sanitation = Sanitation::double_billing;
  const auto r = reasons_of(a);
  BOOST_CHECK(r.has(Reason::missing_address));
  BOOST_CHECK(r.has(Reason::legal_collection));
  BOOST_CHECK(r.has(Reason::sanitation));
  BOOST_CHECK_EQUAL(r.joined(), "missing_address;legal_collection;sanitation");
  BOOST_CHECK(r.first() == Reason::missing_address);
}

BOOST_AUTO_TEST_CASE(payment_window_is_thirty_days_inclusive_and_later_payments_count) {
  const Settings s;
  BOOST_CHECK(is_recent_payment(k_cutoff.minus_days(30), 1, k_cutoff, s));
  BOOST_CHECK(!is_recent_payment(k_cutoff.minus_days(31), 1, k_cutoff, s));
  BOOST_CHECK(is_recent_payment(k_cutoff.plus_days(3), 1, k_cutoff, s));
  BOOST_CHECK(!is_recent_payment(k_cutoff, 0, k_cutoff, s));
  BOOST_CHECK(!is_recent_payment(k_cutoff, -20000, k_cutoff, s));
  auto a = qualifying();
  a.last_payment = k_cutoff.minus_days(30);
  BOOST_CHECK(reasons_of(a).has(Reason::recent_payment));
  a.last_payment = k_cutoff.minus_days(31);
  BOOST_CHECK(!reasons_of(a).has(Reason::recent_payment));
}

BOOST_AUTO_TEST_CASE(letter_window_is_sixty_days_inclusive) {
  auto a = qualifying();
  a.last_letter = k_cutoff.minus_days(60);
  BOOST_CHECK(reasons_of(a).has(Reason::recent_letter));
  a.last_letter = k_cutoff.minus_days(61);
  BOOST_CHECK(!reasons_of(a).has(Reason::recent_letter));
}

BOOST_AUTO_TEST_CASE(pending_checks_follow_their_settings) {
  auto a = qualifying();
  a.address_check_open = true;
  a.billing_case_open = true;
  BOOST_CHECK_EQUAL(reasons_of(a).joined(), "pending_address_check;pending_billing_check");
  Settings off;
  off.pending_address_check = false;
  off.pending_billing_check = false;
  BOOST_CHECK(reasons_of(a, off).empty());
}

BOOST_AUTO_TEST_CASE(settings_change_the_edges) {
  Settings s;
  s.thresholds[static_cast<std::size_t>(UseType::industrial)] = 1000;
  s.min_days_past_due = 90;
  auto a = qualifying();
  a.use_type = UseType::industrial;
  a.days_past_due = 90;
  BOOST_CHECK_EQUAL(reasons_of(a, s).joined(), "not_delinquent");
}

BOOST_AUTO_TEST_CASE(order_is_direct_first_then_balance_then_days_then_id) {
  std::vector<Candidate> cs;
  auto add = [&](std::string id, BillingType b, Pesos bal, int days) {
    auto c = qualifying(std::move(id));
    c.billing_type = b;
    c.balance = bal;
    c.days_past_due = days;
    cs.push_back(c);
  };
  add("J-big", BillingType::joint, 9'000'000, 300);
  add("D-small", BillingType::direct, 200000, 100);
  add("D-big", BillingType::direct, 800000, 100);
  add("D-big-older", BillingType::direct, 800000, 200);
  add("D-tie-b", BillingType::direct, 200000, 100);
  const auto out = select(cs, Settings{}, k_cutoff);
  std::vector<std::string> ids;
  for (auto i : out.selected) ids.emplace_back(cs[i].account_id);
  const std::vector<std::string> expected = {"D-big-older", "D-big", "D-small", "D-tie-b", "J-big"};
  BOOST_CHECK_EQUAL_COLLECTIONS(ids.begin(), ids.end(), expected.begin(), expected.end());
}

BOOST_AUTO_TEST_CASE(cap_keeps_the_first_n_and_marks_the_rest_over_capacity) {
  std::vector<Candidate> cs;
  for (int i = 0; i < 5; ++i) {
    auto c = qualifying("A" + std::to_string(i));
    c.balance = 200000 + i * 1000;  // A4 has the largest balance
    cs.push_back(c);
  }
  auto low = qualifying("LOW");
  low.balance = 10;
  cs.push_back(low);
  Settings s;
  s.max_letters = 2;
  const auto out = select(cs, s, k_cutoff);
  BOOST_REQUIRE_EQUAL(out.selected.size(), 2u);
  BOOST_CHECK_EQUAL(cs[out.selected[0]].account_id, "A4");
  BOOST_CHECK_EQUAL(cs[out.selected[1]].account_id, "A3");
  BOOST_CHECK_EQUAL(out.reasons[0].joined(), "over_capacity");
  BOOST_CHECK_EQUAL(out.reasons[5].joined(), "below_threshold");  // a rule reason, not over_capacity
  BOOST_CHECK_EQUAL(out.funnel[static_cast<int>(Reason::over_capacity)].excluded, 3);
  BOOST_CHECK_EQUAL(out.funnel[static_cast<int>(Reason::below_threshold)].excluded, 1);
}

// A letter to "Señor(a) :" cannot be addressed: an empty or blank holder
// name leaves the account out, unless the setting is off.
BOOST_AUTO_TEST_CASE(missing_holder_name_leaves_out_what_cannot_be_addressed) {
  for (const char* name : {"", "   ", "\t"}) {
    auto a = qualifying();
    a.holder_name = name;
    BOOST_CHECK_EQUAL(reasons_of(a).joined(), "missing_holder_name");
    Settings off;
    off.missing_holder_name = false;
    BOOST_CHECK(reasons_of(a, off).empty());
  }
  auto named = qualifying();
  named.holder_name = "Ñ";
  BOOST_CHECK(reasons_of(named).empty());
}

BOOST_AUTO_TEST_CASE(funnel_counts_each_account_under_its_first_reason) {
  auto a = qualifying("A");
  a.has_address = false;
  a.balance = 1;  // also below threshold
  auto b = qualifying("B");
  b.balance = 1;
  const auto out = select({a, b, qualifying("C")}, Settings{}, k_cutoff);
  BOOST_CHECK_EQUAL(out.total, 3);
  BOOST_CHECK_EQUAL(out.funnel[static_cast<int>(Reason::missing_address)].excluded, 1);
  BOOST_CHECK_EQUAL(out.funnel[static_cast<int>(Reason::below_threshold)].excluded, 1);
  BOOST_CHECK_EQUAL(out.selected.size(), 1u);
}

BOOST_AUTO_TEST_SUITE_END()
