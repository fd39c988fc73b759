#include "cartero/core/text.hpp"

#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(text_tests)

BOOST_AUTO_TEST_CASE(fold_code_ignores_case_accents_and_blanks) {
  BOOST_CHECK_EQUAL(cartero::fold_code(" Sí "), "si");
  BOOST_CHECK_EQUAL(cartero::fold_code("Doble Facturación"), "doble_facturacion");
  BOOST_CHECK_EQUAL(cartero::fold_code("vacant-lot"), "vacant_lot");
  BOOST_CHECK_EQUAL(cartero::fold_code("AÑO"), "ano");
}

BOOST_AUTO_TEST_CASE(search_text_is_folded_without_accents_case_or_punctuation) {
  BOOST_CHECK_EQUAL(cartero::fold_search("  IBÁÑEZ  Güiza, María "), "ibanez guiza maria");
  BOOST_CHECK_EQUAL(cartero::fold_search("CL 45 # 12-30 AP. 201"), "cl 45 12 30 ap 201");
  BOOST_CHECK_EQUAL(cartero::fold_search("100.000.007"), "100 000 007");
  BOOST_CHECK_EQUAL(cartero::bare_search("100.000.007"), "100000007");
  BOOST_CHECK_EQUAL(cartero::bare_search("2026-000123"), "2026000123");
  BOOST_CHECK_EQUAL(cartero::fold_search("50% _x\\"), "50% _x");
  BOOST_CHECK_EQUAL(cartero::like_contains("50%_a\\b"), "%50\\%\\_a\\\\b%");
}

BOOST_AUTO_TEST_CASE(search_words_are_the_distinct_words_without_separators) {
  const auto words = cartero::search_words("100000007 | 100000007 | jose pena pena | cl 45 12 30");
  const std::vector<std::string> expected = {"100000007", "jose", "pena", "cl", "45", "12", "30"};
  BOOST_CHECK_EQUAL_COLLECTIONS(words.begin(), words.end(), expected.begin(), expected.end());
  BOOST_CHECK(cartero::search_words("").empty());
  // Every word starting with the prefix sorts between it and its end.
  BOOST_CHECK_EQUAL(cartero::prefix_end("pen"), "peo");
  BOOST_CHECK_EQUAL(cartero::prefix_end("z9"), "z:");
  BOOST_CHECK(std::string("pena") < cartero::prefix_end("pen") && std::string("penzzz") < cartero::prefix_end("pen"));
  BOOST_CHECK(!(std::string("peo") < cartero::prefix_end("pen")));
}

BOOST_AUTO_TEST_CASE(detects_utf8_and_converts_windows_1252) {
  BOOST_CHECK(cartero::is_valid_utf8("Peña Muñoz ¿$?"));
  const std::string cp1252 = "Pe\xF1" "a \x80 \xBF";  // Peña € ¿
  BOOST_CHECK(!cartero::is_valid_utf8(cp1252));
  BOOST_CHECK_EQUAL(cartero::cp1252_to_utf8(cp1252), "Peña € ¿");
}

BOOST_AUTO_TEST_CASE(cells_that_start_like_a_formula_become_text) {
  const std::pair<const char*, const char*> cases[] = {
      {"=1+1", "'=1+1"}, {"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"}, {"-1+2", "'-1+2"}, {"@x", "'@x"},
      {"\t=1", "'\t=1"}, {"\r=1", "'\r=1"}, {"-", "'-"}, {"+", "'+"},
      {"-5000", "-5000"}, {"+57 300", "+57 300"}, {"-1.234,5", "-1.234,5"}, {"Ana", "Ana"}, {"", ""}, {"1=1", "1=1"},
  };
  for (const auto& [in, out] : cases) BOOST_TEST(cartero::spreadsheet_text(in) == out, in);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(text_to_cp1252_tests)

BOOST_AUTO_TEST_CASE(utf8_to_cp1252_keeps_spanish_letters_and_symbols) {
  const std::string utf8 = "¿Peña? Ñandú — “$ 1.234.567” €";
  const std::string cp = cartero::utf8_to_cp1252(utf8);
  BOOST_CHECK_EQUAL(cartero::cp1252_to_utf8(cp), utf8);
  BOOST_CHECK_EQUAL(cartero::utf8_to_cp1252("日本"), "??");
}

BOOST_AUTO_TEST_CASE(cells_that_start_like_a_formula_become_text) {
  const std::pair<const char*, const char*> cases[] = {
      {"=1+1", "'=1+1"}, {"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"}, {"-1+2", "'-1+2"}, {"@x", "'@x"},
      {"\t=1", "'\t=1"}, {"\r=1", "'\r=1"}, {"-", "'-"}, {"+", "'+"},
      {"-5000", "-5000"}, {"+57 300", "+57 300"}, {"-1.234,5", "-1.234,5"}, {"Ana", "Ana"}, {"", ""}, {"1=1", "1=1"},
  };
  for (const auto& [in, out] : cases) BOOST_TEST(cartero::spreadsheet_text(in) == out, in);
}

BOOST_AUTO_TEST_SUITE_END()
