#include "cartero/selection/accounts.hpp"

#include <boost/test/unit_test.hpp>

#include "cartero/core/sql.hpp"
#include "cartero/selection/import.hpp"
#include "../support/temp_dir.hpp"

using namespace cartero;
using cartero::testing::TempDir;

namespace {

// A Spanish export as the billing system writes it.
const char* const k_cartera =
    "Cuenta;Nombre del suscriptor;Documento;Uso;Dirección;Barrio;Ciudad;Zona;Facturación;Saldo;Días de mora\n"
    "100000007;MARÍA IBÁÑEZ GÓMEZ;52.123.456;Residencial;CL 45 # 12-30 AP 201;La Candelaria;Bogotá D.C.;Z02;Directa;1.234.567;95\n"
    "100000015;JOSÉ ÁLVAREZ PEÑA;79.555.001;Comercial;KR 7 # 80-15;Chapinero;Bogotá D.C.;Z01;Directa;800.000;120\n"
    "200000013;LUIS IBAÑEZ;1.020.300.400;Residencial;AV 68 # 1-50 SUR;Kennedy;Bogotá D.C.;Z03;Conjunta;450.000;61\n";

std::vector<std::string> ids(const selection::AccountMatches& m) {
  std::vector<std::string> out;
  for (const auto& a : m.accounts) out.push_back(a.account_id);
  return out;
}

struct Portfolio {
  TempDir tmp;
  std::unique_ptr<Database> db = Database::open(tmp.path("c.db"));
  Portfolio() { selection::import_file(*db, selection::ImportKind::accounts, tmp.write("cartera.csv", k_cartera)); }
  std::vector<std::string> find(const std::string& q) { return ids(selection::find_accounts(*db, q, 20)); }
};

using Ids = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(account_lookup_tests)

// An account is found by its number in any punctuation, its holder without
// accents or case, its document as written or bare, or words of its address.
BOOST_AUTO_TEST_CASE(accounts_are_found_by_number_name_document_or_address) {
  Portfolio p;
  BOOST_CHECK(p.find("100.000.007") == Ids{"100000007"});
  BOOST_CHECK(p.find("100 000 015") == Ids{"100000015"});
  BOOST_CHECK((p.find("ibañez") == Ids{"100000007", "200000013"}));
  BOOST_CHECK((p.find("IBANEZ") == Ids{"100000007", "200000013"}));
  BOOST_CHECK(p.find("maria ibáñez") == Ids{"100000007"});
  BOOST_CHECK(p.find("52123456") == Ids{"100000007"});
  BOOST_CHECK(p.find("79.555.001") == Ids{"100000015"});
  BOOST_CHECK(p.find("kr 7 80-15") == Ids{"100000015"});
  BOOST_CHECK(p.find("chapinero") == Ids{"100000015"});
  BOOST_CHECK(p.find("ib%ez").empty());  // LIKE's wildcards are text
  BOOST_CHECK(p.find("   ").empty());
  BOOST_CHECK(p.find("nadie").empty());
}

// Words in any order, each the start of a word of the account's ("pena
// jose", "alv jos"); a piece inside a word finds nothing.
BOOST_AUTO_TEST_CASE(typed_words_match_in_any_order_as_word_starts) {
  Portfolio p;
  BOOST_CHECK(p.find("pena jose") == Ids{"100000015"});
  BOOST_CHECK(p.find("PEÑA José") == Ids{"100000015"});
  BOOST_CHECK(p.find("alv jos") == Ids{"100000015"});
  BOOST_CHECK(p.find("gomez maria 201") == Ids{"100000007"});
  BOOST_CHECK(p.find("kennedy ibanez") == Ids{"200000013"});
  BOOST_CHECK(p.find("pena maria").empty());  // every word must match
  BOOST_CHECK(p.find("anez").empty());        // not the start of a word
  BOOST_CHECK(p.find("1.020.300.400") == Ids{"200000013"});
}

// The results sorted by a column, the typed number still first.
BOOST_AUTO_TEST_CASE(matches_are_sorted_by_the_column_asked_for) {
  Portfolio p;
  using Key = selection::AccountSort::Key;
  BOOST_CHECK((ids(selection::find_accounts(*p.db, "bogota ibanez", 20)) == Ids{}));
  BOOST_CHECK((ids(selection::find_accounts(*p.db, "ibanez", 20, 0, {Key::balance, false})) == Ids{"200000013", "100000007"}));
  BOOST_CHECK((ids(selection::find_accounts(*p.db, "ibanez", 20, 0, {Key::balance, true})) == Ids{"100000007", "200000013"}));
  BOOST_CHECK((ids(selection::find_accounts(*p.db, "ibanez", 20, 0, {Key::holder, true})) == Ids{"100000007", "200000013"}));
  BOOST_CHECK((ids(selection::find_accounts(*p.db, "ibanez", 20, 0, {Key::zone, true})) == Ids{"200000013", "100000007"}));
}

// The word table follows the accounts in force: a new import, its undo,
// and the accounts in force when the table was created (filled on the
// first search).
BOOST_AUTO_TEST_CASE(the_words_follow_the_accounts_in_force) {
  Portfolio p;
  selection::ImportOptions replace;
  replace.replace_smaller = true;
  selection::import_file(*p.db, selection::ImportKind::accounts,
                         p.tmp.write("otra.csv", "Cuenta;Nombre del suscriptor;Documento;Uso;Dirección;Barrio;Ciudad;Zona;"
                                                 "Facturación;Saldo;Días de mora\n"
                                                 "300000019;ANA RUIZ;41.000.111;Residencial;CL 1 # 2-3;Bosa;Bogotá D.C.;Z05;Directa;"
                                                 "10.000;40\n"),
                         replace);
  BOOST_CHECK(p.find("ruiz ana") == Ids{"300000019"});
  BOOST_CHECK(p.find("pena jose").empty());
  selection::undo_import(*p.db, selection::ImportKind::accounts);
  BOOST_CHECK(p.find("ruiz ana").empty());
  BOOST_CHECK(p.find("pena jose") == Ids{"100000015"});
  sql::exec(*p.db, "DELETE FROM account_words");
  BOOST_CHECK(p.find("pena jose") == Ids{"100000015"});
  BOOST_CHECK_NE(sql::scalar(*p.db, "SELECT COUNT(*) FROM account_words").value_or("0"), "0");
}

BOOST_AUTO_TEST_CASE(a_page_of_matches_counts_them_all) {
  Portfolio p;
  const auto page = selection::find_accounts(*p.db, "bogota", 2, 0);
  BOOST_CHECK_EQUAL(page.total, 0);  // the city is not searched
  const auto all = selection::find_accounts(*p.db, "cl", 1, 0);
  BOOST_CHECK_EQUAL(all.total, 1);
  const auto two = selection::find_accounts(*p.db, "ibanez", 1, 1);
  BOOST_CHECK_EQUAL(two.total, 2);
  BOOST_CHECK(ids(two) == Ids{"200000013"});
}

// The web server answers from the search text while it writes the words
// after an import: the same accounts, counted the same, in the same order.
BOOST_AUTO_TEST_CASE(a_search_without_the_words_finds_the_same_accounts_in_the_same_order) {
  Portfolio p;
  using Key = selection::AccountSort::Key;
  const std::vector<std::string> queries = {"100.000.007", "ibañez", "maria ibáñez", "pena jose", "alv jos", "52123456",
                                            "79.555.001", "kr 7 80-15", "cl", "bogota", "ib%ez", "anez", "1", "z0"};
  const std::vector<selection::AccountSort> sorts = {{}, {Key::balance, true}, {Key::holder, false}, {Key::zone, true}};
  const auto run = [&](selection::MissingWords missing) {
    std::vector<std::pair<std::int64_t, Ids>> out;
    for (const auto& q : queries) {
      for (const auto& s : sorts) {
        const auto m = selection::find_accounts(*p.db, q, 2, 0, s, missing);
        BOOST_CHECK_EQUAL(m.read_without_words, missing == selection::MissingWords::read_without);
        out.emplace_back(m.total, ids(m));
        out.emplace_back(m.total, ids(selection::find_accounts(*p.db, q, 2, 1, s, missing)));
      }
    }
    return out;
  };
  BOOST_CHECK(selection::account_words_missing(*p.db));  // the import leaves them out
  const auto without = run(selection::MissingWords::read_without);
  BOOST_CHECK(selection::account_words_missing(*p.db));  // and the search did not write them
  selection::write_account_words(*p.db);
  BOOST_CHECK(!selection::account_words_missing(*p.db));
  const auto with = run(selection::MissingWords::write);
  BOOST_CHECK(with == without);
  BOOST_CHECK((without[8].second == Ids{"100000007", "200000013"}));  // "ibañez", in the account's order
}

// Accounts imported before the search columns are folded on the first search.
BOOST_AUTO_TEST_CASE(accounts_imported_before_the_search_columns_are_found) {
  Portfolio p;
  sql::exec(*p.db, "UPDATE accounts SET search_key = NULL, search_text = NULL");
  sql::exec(*p.db, "DELETE FROM account_words");  // as before migration 32
  BOOST_CHECK(p.find("Álvarez") == Ids{"100000015"});
  BOOST_CHECK_EQUAL(sql::scalar(*p.db, "SELECT COUNT(*) FROM accounts WHERE search_text IS NULL").value_or(""), "0");
}

BOOST_AUTO_TEST_SUITE_END()
