// The idle timeout, with the clock given: use keeps a session alive, a gap
// longer than the timeout ends it, and zero means no idle timeout.
#include <boost/test/unit_test.hpp>

#include "activity.hpp"

using cartero::webui::SessionActivity;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(activity_tests)

BOOST_AUTO_TEST_CASE(a_gap_longer_than_the_timeout_ends_the_session) {
  SessionActivity activity(30min, 8h);
  const auto t0 = SessionActivity::Clock::time_point{} + 1000h;
  BOOST_TEST(activity.touch("a", t0));
  BOOST_TEST(activity.touch("a", t0 + 29min));
  BOOST_TEST(activity.touch("a", t0 + 58min));  // each use restarts the count
  BOOST_TEST(activity.touch("b", t0));
  BOOST_TEST(!activity.touch("b", t0 + 31min));
  BOOST_TEST(activity.touch("a", t0 + 80min));
}

BOOST_AUTO_TEST_CASE(an_idle_session_stays_ended_when_old_entries_are_swept) {
  SessionActivity activity(30min, 8h);
  const auto t0 = SessionActivity::Clock::time_point{} + 1000h;
  activity.touch("idle", t0);
  for (int i = 0; i < 3000; ++i) activity.touch("busy", t0 + 1h + i * 1s);  // sweeps run meanwhile
  BOOST_TEST(!activity.touch("idle", t0 + 2h));
}

BOOST_AUTO_TEST_CASE(zero_means_no_idle_timeout) {
  SessionActivity activity(0s, 8h);
  const auto t0 = SessionActivity::Clock::time_point{};
  BOOST_TEST(activity.touch("a", t0));
  BOOST_TEST(activity.touch("a", t0 + 7h));
}

BOOST_AUTO_TEST_SUITE_END()
