#include "cartero/campaign/stats.hpp"

#include <boost/test/unit_test.hpp>

using namespace cartero::campaign;

BOOST_AUTO_TEST_SUITE(stats_tests)

// Newcombe, "Interval estimation for the difference between independent
// proportions", Statistics in Medicine 17 (1998), table II, method 10.
BOOST_AUTO_TEST_CASE(newcombe_interval_matches_the_published_examples) {
  struct Case {
    std::int64_t x1, n1, x2, n2;
    double low, high;
  };
  for (const Case c : {Case{56, 70, 48, 80, 0.0524, 0.3339}, Case{9, 10, 3, 10, 0.1705, 0.8090},
                       Case{5, 56, 0, 29, -0.0381, 0.1926}}) {
    const auto ci = newcombe_difference(c.x1, c.n1, c.x2, c.n2);
    BOOST_TEST_CONTEXT(c.x1 << "/" << c.n1 << " - " << c.x2 << "/" << c.n2) {
      BOOST_TEST(ci.low == c.low, boost::test_tools::tolerance(0.0006 / std::abs(c.low)));
      BOOST_TEST(ci.high == c.high, boost::test_tools::tolerance(0.0006 / c.high));
    }
  }
}

// Newcombe, "Two-sided confidence intervals for the single proportion",
// Statistics in Medicine 17 (1998), table I, method 3.
BOOST_AUTO_TEST_CASE(wilson_interval_matches_the_published_examples) {
  const auto a = wilson_interval(81, 263);
  BOOST_TEST(a.low == 0.2553, boost::test_tools::tolerance(0.0003));
  BOOST_TEST(a.high == 0.3662, boost::test_tools::tolerance(0.0003));
  const auto b = wilson_interval(0, 20);
  BOOST_TEST(b.low < 1e-12);
  BOOST_TEST(b.high == 0.1611, boost::test_tools::tolerance(0.0006));
}

BOOST_AUTO_TEST_CASE(a_payment_counts_from_the_day_after_the_dispatch_to_the_windows_last_day) {
  PaymentTally t(1, {30, 60});
  t.add(0, 0, 1000);     // on the dispatch day: before the letter could act
  t.add(0, -3, 1000);    // before
  t.add(0, 5, 0);        // zero
  t.add(0, 6, -2000);    // a reversal
  t.add(0, 30, 7000);    // the last day of 30
  t.add(0, 31, 11000);   // only in 60
  t.add(0, 61, 13000);   // in none
  BOOST_TEST(t.pesos(0, 0) == 7000);
  BOOST_TEST(t.pesos(0, 1) == 18000);
}

BOOST_AUTO_TEST_CASE(lift_is_the_difference_of_shares_and_the_pesos_beyond_the_controls_rate) {
  const SideFigures mailed{200, 60, 3'000'000}, control{100, 20, 500'000};
  const auto l = lift_of(mailed, control);
  BOOST_TEST(l.share == 0.1, boost::test_tools::tolerance(1e-12));
  // The control paid 5,000 pesos per account: 200 mailed accounts at that rate is 1,000,000.
  BOOST_TEST(l.pesos_beyond_control == 2'000'000.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(l.ci95.low < 0.1);
  BOOST_TEST(l.ci95.high > 0.1);
}

BOOST_AUTO_TEST_SUITE_END()
