// Account lookup on PostgreSQL (when CARTERO_TEST_PG names a server): the
// word table's prefix ranges in byte order (COLLATE "C"), the words written
// by the import and by its undo, as on SQLite.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "cartero/core/sql.hpp"
#include "cartero/selection/account_words.hpp"
#include "cartero/selection/accounts.hpp"
#include "cartero/selection/import.hpp"
#include "../support/pg_database.hpp"
#include "../support/temp_dir.hpp"

using namespace cartero;
using cartero::testing::PgAdmin;
using cartero::testing::PgDatabase;
using cartero::testing::TempDir;

namespace {

using Ids = std::vector<std::string>;

Ids find(Database& db, const std::string& q, selection::AccountSort sort = {}) {
  Ids out;
  for (const auto& a : selection::find_accounts(db, q, 20, 0, sort).accounts) out.push_back(a.account_id);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(account_lookup_pg_tests)

BOOST_AUTO_TEST_CASE(postgresql_finds_words_in_any_order_as_sqlite_does) {
  if (!PgAdmin::available()) {
    BOOST_TEST_MESSAGE("CARTERO_TEST_PG not set: PostgreSQL not tested");
    return;
  }
  PgDatabase pg;
  TempDir tmp;
  auto db = Database::open(pg.uri());
  selection::import_file(*db, selection::ImportKind::accounts,
                         tmp.write("cartera.csv",
                                   "Cuenta;Nombre del suscriptor;Documento;Uso;Dirección;Barrio;Ciudad;Zona;Facturación;Saldo;Días de mora\n"
                                   "100000007;MARÍA IBÁÑEZ GÓMEZ;52.123.456;Residencial;CL 45 # 12-30 AP 201;La Candelaria;Bogotá D.C.;Z02;Directa;1.234.567;95\n"
                                   "100000015;JOSÉ ÁLVAREZ PEÑA;79.555.001;Comercial;KR 7 # 80-15;Chapinero;Bogotá D.C.;Z01;Directa;800.000;120\n"
                                   "200000013;LUIS IBAÑEZ;1.020.300.400;Residencial;AV 68 # 1-50 SUR;Kennedy;Bogotá D.C.;Z03;Conjunta;450.000;61\n"));
  BOOST_CHECK(find(*db, "pena jose") == Ids{"100000015"});
  BOOST_CHECK(find(*db, "alv jos") == Ids{"100000015"});
  BOOST_CHECK(find(*db, "100.000.007") == Ids{"100000007"});
  BOOST_CHECK(find(*db, "79.555.001") == Ids{"100000015"});
  BOOST_CHECK(find(*db, "anez").empty());
  BOOST_CHECK(find(*db, "ib%ez").empty());
  BOOST_CHECK((find(*db, "ibanez", {selection::AccountSort::Key::balance, true}) == Ids{"100000007", "200000013"}));
  BOOST_CHECK_EQUAL(selection::find_accounts(*db, "cl", 1).total, 1);
  // The words as the engine orders them: byte order, whatever the database's collation.
  BOOST_CHECK_EQUAL(sql::scalar(*db, "SELECT COUNT(*) FROM account_words WHERE word >= 'ib' AND word < 'ic'").value_or(""), "2");
  sql::exec(*db, "DELETE FROM account_words");
  // Without the words (the web server writes them in the background), the same accounts in the same order.
  const std::vector<std::string> queries = {"pena jose", "ibanez", "cl", "100.000.007", "79.555.001", "anez", "1"};
  const selection::AccountSort by_balance{selection::AccountSort::Key::balance, true};
  std::vector<Ids> without;
  for (const auto& q : queries) {
    const auto m = selection::find_accounts(*db, q, 20, 0, by_balance, selection::MissingWords::read_without);
    BOOST_CHECK(m.read_without_words);
    without.emplace_back();
    for (const auto& a : m.accounts) without.back().push_back(a.account_id);
  }
  BOOST_CHECK(selection::account_words_missing(*db));
  selection::write_account_words(*db);
  BOOST_CHECK(!selection::account_words_missing(*db));
  for (std::size_t i = 0; i < queries.size(); ++i) BOOST_CHECK(find(*db, queries[i], by_balance) == without[i]);
  BOOST_CHECK((without[1] == Ids{"100000007", "200000013"}));
  sql::exec(*db, "DELETE FROM account_words");
  BOOST_CHECK(find(*db, "kennedy luis") == Ids{"200000013"});  // written again on the first search
  BOOST_CHECK(!selection::account_words_missing(*db));
  selection::write_account_words(*db);  // anew, over words already written
  BOOST_CHECK(find(*db, "pena jose") == Ids{"100000015"});
  // The web server's writer, on its own connection: at start, as the words are missing.
  sql::exec(*db, "DELETE FROM account_words");
  selection::AccountWordsWriter writer(pg.uri());
  for (int i = 0; i < 100 && selection::account_words_missing(*db); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  BOOST_CHECK(!selection::account_words_missing(*db));
  sql::exec(*db, "DELETE FROM account_words");
  writer.accounts_changed();
  for (int i = 0; i < 100 && selection::account_words_missing(*db); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  BOOST_CHECK(!selection::account_words_missing(*db));
}

BOOST_AUTO_TEST_SUITE_END()
