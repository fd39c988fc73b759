// The storage layer on both engines: every case runs on a fresh SQLite file
// and, when CARTERO_TEST_PG names a server (./dev test starts one), on a
// fresh PostgreSQL database.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <functional>
#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

#include "../support/temp_dir.hpp"
#ifdef CARTERO_WITH_POSTGRESQL
#include "../support/pg_database.hpp"
#endif
#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"

using namespace cartero;
using cartero::testing::TempDir;

namespace {

void on_each_engine(const std::function<void(const std::string& uri)>& body) {
  {
    TempDir tmp;
    BOOST_TEST_CONTEXT("SQLite") { body(tmp.path("cartero.db")); }
  }
#ifdef CARTERO_WITH_POSTGRESQL
  if (!testing::PgAdmin::available()) {
    BOOST_TEST_MESSAGE("CARTERO_TEST_PG is not set: PostgreSQL not tested (run ./dev test)");
    return;
  }
  testing::PgDatabase pg;
  BOOST_TEST_CONTEXT("PostgreSQL") { body(pg.uri()); }
#endif
}

std::int64_t count(Database& db, const std::string& table) {
  return std::stoll(sql::scalar(db, "SELECT COUNT(*) FROM " + table).value_or("-1"));
}

void make_scratch_table(Database& db) {
  sql::exec(db, "CREATE TABLE scratch (id BIGINT NOT NULL, name TEXT, amount BIGINT)");
}

template <typename F>
std::string input_error_of(F f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(storage_tests)

BOOST_AUTO_TEST_CASE(migrations_are_applied_once) {
  on_each_engine([](const std::string& uri) {
    Database::open(uri);
    auto db = Database::open(uri);
    BOOST_TEST(db->schema_version() == Database::latest_schema_version());
    BOOST_TEST(count(*db, "schema_version") == Database::latest_schema_version());
    BOOST_TEST(count(*db, "accounts") == 0);
  });
}

BOOST_AUTO_TEST_CASE(two_processes_opening_a_new_database_at_once_migrate_it_once) {
  on_each_engine([](const std::string& uri) {
    std::vector<std::thread> openers;
    std::vector<std::string> errors(4);
    for (std::size_t i = 0; i < errors.size(); ++i) {
      openers.emplace_back([&, i] {
        try {
          Database::open(uri);
        } catch (const std::exception& e) {
          errors[i] = e.what();
        }
      });
    }
    for (auto& t : openers) t.join();
    for (const auto& e : errors) BOOST_TEST(e == "");
    BOOST_TEST(count(*Database::open(uri), "schema_version") == Database::latest_schema_version());
  });
}

BOOST_AUTO_TEST_CASE(a_newer_schema_is_refused_and_left_alone) {
  on_each_engine([](const std::string& uri) {
    const std::string newer = std::to_string(Database::latest_schema_version() + 1);
    sql::exec(*Database::open(uri), "INSERT INTO schema_version (version) VALUES (?)", {newer});
    const std::string message = input_error_of([&] { Database::open(uri); });
    BOOST_TEST(message.find("has schema version " + newer + ", newer than this cartero knows") != std::string::npos,
               message);
  });
}

BOOST_AUTO_TEST_CASE(bulk_writes_round_trip_every_character) {
  const std::vector<std::string> names = {"José Peña Ñandú Güiza", "tab\there", "line\nbreak\r\nend",
                                          "back\\slash \\N \\.", "\\.", "", "comma, \"quote\" 'apostrophe'"};
  on_each_engine([&](const std::string& uri) {
    auto db = Database::open(uri);
    make_scratch_table(*db);
    sql::Transaction tx(*db);
    sql::BulkWriter out(*db, "scratch", {"id", "name", "amount"});
    for (std::size_t i = 0; i < names.size(); ++i) {
      out.add(static_cast<std::int64_t>(i)).add(names[i]).add(std::numeric_limits<std::int64_t>::max() - 1).end_row();
    }
    out.add(std::int64_t{100}).add_null().add(std::numeric_limits<std::int64_t>::min()).end_row();
    out.finish();
    tx.commit();
    std::size_t i = 0;
    sql::for_each_row(*db, "SELECT id, name, amount FROM scratch ORDER BY id", {}, [&](const sql::Row& r) {
      if (i < names.size()) {
        BOOST_TEST(!r.is_null(1));
        BOOST_TEST(std::string(r.text(1)) == names[i]);
        BOOST_TEST(r.int64(2) == std::numeric_limits<std::int64_t>::max() - 1);
      } else {
        BOOST_TEST(r.is_null(1));
        BOOST_TEST(r.int64(2) == std::numeric_limits<std::int64_t>::min());
      }
      ++i;
    });
    BOOST_TEST(i == names.size() + 1);
  });
}

BOOST_AUTO_TEST_CASE(streaming_reads_see_every_row_and_text_parameters_compare_with_numbers) {
  on_each_engine([](const std::string& uri) {
    auto db = Database::open(uri);
    make_scratch_table(*db);
    const std::int64_t n = 50'001;  // more than two of PostgreSQL's fetch batches
    sql::Transaction tx(*db);
    sql::BulkWriter out(*db, "scratch", {"id", "name", "amount"});
    for (std::int64_t i = 1; i <= n; ++i) out.add(i).add("n" + std::to_string(i)).add(i * 10).end_row();
    out.finish();
    std::int64_t rows = 0, sum = 0;
    sql::for_each_row(*db, "SELECT id, amount FROM scratch WHERE id > ? AND amount <= ?", {"1", "500000"},
                      [&](const sql::Row& r) {
                        ++rows;
                        sum += r.int64(0);
                      });
    BOOST_TEST(rows == 49'999);
    BOOST_TEST(sum == 50'000LL * 50'001 / 2 - 1);
    BOOST_TEST(sql::scalar(*db, "SELECT name FROM scratch WHERE id = ?", {"42"}).value_or("") == "n42");
    // A failing callback leaves the connection usable, in the transaction.
    BOOST_CHECK_THROW(sql::for_each_row(*db, "SELECT id FROM scratch", {},
                                        [](const sql::Row&) { throw std::runtime_error("stop"); }),
                      std::runtime_error);
    BOOST_TEST(count(*db, "scratch") == n);
    // The connection is busy while rows stream: a statement from the
    // callback is refused on both engines, and the reading stops cleanly.
    BOOST_CHECK_THROW(sql::for_each_row(*db, "SELECT id FROM scratch", {},
                                        [&](const sql::Row&) { sql::scalar(*db, "SELECT 1"); }),
                      InternalError);
    BOOST_TEST(count(*db, "scratch") == n);
    tx.commit();
    // Outside a transaction too.
    rows = 0;
    sql::for_each_row(*db, "SELECT id FROM scratch", {}, [&](const sql::Row&) { ++rows; });
    BOOST_TEST(rows == n);
  });
}

BOOST_AUTO_TEST_CASE(returning_gives_the_new_ids) {
  on_each_engine([](const std::string& uri) {
    auto db = Database::open(uri);
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 2; ++i) {
      sql::for_each_row(*db,
                        "INSERT INTO imports (kind, file, imported_at, rows_read, rows_imported, rows_rejected) "
                        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                        {"accounts", "a.csv", "2026-11-24T00:00:00Z", "1", "1", "0"},
                        [&](const sql::Row& r) { ids.push_back(r.int64(0)); });
    }
    BOOST_TEST(ids == (std::vector<std::int64_t>{1, 2}), boost::test_tools::per_element());
  });
}

BOOST_AUTO_TEST_CASE(a_transaction_not_committed_leaves_nothing) {
  on_each_engine([](const std::string& uri) {
    auto db = Database::open(uri);
    make_scratch_table(*db);
    sql::exec(*db, "INSERT INTO scratch (id, name, amount) VALUES (1, 'before', 0)");
    try {
      sql::Transaction tx(*db);
      sql::clear_table(*db, "scratch");
      sql::BulkWriter out(*db, "scratch", {"id", "name", "amount"});
      for (std::int64_t i = 0; i < 1000; ++i) out.add(i).add("x").add(i).end_row();
      throw std::runtime_error("the import failed half-way");
    } catch (const std::runtime_error&) {
    }
    BOOST_TEST(count(*db, "scratch") == 1);
    BOOST_TEST(sql::scalar(*db, "SELECT name FROM scratch").value_or("") == "before");
    {
      sql::Transaction tx(*db);
      sql::clear_table(*db, "scratch");
    }
    BOOST_TEST(count(*db, "scratch") == 1);
  });
}

BOOST_AUTO_TEST_CASE(a_reader_holding_its_tables_sees_no_replacement_until_it_ends) {
  on_each_engine([](const std::string& uri) {
    auto reader = Database::open(uri);
    make_scratch_table(*reader);
    sql::exec(*reader, "INSERT INTO scratch (id, name, amount) VALUES (1, 'old', 0)");
    std::unique_ptr<sql::Transaction> tx = std::make_unique<sql::Transaction>(*reader);
    sql::lock_for_reading(*reader, {"scratch"});  // not read yet: the lock alone holds it
    std::string error;
    std::thread importer([&] {
      try {
        auto writer = Database::open(uri);
        sql::Transaction wtx(*writer);
        sql::clear_table(*writer, "scratch");
        sql::exec(*writer, "INSERT INTO scratch (id, name, amount) VALUES (2, 'new', 0)");
        wtx.commit();
      } catch (const std::exception& e) {
        error = e.what();
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    BOOST_TEST(sql::scalar(*reader, "SELECT name FROM scratch").value_or("") == "old");
    tx->commit();
    importer.join();
    BOOST_TEST(error == "");
    BOOST_TEST(sql::scalar(*reader, "SELECT name FROM scratch").value_or("") == "new");
  });
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(storage_busy_tests)

BOOST_AUTO_TEST_CASE(a_writer_waits_for_the_lock_and_then_writes) {
  TempDir tmp;
  auto a = Database::open(tmp.path("cartero.db"));
  auto b = Database::open(tmp.path("cartero.db"));
  sql::exec(*a, "CREATE TABLE t (x INTEGER)");
  auto holder = std::make_unique<sql::Transaction>(*a);
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    holder->commit();
  });
  sql::Transaction tx(*b);  // waits out the other writer
  sql::exec(*b, "INSERT INTO t VALUES (1)");
  tx.commit();
  release.join();
  BOOST_CHECK_EQUAL(sql::scalar(*a, "SELECT COUNT(*) FROM t").value_or(""), "1");
}

BOOST_AUTO_TEST_CASE(a_database_locked_past_the_wait_is_busy_not_an_internal_failure) {
  TempDir tmp;
  auto a = Database::open(tmp.path("cartero.db"));
  auto b = Database::open(tmp.path("cartero.db"));
  sql::exec(*b, "PRAGMA busy_timeout = 50");
  sql::Transaction holder(*a);
  const auto start = std::chrono::steady_clock::now();
  BOOST_CHECK_EXCEPTION(sql::Transaction{*b}, BusyError, [](const BusyError& e) {
    return std::string(e.what()).find("database is busy") != std::string::npos;
  });
  BOOST_CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(150));  // tried again, bounded
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_sqlite_is_refused_and_left_alone) {
  TempDir tmp;
  tmp.write("cuentas.csv", "account_id;holder_name\n1001;José\n");
  BOOST_CHECK_EXCEPTION(Database::open(tmp.path("cuentas.csv")), InputError, [](const InputError& e) {
    return std::string(e.what()).find("not a Cartero database") != std::string::npos;
  });
  BOOST_CHECK_EQUAL(TempDir::read(tmp.path("cuentas.csv")), "account_id;holder_name\n1001;José\n");
  BOOST_CHECK_THROW(Database::open(tmp.dir().string()), InputError);
}

BOOST_AUTO_TEST_SUITE_END()
