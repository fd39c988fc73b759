#include "cartero/returns/lists.hpp"

#include <fstream>

#include <boost/test/unit_test.hpp>

#include "cartero/returns/register.hpp"
#include "../support/letters_fixture.hpp"

using namespace cartero;
using namespace cartero::returns;
using cartero::testing::LettersFixture;

namespace {

std::vector<std::int64_t> found(LettersFixture& f, const ReturnFilter& filter) {
  std::vector<std::int64_t> out;
  for_each_return(*f.db, filter, [&](const ReturnRow& r) { out.push_back(r.return_id); });
  return out;
}

ReturnFilter text(const std::string& q) {
  ReturnFilter f;
  f.text = q;
  return f;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(register_search_tests)

// The register's search as people type: the holder without accents or case,
// the zone in lower case, the letter number without its dash, the address's
// words; LIKE's wildcards are text; the count is the whole list's.
BOOST_AUTO_TEST_CASE(the_register_is_searched_without_accents_case_or_punctuation) {
  LettersFixture f(3);  // holders "José Peña 0..2", zone Z1, "CL 45 SUR # 12 - 34"
  for (const auto& id : f.ids) {
    register_return(*f.db, {id, ReturnCause::moved, "", *Date::parse_iso("2026-12-01"), "ana", "hand", std::nullopt, std::nullopt});
  }
  BOOST_CHECK_EQUAL(found(f, text("jose pena")).size(), 3u);
  BOOST_CHECK_EQUAL(found(f, text("PEÑA")).size(), 3u);
  BOOST_CHECK_EQUAL(found(f, text("pena jose")).size(), 3u);  // words in any order
  BOOST_CHECK_EQUAL(found(f, text("pen jos a101")).size(), 1u);  // word starts, and the account
  BOOST_CHECK(found(f, text("peña gómez")).empty());          // every word must match
  BOOST_CHECK(found(f, text("ena")).empty());                 // not the start of a word
  BOOST_CHECK_EQUAL(found(f, text("cl 45 sur")).size(), 3u);
  std::string bare = f.ids[2];
  bare.erase(bare.find('-'), 1);
  BOOST_CHECK_EQUAL(found(f, text(bare)).size(), 1u);
  BOOST_CHECK_EQUAL(found(f, text(f.ids[2])).size(), 1u);
  BOOST_CHECK_EQUAL(found(f, text("a101")).size(), 1u);  // the account
  BOOST_CHECK(found(f, text("%")).empty());               // '%' is text, not a wildcard
  BOOST_CHECK(found(f, text("pe%a")).empty());            // '%' is not a wildcard
  BOOST_CHECK(found(f, text("p_na")).empty());            // nor is '_'
  ReturnFilter zone;
  zone.zone = "z1";
  BOOST_CHECK_EQUAL(found(f, zone).size(), 3u);
  zone.zone = "z";
  BOOST_CHECK(found(f, zone).empty());  // a zone is matched whole
  ReturnFilter paged = text("jose");
  paged.limit = 1;
  BOOST_CHECK_EQUAL(found(f, paged).size(), 1u);
  BOOST_CHECK_EQUAL(count_returns(*f.db, paged), 3);
  BOOST_CHECK_EQUAL(count_returns(*f.db, text("nadie")), 0);
}

// Returns registered before the search columns existed are folded on the
// first search.
BOOST_AUTO_TEST_CASE(returns_registered_before_the_search_columns_are_found) {
  LettersFixture f(2);
  register_return(*f.db, {f.ids[0], ReturnCause::moved, "", *Date::parse_iso("2026-12-01"), "ana", "hand", std::nullopt, std::nullopt});
  sql::exec(*f.db, "UPDATE returns SET search_text = NULL, zone_key = NULL");
  sql::exec(*f.db, "DELETE FROM return_words");
  BOOST_CHECK_EQUAL(found(f, text("JOSÉ")).size(), 1u);
  BOOST_CHECK_EQUAL(found(f, text("pena jose")).size(), 1u);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT COUNT(*) FROM returns WHERE search_text IS NULL").value_or(""), "0");
}

// The register's export says which returns were voided, when, by whom and
// why, under Spanish headers; a return in force leaves them empty.
BOOST_AUTO_TEST_CASE(the_register_export_shows_voided_returns) {
  LettersFixture f(2);
  for (const auto& id : f.ids) {
    register_return(*f.db, {id, ReturnCause::moved, "", *Date::parse_iso("2026-12-01"), "ana", "hand", std::nullopt, std::nullopt});
  }
  void_return(*f.db, 1, "se leyó mal el sobre", "ana");
  const auto path = f.tmp.path("registro.csv");
  write_returns_csv(*f.db, ReturnFilter{}, path, ExportFormat::csv_excel);
  std::ifstream in(path);
  std::string header, second, first;
  std::getline(in, header);
  std::getline(in, second);  // newest first
  std::getline(in, first);
  BOOST_CHECK(header.find(";Origen;Anulada;Anuló;Motivo de la anulación") != std::string::npos);
  BOOST_CHECK(first.rfind("1;", 0) == 0);
  BOOST_CHECK(first.find(";ana;se leyó mal el sobre") != std::string::npos);
  BOOST_CHECK(first.find("/2") != std::string::npos);  // the date and time it was voided, dd/mm/yyyy
  BOOST_CHECK(second.rfind("2;", 0) == 0);
  if (!second.empty() && second.back() == '\r') second.pop_back();
  BOOST_CHECK(second.size() > 3 && second.substr(second.size() - 3) == ";;;");
}

BOOST_AUTO_TEST_SUITE_END()
