#include "cartero/core/address.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace cartero;

namespace {

struct Expected {
  int line = 0;
  std::string input, verdict, canonical;
};

// tests/data/addresses.tsv: written by hand from the conventions.
std::vector<Expected> table() {
  std::ifstream in(std::string(CARTERO_SOURCE_DIR) + "/tests/data/addresses.tsv");
  BOOST_REQUIRE(in);
  std::vector<Expected> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.rfind("//", 0) == 0 || line.empty()) continue;
    Expected e;
    e.line = n;
    std::istringstream fields(line);
    std::getline(fields, e.input, '\t');
    std::getline(fields, e.verdict, '\t');
    std::getline(fields, e.canonical, '\t');
    out.push_back(e);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(address_tests)

BOOST_AUTO_TEST_CASE(agrees_with_the_hand_written_table_and_never_calls_a_bad_one_complete) {
  const auto rows = table();
  BOOST_REQUIRE_GE(rows.size(), 300u);
  std::size_t agree = 0;
  for (const auto& e : rows) {
    const auto a = parse_address(e.input);
    const bool same = code(a.verdict) == e.verdict && a.canonical == e.canonical;
    if (same) {
      ++agree;
    } else {
      BOOST_TEST_MESSAGE("line " << e.line << ": '" << e.input << "' expected " << e.verdict << " '" << e.canonical
                                 << "', got " << code(a.verdict) << " '" << a.canonical << "'");
    }
    // A guessed complete address is the one mistake that wastes a letter.
    if (e.verdict != "complete") BOOST_CHECK_MESSAGE(a.verdict != AddressVerdict::complete, "line " << e.line << ": " << e.input);
    BOOST_CHECK(address_verdict(e.input) == a.verdict);
  }
  const double share = static_cast<double>(agree) / static_cast<double>(rows.size());
  BOOST_TEST_MESSAGE("agreement " << agree << " of " << rows.size());
  BOOST_CHECK_GE(share, 0.98);
}

BOOST_AUTO_TEST_CASE(bad_input_gets_a_verdict_not_a_guess) {
  const std::string two_thousand(2000, 'A');
  std::string repeated;
  for (int i = 0; i < 60; ++i) repeated += "CL 45 # 12-34 ";
  const std::vector<std::string> bad = {two_thousand, repeated, std::string(2000, '9'), std::string("CL 45 \0# 12-34", 14),
                                        "CALLE 45 \xC3\x83\xE2\x80\x98", "CL 45 # 12-34 \xF0\x9F\x8F\xA0", "CL 45 # 12-34 \xD1",
                                        "\xFF\xFE", "CL 45 # 12-34 \xC3"};
  for (const auto& s : bad) {
    const auto a = parse_address(s);
    BOOST_CHECK(a.verdict == AddressVerdict::unreadable);
    BOOST_CHECK(a.canonical.empty());
  }
}

BOOST_AUTO_TEST_CASE(the_parts_of_a_bogota_address) {
  const auto a = parse_address("Av. Cra. 34 A Bis Sur No. 104 B-42 Torre 2 Apto 901");
  BOOST_CHECK_EQUAL(a.canonical, "AK 34A BIS SUR # 104B - 42 TO 2 AP 901");
  BOOST_CHECK_EQUAL(a.via_type, "AK");
  BOOST_CHECK_EQUAL(a.via, "34");
  BOOST_CHECK_EQUAL(a.via_letter, "A");
  BOOST_CHECK(a.via_bis);
  BOOST_CHECK_EQUAL(a.via_cardinal, "SUR");
  BOOST_CHECK_EQUAL(a.generator, "104");
  BOOST_CHECK_EQUAL(a.generator_letter, "B");
  BOOST_CHECK_EQUAL(a.plate, "42");
  BOOST_REQUIRE_EQUAL(a.complements.size(), 2u);
  BOOST_CHECK_EQUAL(a.complements[1].type, "AP");
  BOOST_CHECK_EQUAL(a.complements[1].value, "901");
  const auto json = address_json("x", a);
  BOOST_CHECK(json.find("\"verdict\":\"complete\"") != std::string::npos);
  BOOST_CHECK(json.find("\"plate\":\"42\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(walking_order_follows_the_grid_not_the_spelling) {
  const std::vector<std::string> walked = {"Calle 9 # 10-20", "CL 10 # 5-12", "Cll 10 # 12-03", "Calle 10A # 1-50",
                                           "CL 100 # 4-10", "KR 2 # 3-4", "Carrera 10 # 1-1"};
  for (std::size_t i = 1; i < walked.size(); ++i) {
    BOOST_CHECK_MESSAGE(walking_key(parse_address(walked[i - 1])) < walking_key(parse_address(walked[i])), walked[i]);
  }
  BOOST_CHECK(walking_key(parse_address("KR 99 # 99-99")) < walking_key(parse_address("SIN DIRECCION")));
}

// Random bytes, random address-like tokens: a verdict every time, never a crash.
BOOST_AUTO_TEST_CASE(random_bytes_never_crash) {
  std::mt19937_64 rng(14);
  const std::vector<std::string> pieces = {"CL", "KR", "#", "-", "N°", "BIS", "SUR", "A", "12", "345", "AP", "MZ", "CASA",
                                           "\xC3\x91", "\xC3", "\xE2\x80", "/", " ", "  ", "VDA", "KM", "NO", ".", "\xC2\xBA"};
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const int len = static_cast<int>(rng() % 40);
    for (int k = 0; k < len; ++k) {
      if (i % 2) s.push_back(static_cast<char>(rng() % 256));
      else s += pieces[rng() % pieces.size()];
    }
    const auto a = parse_address(s);
    BOOST_REQUIRE(a.verdict == address_verdict(s));
    if (a.verdict == AddressVerdict::complete) BOOST_REQUIRE(!a.plate.empty() || !a.complements.empty());
  }
}

BOOST_AUTO_TEST_SUITE_END()
