#include "cartero/campaign/effectiveness.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <random>
#include <set>
#include <sstream>

#include "cartero/core/error.hpp"
#include "cartero/letters/generate.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/selection/import.hpp"
#include "support/temp_dir.hpp"

using namespace cartero;
using cartero::testing::TempDir;

namespace {

const Date k_cutoff = *Date::parse_iso("2026-10-01");
const Date k_dispatch = *Date::parse_iso("2026-10-05");  // a Monday

// The rows of a CSV file Cartero wrote, split on commas (the test's own
// reading, not the report's).
std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    std::istringstream l(line);
    for (std::string cell; std::getline(l, cell, ',');) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

// A portfolio of `n` qualifying accounts in two use types and four zones, a
// batch of it with a control group, printed and dispatched.
struct Campaign {
  TempDir tmp;
  std::unique_ptr<Database> db = Database::open(tmp.path("c.db"));
  std::int64_t batch = 0;
  std::set<std::string> mailed, control;

  explicit Campaign(int n, int control_percent, bool dispatch = true) {
    static const char* k_names[] = {"José Peña Muñoz", "María Fernanda Ríos", "Panadería La Espiga S.A.S.", "Ñoño Ibáñez"};
    std::string csv = "account_id,holder_name,use_type,address,neighborhood,city,zone,billing_type,balance,days_past_due\n";
    for (int i = 0; i < n; ++i) {
      csv += "K" + std::to_string(10000 + i) + "," + k_names[i % 4] + (i % 3 ? ",residential," : ",commercial,") +
             "CL 45 SUR # 12 - 34,Kennedy,Bogotá D.C.,Z" + std::to_string(i % 4) + (i % 5 ? ",direct," : ",joint,") +
             std::to_string(400000 + (i * 7919) % 9000000) + ",95\n";
    }
    selection::import_file(*db, selection::ImportKind::accounts, tmp.write("cuentas.csv", csv));
    selection::SelectOptions o;
    o.cutoff = k_cutoff;
    o.settings.control_group_percent = control_percent;
    o.excluded_csv = tmp.path("excluded.csv");
    batch = selection::create_batch(*db, o).batch_id;
    letters::GenerateOptions g;
    g.batch_id = batch;
    g.out_dir = tmp.path("out");
    g.issued_on = k_cutoff.plus_days(2);
    letters::generate_letters(*db, g);
    if (dispatch) letters::dispatch_batch(*db, batch, k_dispatch);
    // Who was mailed: the courier's manifest; who was held out: excluded.csv.
    const auto manifest = csv_rows(TempDir::read(tmp.path("out/manifest.csv")));
    for (std::size_t i = 1; i < manifest.size(); ++i) mailed.insert(manifest[i].at(2));
    const auto excluded = csv_rows(TempDir::read(tmp.path("excluded.csv")));
    for (std::size_t i = 1; i < excluded.size(); ++i) {
      if (excluded[i].at(1) == "control_group") control.insert(excluded[i].at(0));
    }
  }
};

struct PaidRow {
  std::string account;
  int days_after;
  Pesos amount;
};

// The count the report must equal, done here from the test's own records.
struct Count {
  std::int64_t accounts = 0, paid = 0;
  Pesos pesos = 0;
};
Count count(const std::set<std::string>& accounts, const std::vector<PaidRow>& payments, int window) {
  Count c;
  c.accounts = static_cast<std::int64_t>(accounts.size());
  std::set<std::string> paid;
  for (const auto& p : payments) {
    if (!accounts.count(p.account) || p.amount <= 0 || p.days_after < 1 || p.days_after > window) continue;
    paid.insert(p.account);
    c.pesos += p.amount;
  }
  c.paid = static_cast<std::int64_t>(paid.size());
  return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(effectiveness_tests)

BOOST_AUTO_TEST_CASE(shares_equal_an_independent_count_and_the_interval_covers_the_known_lift) {
  Campaign c(2000, 25);
  BOOST_REQUIRE_GT(c.control.size(), 400u);
  BOOST_REQUIRE_GT(c.mailed.size(), 1400u);
  // Mailed accounts pay with probability 0.40 and the control with 0.25,
  // on a day spread evenly over the 90 after the dispatch; plus payments
  // that must not count: on the dispatch day, before it, zero, reversals,
  // after 90 days.
  std::mt19937 rng(20261005);
  std::uniform_real_distribution<double> u(0, 1);
  std::uniform_int_distribution<int> day(1, 90), pesos(5, 400);
  std::vector<PaidRow> payments;
  for (const auto* side : {&c.mailed, &c.control}) {
    const double p = side == &c.mailed ? 0.40 : 0.25;
    for (const auto& a : *side) {
      if (u(rng) < p) payments.push_back({a, day(rng), pesos(rng) * 1000});
      if (u(rng) < 0.3) payments.push_back({a, day(rng), pesos(rng) * 1000});  // a second instalment
      if (u(rng) < 0.05) payments.push_back({a, 0, 50000});
      if (u(rng) < 0.05) payments.push_back({a, -10, 50000});
      if (u(rng) < 0.05) payments.push_back({a, day(rng), 0});
      if (u(rng) < 0.05) payments.push_back({a, day(rng), -20000});
      if (u(rng) < 0.05) payments.push_back({a, 91 + day(rng), 30000});
    }
  }
  std::string csv = "account_id;paid_on;amount\n";
  for (const auto& p : payments) {
    csv += p.account + ";" + k_dispatch.plus_days(p.days_after).iso() + ";" + std::to_string(p.amount) + "\n";
  }
  selection::import_file(*c.db, selection::ImportKind::payments, c.tmp.write("pagos.csv", csv));

  const auto r = campaign::effectiveness_report(*c.db, c.batch, {30, 60, 90});
  BOOST_TEST(r.dispatched_on == "2026-10-05");
  BOOST_REQUIRE_EQUAL(r.windows.size(), 3u);
  // The first payment's day is uniform over 1..90, so the true lift by
  // day d is (0.40 - 0.25) * d / 90 for the first payments alone; the second
  // instalments add the same share to both sides' odds of having paid.
  for (const auto& w : r.windows) {
    BOOST_TEST_CONTEXT("window " << w.days) {
      const Count m = count(c.mailed, payments, w.days), k = count(c.control, payments, w.days);
      BOOST_TEST(w.mailed.accounts == m.accounts);
      BOOST_TEST(w.mailed.paid == m.paid);
      BOOST_TEST(w.mailed.pesos == m.pesos);
      BOOST_TEST(w.mailed.share() == static_cast<double>(m.paid) / static_cast<double>(m.accounts));
      BOOST_REQUIRE(w.control);
      BOOST_TEST(w.control->accounts == k.accounts);
      BOOST_TEST(w.control->paid == k.paid);
      BOOST_TEST(w.control->pesos == k.pesos);
      BOOST_REQUIRE(w.lift);
      // P(paid by d) = 1 - (1 - p d/90)(1 - 0.3 d/90) for each side.
      const double f = w.days / 90.0;
      const double truth = (1 - (1 - 0.40 * f) * (1 - 0.3 * f)) - (1 - (1 - 0.25 * f) * (1 - 0.3 * f));
      BOOST_TEST(w.lift->ci95.low < truth);
      BOOST_TEST(w.lift->ci95.high > truth);
      if (w.days == 90) BOOST_TEST(w.lift->ci95.low > 0.0);  // the letters' effect is seen
    }
  }
  // Every mailed account is in one use-type segment and one delivery
  // segment (none delivered or returned yet: all pending).
  std::int64_t by_use = 0;
  for (const auto& s : r.segments) {
    if (s.dimension == "use_type") by_use += s.windows[0].mailed.accounts + s.windows[0].control.value_or(campaign::SideFigures{}).accounts;
    if (s.dimension == "delivery") {
      BOOST_TEST(s.value == "pending");
      BOOST_TEST(s.windows[2].mailed.paid == count(c.mailed, payments, 90).paid);
      BOOST_TEST(!s.windows[2].control);
    }
  }
  BOOST_TEST(by_use == static_cast<std::int64_t>(c.mailed.size() + c.control.size()));
  BOOST_TEST(r.note.empty());
}

BOOST_AUTO_TEST_CASE(a_batch_never_dispatched_is_refused) {
  Campaign c(40, 0, false);
  try {
    campaign::effectiveness_report(*c.db, c.batch, {30});
    BOOST_ERROR("no error");
  } catch (const InputError& e) {
    BOOST_TEST(std::string(e.what()).find("never dispatched") != std::string::npos);
  }
  BOOST_CHECK_THROW(campaign::effectiveness_report(*c.db, 99, {30}), InputError);
}

BOOST_AUTO_TEST_CASE(payments_before_the_dispatch_only_give_an_empty_report_that_says_why) {
  Campaign c(40, 0);
  std::string csv = "account_id,paid_on,amount\n";
  for (const auto& a : c.mailed) csv += a + "," + k_dispatch.minus_days(3).iso() + ",150000\n";
  selection::import_file(*c.db, selection::ImportKind::payments, c.tmp.write("pagos.csv", csv));
  const auto r = campaign::effectiveness_report(*c.db, c.batch, {30});
  BOOST_TEST(r.windows.at(0).mailed.accounts == 40);
  BOOST_TEST(r.windows.at(0).mailed.paid == 0);
  BOOST_TEST(!r.windows.at(0).control);
  BOOST_TEST(!r.windows.at(0).lift);
  BOOST_TEST(r.note.find("no payment") != std::string::npos);
  BOOST_TEST(campaign::to_json(r).find(R"("control":null,"lift":null)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(windows_are_whole_days_given_once) {
  BOOST_TEST(campaign::parse_windows("90,30") == (std::vector<int>{30, 90}));
  for (const char* bad : {"", "0", "30,,60", "30,30", "-5", "x", "3651", "30;60"}) {
    BOOST_CHECK_THROW(campaign::parse_windows(bad), InputError);
  }
}

BOOST_AUTO_TEST_SUITE_END()
