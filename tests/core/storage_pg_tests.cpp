// PostgreSQL failures a user meets: no server, wrong user or database, the
// connection dropped in the middle of a bulk load.
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <random>

#include "../support/pg_database.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"

using namespace cartero;
using cartero::testing::PgAdmin;
using cartero::testing::PgDatabase;

namespace {

template <typename F>
std::string input_error_of(F f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

// "postgresql://user@host:port/db" -> "postgresql://USER@host:port/DB".
std::string with(const std::string& user, const std::string& db) {
  const std::string server = PgAdmin::server_uri();
  const auto at = server.find('@');
  const auto slash = server.rfind('/');
  return "postgresql://" + user + server.substr(at, slash - at + 1) + db;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(storage_pg_tests)

BOOST_AUTO_TEST_CASE(an_unreachable_server_is_an_input_error_without_the_password) {
  const std::string message =
      input_error_of([] { Database::open("postgresql://cartero:s3cret@127.0.0.1:1/cartero"); });
  BOOST_TEST(contains(message, "cannot connect to PostgreSQL at postgresql://cartero:***@127.0.0.1:1/cartero"),
             message);
  BOOST_TEST(contains(message, "Connection refused"), message);
  BOOST_TEST(!contains(message, "s3cret"), message);
}

BOOST_AUTO_TEST_CASE(a_wrong_user_or_database_is_an_input_error) {
  if (!PgAdmin::available()) return;
  std::string message = input_error_of([] { Database::open(with("nobody", "postgres")); });
  BOOST_TEST(contains(message, "cannot connect to PostgreSQL"), message);
  BOOST_TEST(contains(message, "role \"nobody\" does not exist"), message);
  message = input_error_of([] { Database::open(with("cartero", "no_such_db")); });
  BOOST_TEST(contains(message, "database \"no_such_db\" does not exist"), message);
}

BOOST_AUTO_TEST_CASE(a_connection_dropped_during_a_bulk_load_writes_nothing) {
  if (!PgAdmin::available()) return;
  PgDatabase pg;
  auto db = Database::open(pg.uri());
  sql::exec(*db, "INSERT INTO payments (account_id, paid_on, amount) VALUES ('1', '2026-01-01', 5)");
  const std::string pid = sql::scalar(*db, "SELECT pg_backend_pid()").value();
  std::string message;
  try {
    sql::Transaction tx(*db);
    sql::clear_table(*db, "payments");
    sql::BulkWriter out(*db, "payments", {"account_id", "paid_on", "amount"});
    for (std::int64_t i = 0; i < 50'000; ++i) out.add(std::to_string(i)).add("2026-11-24").add(i).end_row();
    PgAdmin(PgAdmin::server_uri()).run("SELECT pg_terminate_backend(" + pid + ")");
    for (std::int64_t i = 0; i < 100'000; ++i) out.add(std::to_string(i)).add("2026-11-24").add(i).end_row();
    out.finish();
    tx.commit();
  } catch (const InternalError& e) {
    message = e.what();
  }
  BOOST_TEST(contains(message, "lost the connection to the PostgreSQL server"), message);
  BOOST_TEST(contains(message, "nothing of it was written"), message);
  auto again = Database::open(pg.uri());
  BOOST_TEST(sql::scalar(*again, "SELECT COUNT(*) FROM payments").value_or("") == "1");
}

BOOST_AUTO_TEST_CASE(accents_survive_a_database_in_another_encoding) {
  if (!PgAdmin::available()) return;
  const std::string name = "cartero_test_latin1_" + std::to_string(std::random_device()());
  PgAdmin(PgAdmin::server_uri())
      .run("CREATE DATABASE " + name + " ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
  try {
    auto db = Database::open(with("cartero", name));
    sql::exec(*db, "CREATE TABLE scratch (name TEXT NOT NULL)");
    sql::BulkWriter out(*db, "scratch", {"name"});
    out.add("José Peña Ñandú Güiza").end_row();
    out.finish();
    BOOST_TEST(sql::scalar(*db, "SELECT name FROM scratch WHERE name = ?", {"José Peña Ñandú Güiza"}).value_or("") ==
               "José Peña Ñandú Güiza");
    // Stored as characters, not as UTF-8 bytes taken for Latin-1 ones.
    BOOST_TEST(sql::scalar(*db, "SELECT length(name) FROM scratch").value_or("") == "21");
  } catch (...) {
    PgAdmin(PgAdmin::server_uri()).run("DROP DATABASE " + name + " WITH (FORCE)");
    throw;
  }
  PgAdmin(PgAdmin::server_uri()).run("DROP DATABASE " + name + " WITH (FORCE)");
}

BOOST_AUTO_TEST_SUITE_END()
