#include "qr.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <boost/test/unit_test.hpp>

#include "cartero/letters/letter_code.hpp"

using namespace cartero::letters;

BOOST_AUTO_TEST_SUITE(qr_tests)

// Our encoder replaces ZXing's writer for speed: the codes must be the very
// same modules (same mode, version, error correction and mask choice).
BOOST_AUTO_TEST_CASE(the_modules_are_zxings_for_every_payload_shape) {
  QrEncoder qr;
  int compared = 0;
  for (int year : {2026, 2031}) {
    for (std::int64_t n : {1LL, 7LL, 123LL, 999999LL, 1000000LL, 12345678LL}) {
      for (std::int64_t k = 0; k < 40; ++k) {
        const std::string payload = make_payload(make_letter_id(year, n + k * 7919));
        BOOST_REQUIRE(qr.encode(payload));
        const auto m = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode).setMargin(0).setEccLevel(8).encode(payload, 0, 0);
        BOOST_REQUIRE_EQUAL(m.width(), qr.size());
        bool same = true;
        for (int y = 0; y < qr.size(); ++y) {
          for (int x = 0; x < qr.size(); ++x) same = same && m.get(x, y) == qr.dark(x, y);
        }
        BOOST_CHECK_MESSAGE(same, payload);
        ++compared;
      }
    }
  }
  BOOST_CHECK_EQUAL(compared, 480);
}

BOOST_AUTO_TEST_CASE(text_it_cannot_encode_is_left_to_zxing) {
  QrEncoder qr;
  BOOST_CHECK(!qr.encode("2026-000123-7 ñ"));   // not alphanumeric
  BOOST_CHECK(!qr.encode("123456"));            // digits only: numeric mode
  BOOST_CHECK(!qr.encode(std::string(85, 'A')));  // beyond version 6
  BOOST_CHECK(qr.encode(std::string(84, 'A')));
  BOOST_CHECK_EQUAL(qr.size(), 41);
}

BOOST_AUTO_TEST_SUITE_END()
