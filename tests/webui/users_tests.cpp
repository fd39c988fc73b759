// Login throttling under concurrency, per user and per address, and the
// pruning of old failures (access/src/users.cpp).
#include "cartero/access/users.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "../support/temp_dir.hpp"
#include "cartero/core/sql.hpp"

using namespace cartero;
using namespace cartero::access;

namespace {

struct Fixture {
  cartero::testing::TempDir tmp;
  std::string db_path = tmp.path("c.db");
  std::unique_ptr<Database> db = Database::open(db_path);
  Fixture() { add_user(*db, {"ana", Role::analyst, {}}, "clave-analista"); }
  std::string count(const std::string& query) { return sql::scalar(*db, query).value_or("?"); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(users_tests, Fixture)

BOOST_AUTO_TEST_CASE(parallel_wrong_passwords_get_exactly_five_checked) {
  constexpr int k_tries = 128;
  std::vector<std::unique_ptr<Database>> connections;
  for (int i = 0; i < k_tries; ++i) connections.push_back(Database::open(db_path));
  std::atomic<int> wrong{0}, throttled{0}, go{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < k_tries; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      Session s;
      const auto r = login(*connections[static_cast<std::size_t>(i)], "ana", "adivinanza-" + std::to_string(i), "10.0.0.7", s);
      (r == LoginResult::wrong ? wrong : throttled)++;
    });
  }
  go = 1;
  for (auto& t : threads) t.join();
  BOOST_CHECK_EQUAL(wrong.load(), 5);
  BOOST_CHECK_EQUAL(throttled.load(), k_tries - 5);
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM login_failures"), "5");
  Session s;
  BOOST_CHECK(login(*db, "ana", "clave-analista", "10.0.0.7", s) == LoginResult::throttled);  // even the right one
  BOOST_CHECK(login(*db, "ana", "clave-analista", "10.0.0.8", s) == LoginResult::ok);  // another address
}

BOOST_AUTO_TEST_CASE(an_address_trying_many_users_is_throttled) {
  Session s;
  int wrong = 0;
  for (int i = 0; i < 20; ++i) wrong += login(*db, "user" + std::to_string(i), "x", "10.0.0.9", s) == LoginResult::wrong;
  BOOST_CHECK_EQUAL(wrong, 20);
  BOOST_CHECK(login(*db, "user-21", "x", "10.0.0.9", s) == LoginResult::throttled);
  BOOST_CHECK(login(*db, "ana", "clave-analista", "10.0.0.9", s) == LoginResult::throttled);
  BOOST_CHECK(login(*db, "ana", "clave-analista", "10.0.0.10", s) == LoginResult::ok);
}

BOOST_AUTO_TEST_CASE(failures_older_than_the_window_are_pruned_and_a_success_clears_its_own) {
  sql::exec(*db, "INSERT INTO login_failures (user_name, address, failed_at) VALUES ('ana', '10.0.0.7', '2026-01-01T00:00:00Z')");
  sql::exec(*db, "INSERT INTO login_failures (user_name, address, failed_at) VALUES ('x', '10.9.9.9', '2026-01-01T00:00:00Z')");
  Session s;
  BOOST_CHECK(login(*db, "ana", "mala", "10.0.0.7", s) == LoginResult::wrong);
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM login_failures"), "1");  // both old rows gone, this one kept
  BOOST_CHECK(login(*db, "ana", "clave-analista", "10.0.0.7", s) == LoginResult::ok);
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM login_failures"), "0");
}

BOOST_AUTO_TEST_SUITE_END()
