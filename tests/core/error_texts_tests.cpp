// The one table of error codes: every code has its name, its HTTP status
// and its Spanish text, and the text's holes are filled from the error's
// arguments; every page note has its code and its Spanish label.
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include "cartero/core/error_texts.hpp"
#include "cartero/core/page_notes.hpp"

using namespace cartero;

BOOST_AUTO_TEST_SUITE(error_texts_tests)

BOOST_AUTO_TEST_CASE(every_code_has_its_name_status_and_spanish_text) {
  BOOST_REQUIRE_EQUAL(error_texts().size(), static_cast<std::size_t>(k_error_code_count));
  std::set<std::string> names;
  for (int i = 0; i < k_error_code_count; ++i) {
    const auto code = static_cast<ErrorCode>(i);
    const auto& t = error_text(code);
    BOOST_TEST((t.code == code), "entry " << i << " is out of the enum's order");
    BOOST_TEST(std::string(t.name).size() > 0, "code " << i << " has no name");
    BOOST_TEST(std::string(t.spanish).size() > 0, "code " << t.name << " has no Spanish text");
    BOOST_TEST((t.http_status >= 400 && t.http_status < 600), t.name);
    BOOST_TEST(names.insert(t.name).second, "two codes are named " << t.name);
  }
}

BOOST_AUTO_TEST_CASE(the_spanish_text_is_filled_with_the_arguments) {
  const InputError e(ErrorCode::page_not_in_review, "scanned page 12 is not waiting for review (recorded)",
                     {{"page", "12"}, {"status", "recorded"}});
  BOOST_CHECK_EQUAL(std::string(e.what()), "scanned page 12 is not waiting for review (recorded)");  // the CLI's English
  BOOST_CHECK_EQUAL(spanish_message(e), "La página escaneada 12 ya no espera revisión (estado: recorded).");
  BOOST_CHECK_EQUAL(spanish_message(ErrorCode::template_unclosed, {{"line", "4"}}),
                    "Plantilla de la carta, línea 4: «{{» no se cierra con «}}».");
  BOOST_CHECK_EQUAL(file_name_of("/srv/c.db.files/uploads/1-cuentas.csv"), "1-cuentas.csv");
  BOOST_CHECK_EQUAL(file_name_of("cuentas.csv"), "cuentas.csv");
}

BOOST_AUTO_TEST_CASE(every_page_note_has_its_code_and_spanish_label) {
  std::set<std::string_view> codes;
  for (const auto& n : all_page_notes()) {
    BOOST_TEST((page_note_info(n.note).note == n.note));
    BOOST_TEST(codes.insert(n.code).second);
    BOOST_TEST((parse_page_note(n.code) == n.note));
    if (n.note == PageNote::none) continue;
    BOOST_TEST(!n.label.empty(), n.code);
    BOOST_TEST(!n.english.empty(), n.code);
  }
  BOOST_TEST(!parse_page_note("nonsense"));
}

BOOST_AUTO_TEST_SUITE_END()
