#include "cartero/letters/letter_template.hpp"

#include <boost/test/unit_test.hpp>

#include "cartero/core/error.hpp"

using namespace cartero;
using namespace cartero::letters;

BOOST_AUTO_TEST_SUITE(letter_template_tests)

BOOST_AUTO_TEST_CASE(renders_placeholders_with_spaces_inside_braces) {
  const auto t = LetterTemplate::parse("Señor(a) {{holder_name}}: saldo {{ balance }}.", "t");
  BOOST_CHECK_EQUAL(t.render({{"holder_name", "José Peña"}, {"balance", "$ 1.234.567"}}), "Señor(a) José Peña: saldo $ 1.234.567.");
}

BOOST_AUTO_TEST_CASE(a_section_is_printed_only_when_its_placeholder_has_a_value) {
  const auto t = LetterTemplate::parse("ubicado en {{address}}{{#neighborhood}}, barrio {{neighborhood}}{{/neighborhood}}, presenta", "t");
  BOOST_CHECK_EQUAL(t.render({{"address", "CL 1"}, {"neighborhood", "Kennedy"}}), "ubicado en CL 1, barrio Kennedy, presenta");
  BOOST_CHECK_EQUAL(t.render({{"address", "CL 1"}, {"neighborhood", " "}}), "ubicado en CL 1, presenta");
}

BOOST_AUTO_TEST_CASE(unknown_placeholders_and_unclosed_braces_are_refused) {
  const std::pair<const char*, const char*> cases[] = {
      {"Hola\n{{nombre}}", "line 2: unknown placeholder {{nombre}}"},
      {"Saldo {{balance}", "line 1: \"{{\" is never closed"},
      {"en {{address}}\n{{#neighborhood}}, barrio", "line 2: {{#neighborhood}} is never closed with {{/neighborhood}}"},
      {"en {{address}}{{/city}}", "line 1: {{/city}} closes no {{#city}}"},
      {"{{#barrio}}x{{/barrio}}", "line 1: unknown placeholder {{barrio}}"},
  };
  for (const auto& [text, expected] : cases) {
    try {
      LetterTemplate::parse(text, "carta.txt");
      BOOST_ERROR("accepted " << text);
    } catch (const InputError& e) {
      const std::string msg = e.what();
      BOOST_CHECK_MESSAGE(msg.find("carta.txt: " + std::string(expected)) != std::string::npos, msg);
    }
  }
  BOOST_CHECK_THROW(LetterTemplate::load("/nonexistent/carta.txt"), InputError);
}

BOOST_AUTO_TEST_SUITE_END()
