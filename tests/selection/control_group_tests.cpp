#include "cartero/selection/control_group.hpp"

#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <string>

using namespace cartero;
using namespace cartero::selection;

namespace {

const Date k_cutoff = *Date::parse_iso("2026-11-24");

std::string_view keep(std::string id) {
  static std::deque<std::string> ids;
  return ids.emplace_back(std::move(id));
}

// 4,000 qualifying accounts over use types, billing types and balances.
std::vector<Candidate> portfolio(int n = 4000) {
  std::vector<Candidate> cs;
  for (int i = 0; i < n; ++i) {
    Candidate c;
    c.account_id = keep("10" + std::to_string(100000 + i * 7));
    c.holder_name = "María Ríos";
    c.use_type = i % 3 ? UseType::residential : UseType::commercial;
    c.billing_type = i % 4 ? BillingType::direct : BillingType::joint;
    c.balance = 350000 + (i * 104729) % 15'000'000;
    c.days_past_due = 90;
    cs.push_back(c);
  }
  return cs;
}

std::set<std::string> held_out(const std::vector<Candidate>& cs, const Outcome& out) {
  std::set<std::string> ids;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (out.reasons[i].has(Reason::control_group)) ids.emplace(cs[i].account_id);
  }
  return ids;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(control_group_tests)

BOOST_AUTO_TEST_CASE(each_stratum_gives_its_share_and_the_held_out_leave_the_selection) {
  const auto cs = portfolio();
  Settings s;
  s.control_group_percent = 10;
  const auto out = select(cs, s, k_cutoff);
  std::map<int, int> selected, control;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (out.reasons[i].has(Reason::control_group)) {
      ++control[stratum_of(cs[i])];
      BOOST_CHECK_EQUAL(out.reasons[i].joined(), "control_group");
    }
  }
  for (const auto i : out.selected) ++selected[stratum_of(cs[i])];
  for (const auto& [stratum, held] : control) {
    const int n = held + selected[stratum];
    BOOST_CHECK_EQUAL(held, (n * 10 + 50) / 100);
  }
  BOOST_CHECK_EQUAL(out.selected.size() + held_out(cs, out).size(), cs.size());
  BOOST_CHECK_EQUAL(out.funnel[static_cast<int>(Reason::control_group)].excluded,
                    static_cast<std::int64_t>(held_out(cs, out).size()));
  // The letters keep the selection order.
  BOOST_CHECK(std::is_sorted(out.selected.begin(), out.selected.end(),
                             [&](auto a, auto b) { return comes_before(cs[a], cs[b]); }));
}

BOOST_AUTO_TEST_CASE(the_same_portfolio_and_cutoff_give_the_same_sample_in_any_order) {
  auto cs = portfolio();
  Settings s;
  s.control_group_percent = 15;
  const auto first = held_out(cs, select(cs, s, k_cutoff));
  std::reverse(cs.begin(), cs.end());
  BOOST_CHECK(held_out(cs, select(cs, s, k_cutoff)) == first);
  // Another cutoff draws another sample.
  BOOST_CHECK(held_out(cs, select(cs, s, k_cutoff.plus_days(1))) != first);
}

BOOST_AUTO_TEST_CASE(zero_percent_holds_out_nobody_and_the_cap_comes_first) {
  const auto cs = portfolio(100);
  BOOST_CHECK(held_out(cs, select(cs, Settings{}, k_cutoff)).empty());
  Settings s;
  s.control_group_percent = 50;
  s.max_letters = 40;
  const auto out = select(cs, s, k_cutoff);
  // Half of the 40 the cap kept (stratum by stratum, rounded), none of the 60 over it.
  const auto held = held_out(cs, out);
  BOOST_CHECK_GE(held.size(), 15u);
  BOOST_CHECK_LE(held.size(), 25u);
  for (std::size_t i = 0; i < cs.size(); ++i) {
    BOOST_CHECK(!(out.reasons[i].has(Reason::control_group) && out.reasons[i].has(Reason::over_capacity)));
  }
}

BOOST_AUTO_TEST_SUITE_END()
