// End to end on PostgreSQL: the `cartero` binary with --db postgresql://…
// gives what it gives on a SQLite file, two analysts selecting at once get
// two complete drafts, and a server that fails says so. Skipped without
// CARTERO_TEST_PG (./dev test sets it).
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <string>

#include "../support/pg_database.hpp"
#include "../support/run.hpp"

using cartero::testing::PgAdmin;
using cartero::testing::PgDatabase;
using cartero::testing::run_cartero;
using cartero::testing::TempDir;

namespace {

const char* const k_header =
    "account_id;holder_name;document_id;use_type;address;neighborhood;city;zone;billing_type;balance;"
    "days_past_due;legal_collection;sanitation\n";

// A deterministic portfolio of `n` accounts with every rule at work, plus
// payments and prior letters for some of them.
void write_portfolio(const TempDir& tmp, int n) {
  const char* uses[] = {"Residencial", "comercial", "industrial", "oficial", "rural"};
  const char* sanitation[] = {"", "", "", "", "", "", "", "lote", "demolido", ""};
  std::string accounts = k_header, payments = "account_id;paid_on;amount\n", letters = "account_id;sent_on\n";
  unsigned x = 12345;
  const auto next = [&x] { return x = x * 1103515245u + 12345u, (x >> 8) % 1000003; };
  for (int i = 0; i < n; ++i) {
    const std::string id = std::to_string(i % 3 == 0 ? 9000000 + i : 100000 + i * 7);
    accounts += id + ";Titular Núñez " + std::to_string(i) + ";" + std::to_string(next()) + ";" + uses[i % 5] + ";" +
                (i % 41 == 0 ? "" : "CL " + std::to_string(i) + " # 1 - 2") + ";Kennedy;Bogotá;Z" +
                std::to_string(i % 9) + ";" + (i % 2 ? "directa" : "conjunta") + ";" +
                std::to_string(next() * 3) + ";" + std::to_string(next() % 400) + ";" + (i % 37 == 0 ? "si" : "no") +
                ";" + sanitation[i % 10] + "\n";
    if (i % 4 == 0) payments += id + ";2026-" + (i % 8 ? "11-10" : "09-01") + ";" + std::to_string(next()) + "\n";
    if (i % 6 == 0) letters += id + ";2026-" + (i % 12 ? "10-15" : "05-01") + "\n";
  }
  tmp.write("accounts.csv", accounts);
  tmp.write("payments.csv", payments);
  tmp.write("letters.csv", letters);
  tmp.write("one-person.json", R"({"require_approval": false})");  // no approver in this office
}

void import_all(const TempDir& tmp, const std::string& db) {
  for (const char* kind : {"accounts", "payments", "letters"}) {
    // The portfolio has rows of an unknown use type on purpose (20 %).
    const auto r = run_cartero(tmp, "--db '" + db + "' import " + kind + " " + kind + ".csv --accept-rejected");
    BOOST_TEST_REQUIRE(r.exit_code == 0, kind << ": " << r.err);
  }
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(pg_cli_tests)

BOOST_AUTO_TEST_CASE(postgresql_selects_what_sqlite_selects) {
  if (!PgAdmin::available()) return;
  TempDir tmp;
  PgDatabase pg;
  write_portfolio(tmp, 3000);
  import_all(tmp, "lite.db");
  import_all(tmp, pg.uri());
  const std::string select = " select --cutoff 2026-11-24 --max 700";
  const auto lite = run_cartero(tmp, "--db lite.db" + select + " --out lite-sel.csv --explain lite-exc.csv");
  const auto server = run_cartero(tmp, "--db '" + pg.uri() + "'" + select + " --out pg-sel.csv --explain pg-exc.csv");
  BOOST_TEST_REQUIRE(server.exit_code == 0, server.err);
  BOOST_TEST(server.err == "");
  BOOST_TEST(server.out == lite.out);
  BOOST_TEST(contains(lite.out, R"("selected":700})"), lite.out);
  BOOST_TEST(TempDir::read(tmp.path("pg-sel.csv")) == TempDir::read(tmp.path("lite-sel.csv")));
  BOOST_TEST(TempDir::read(tmp.path("pg-exc.csv")) == TempDir::read(tmp.path("lite-exc.csv")));
}

BOOST_AUTO_TEST_CASE(two_analysts_selecting_at_once_get_two_complete_drafts) {
  if (!PgAdmin::available()) return;
  TempDir tmp;
  PgDatabase pg;
  write_portfolio(tmp, 3000);
  import_all(tmp, pg.uri());
  const std::string select = "'" + std::string(CARTERO_BINARY) + "' --db '" + pg.uri() + "' select --cutoff 2026-11-24";
  const std::string both = "cd '" + tmp.dir().string() + "' && (" + select + " --out a.csv >a.json 2>a.err & " +
                           select + " --out b.csv >b.json 2>b.err & wait)";
  BOOST_TEST_REQUIRE(std::system(both.c_str()) == 0);
  const std::string a = TempDir::read(tmp.path("a.json")), b = TempDir::read(tmp.path("b.json"));
  BOOST_TEST(((contains(a, R"({"batch":1,)") && contains(b, R"({"batch":2,)")) ||
              (contains(a, R"({"batch":2,)") && contains(b, R"({"batch":1,)"))),
             a << b << TempDir::read(tmp.path("a.err")) << TempDir::read(tmp.path("b.err")));
  BOOST_TEST(TempDir::read(tmp.path("a.csv")) == TempDir::read(tmp.path("b.csv")));
  // Both drafts are stored whole: as many rows as each says it selected.
  PgAdmin db(pg.uri());
  BOOST_TEST(db.run("SELECT COUNT(*) FROM batches") == "2");
  BOOST_TEST(db.run("SELECT COUNT(*) FROM batches b WHERE selected_count = "
                    "(SELECT SUM(accounts) FROM batch_selected s WHERE s.batch_id = b.id)") == "2");
}

BOOST_AUTO_TEST_CASE(letters_match_sqlite_and_a_batch_dispatched_twice_at_once_is_dispatched_once) {
  if (!PgAdmin::available()) return;
  TempDir tmp;
  PgDatabase pg;
  write_portfolio(tmp, 3000);
  for (const std::string& db : {std::string("lite.db"), pg.uri()}) {
    import_all(tmp, db);
    const std::string on = "--db '" + db + "' ";
    BOOST_TEST_REQUIRE(run_cartero(tmp, on + "select --cutoff 2026-11-24 --max 300 --config one-person.json").exit_code == 0);
    const auto r = run_cartero(tmp, on + "letters --batch 1 --date 2026-11-24 --out " + (db == "lite.db" ? "lite" : "pg"));
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
  }
  BOOST_TEST(TempDir::read(tmp.path("pg/manifest.csv")) == TempDir::read(tmp.path("lite/manifest.csv")));
  const std::string dispatch = "'" + std::string(CARTERO_BINARY) + "' --db '" + pg.uri() +
                               "' dispatch --batch 1 --date 2026-11-25";
  const std::string both = "cd '" + tmp.dir().string() + "' && ((" + dispatch + " >a.json 2>a.err; echo $? >a.rc) & (" +
                           dispatch + " >b.json 2>b.err; echo $? >b.rc) & wait)";
  std::system(both.c_str());
  const std::string codes = TempDir::read(tmp.path("a.rc")) + TempDir::read(tmp.path("b.rc"));
  BOOST_TEST((codes == "0\n1\n" || codes == "1\n0\n"), codes);
  const std::string refused = TempDir::read(tmp.path("a.err")) + TempDir::read(tmp.path("b.err"));
  BOOST_TEST(contains(refused, "batch 1 was already dispatched on 2026-11-25"), refused);
  BOOST_TEST(PgAdmin(pg.uri()).run("SELECT COUNT(*) FROM letters WHERE sent_on = '2026-11-25'") == "300");
}

BOOST_AUTO_TEST_CASE(two_batches_numbered_at_once_share_one_gapless_sequence) {
  if (!PgAdmin::available()) return;
  TempDir tmp;
  PgDatabase pg;
  write_portfolio(tmp, 3000);
  import_all(tmp, pg.uri());
  const std::string on = "'" + std::string(CARTERO_BINARY) + "' --db '" + pg.uri() + "' ";
  for (int i = 0; i < 2; ++i) {
    BOOST_TEST_REQUIRE(run_cartero(tmp, "--db '" + pg.uri() + "' select --cutoff 2026-11-24 --max 250 --config one-person.json").exit_code == 0);
  }
  const std::string both = "cd '" + tmp.dir().string() + "' && ((" + on +
                           "letters --batch 1 --date 2026-11-24 --out one >/dev/null 2>one.err; echo $? >one.rc) & (" + on +
                           "letters --batch 2 --date 2026-11-24 --out two >/dev/null 2>two.err; echo $? >two.rc) & wait)";
  std::system(both.c_str());
  BOOST_TEST(TempDir::read(tmp.path("one.rc")) + TempDir::read(tmp.path("two.rc")) == "0\n0\n",
             TempDir::read(tmp.path("one.err")) + TempDir::read(tmp.path("two.err")));
  PgAdmin db(pg.uri());
  BOOST_TEST(db.run("SELECT COUNT(DISTINCT letter_id) FROM letters") == "500");
  BOOST_TEST(db.run("SELECT last_number FROM letter_counters") == "500");
}

BOOST_AUTO_TEST_CASE(server_failures_exit_with_a_message) {
  TempDir tmp;
  write_portfolio(tmp, 10);
  auto r = run_cartero(tmp, "--db postgresql://cartero:pw@127.0.0.1:1/cartero import accounts accounts.csv");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(contains(r.err, "cannot connect to PostgreSQL at postgresql://cartero:***@127.0.0.1:1/cartero"), r.err);
  if (!PgAdmin::available()) return;
  PgDatabase pg;
  import_all(tmp, pg.uri());
  PgAdmin(pg.uri()).run("INSERT INTO schema_version (version) VALUES (999)");
  r = run_cartero(tmp, "--db '" + pg.uri() + "' select");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(contains(r.err, "has schema version 999, newer than this cartero knows"), r.err);
}

BOOST_AUTO_TEST_CASE(an_import_whose_connection_is_killed_changes_nothing) {
  if (!PgAdmin::available()) return;
  TempDir tmp;
  PgDatabase pg;
  write_portfolio(tmp, 10);
  import_all(tmp, pg.uri());
  const std::string before = PgAdmin(pg.uri()).run("SELECT COUNT(*) FROM accounts");
  BOOST_TEST(before != "0");
  write_portfolio(tmp, 400'000);
  const std::string import = "cd '" + tmp.dir().string() + "' && '" + CARTERO_BINARY + "' --db '" + pg.uri() +
                             "' import accounts accounts.csv --accept-rejected >out.json 2>err.txt; echo $? >rc.txt";
  std::string launch = "(" + import + ") &";
  BOOST_TEST_REQUIRE(std::system(launch.c_str()) == 0);
  PgAdmin admin(PgAdmin::server_uri());
  std::string killed;
  for (int i = 0; i < 2000 && killed.empty(); ++i) {
    killed = admin.run("SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity WHERE datname = '" + pg.name() +
                       "' AND query LIKE 'COPY accounts%'");
    if (killed.empty()) std::system("sleep 0.01");
  }
  BOOST_TEST_REQUIRE(killed == "true", "the import's COPY was never seen running");
  for (int i = 0; i < 3000 && TempDir::read(tmp.path("rc.txt")).empty(); ++i) std::system("sleep 0.01");
  BOOST_TEST(TempDir::read(tmp.path("rc.txt")) == "2\n");
  const std::string err = TempDir::read(tmp.path("err.txt"));
  BOOST_TEST(contains(err, "lost the connection to the PostgreSQL server"), err);
  BOOST_TEST(PgAdmin(pg.uri()).run("SELECT COUNT(*) FROM accounts") == before);
}

BOOST_AUTO_TEST_SUITE_END()
