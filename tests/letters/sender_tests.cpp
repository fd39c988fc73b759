#include <boost/test/unit_test.hpp>

#include "cartero/core/error.hpp"
#include "cartero/letters/letter.hpp"
#include "letters_fixture.hpp"

using namespace cartero;
using namespace cartero::letters;
using namespace cartero::letters::testing;

namespace {

const std::string k_keys = R"("company_name": "Aseo", "company_nit": "NIT 900.111.222-3", "company_address": "Calle 1",
  "company_city": "Bogotá D.C.", "company_phone": "1", "company_web": "w", "signer_name": "C", "signer_title": "T")";

}  // namespace

BOOST_AUTO_TEST_SUITE(sender_tests)

BOOST_AUTO_TEST_CASE(a_missing_or_unknown_key_is_named) {
  const auto missing = input_error([] {
    sender_from_json(R"({"company_name": "Aseo", "company_nit": "NIT 1"})", "remitente.json");
  });
  BOOST_CHECK_MESSAGE(missing.find("remitente.json: sender setting \"company_address\" is missing") != std::string::npos, missing);
  const auto unknown = input_error([] { sender_from_json("{" + k_keys + R"(, "firma": "x"})", "remitente.json"); });
  BOOST_CHECK(unknown.find("unknown sender setting \"firma\"") != std::string::npos);
  BOOST_CHECK_EQUAL(sender_from_json("{" + k_keys + "}", "r").legal_notice, "");
}

BOOST_AUTO_TEST_CASE(a_logo_that_is_not_a_small_opaque_png_is_refused) {
  cartero::testing::TempDir tmp;
  const auto with_logo = [&](const std::string& name, const std::string& bytes) {
    tmp.write(name, bytes);
    return input_error([&] { sender_from_json("{" + k_keys + R"(, "logo": ")" + name + R"("})", "remitente.json", tmp.dir().string()); });
  };
  BOOST_CHECK(with_logo("logo.jpg", "\xff\xd8\xff\xe0 JFIF").find("the logo is not a PNG image") != std::string::npos);
  std::string big = k_logo_png + std::string(20 * 1024 * 1024, '\0');
  BOOST_CHECK(with_logo("big.png", big).find("the logo is 20 MB; a logo of at most 2 MB") != std::string::npos);
  std::string alpha = k_logo_png;
  alpha[25] = 6;  // RGBA
  BOOST_CHECK(with_logo("alpha.png", alpha).find("has transparency") != std::string::npos);
  BOOST_CHECK(input_error([&] {
                sender_from_json("{" + k_keys + R"(, "logo": "nowhere.png"})", "remitente.json", tmp.dir().string());
              }).find("the logo " + tmp.path("nowhere.png") + " cannot be read") != std::string::npos);
  tmp.write("ok.png", k_logo_png);
  const Sender s = sender_from_json("{" + k_keys + R"(, "logo": "ok.png"})", "remitente.json", tmp.dir().string());
  BOOST_CHECK(s.logo_png == k_logo_png);
  BOOST_CHECK(sender_to_json(s).find("\"logo_sha256\":\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_salutation_follows_the_holder_type) {
  LetterContent l;
  l.document_id = "901.555.666-2";
  BOOST_CHECK_EQUAL(salutation(l), "Señores");
  l.document_id = "52.111.222";
  BOOST_CHECK_EQUAL(salutation(l), "Señor(a)");
  l.document_type = "NIT";  // the export's type over the id's shape
  BOOST_CHECK_EQUAL(salutation(l), "Señores");
  l.document_id = "900.123.456-7";
  l.document_type = "C.C.";
  BOOST_CHECK_EQUAL(salutation(l), "Señor(a)");
}

BOOST_AUTO_TEST_SUITE_END()
