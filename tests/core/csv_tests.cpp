#include "cartero/core/csv.hpp"

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "cartero/core/error.hpp"
#include "../support/temp_dir.hpp"

using cartero::CsvReader;
using cartero::CsvWriter;
using cartero::testing::TempDir;

namespace {

std::vector<std::vector<std::string>> read_all(CsvReader& r) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string_view> fields;
  while (r.next(fields)) rows.emplace_back(fields.begin(), fields.end());
  return rows;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(csv_tests)

BOOST_AUTO_TEST_CASE(detects_each_delimiter) {
  TempDir tmp;
  const std::pair<const char*, char> cases[] = {
      {"a,b,c\n1,2,3\n", ','}, {"a;b;c\n1;2;3\n", ';'}, {"a\tb\tc\n1\t2\t3\n", '\t'}};
  for (const auto& [text, delim] : cases) {
    CsvReader r(tmp.write("f.csv", text));
    BOOST_CHECK_EQUAL(r.delimiter(), delim);
    BOOST_CHECK_EQUAL(r.header().size(), 3u);
    const auto rows = read_all(r);
    BOOST_REQUIRE_EQUAL(rows.size(), 1u);
    BOOST_CHECK_EQUAL(rows[0][2], "3");
  }
}

BOOST_AUTO_TEST_CASE(semicolon_files_keep_commas_in_values) {
  TempDir tmp;
  CsvReader r(tmp.write("f.csv", "name;balance\nPérez, Ana;1.234,00\n"));
  BOOST_CHECK_EQUAL(r.delimiter(), ';');
  const auto rows = read_all(r);
  BOOST_CHECK_EQUAL(rows[0][0], "Pérez, Ana");
}

BOOST_AUTO_TEST_CASE(utf8_bom_is_dropped_and_windows_1252_is_converted) {
  TempDir tmp;
  CsvReader bom(tmp.write("bom.csv", "\xEF\xBB\xBF" "account_id,holder_name\n1,Peña\n"));
  BOOST_CHECK_EQUAL(bom.column("account_id"), 0);
  BOOST_CHECK_EQUAL(std::string(bom.encoding()), "UTF-8");
  BOOST_CHECK_EQUAL(read_all(bom)[0][1], "Peña");

  CsvReader cp(tmp.write("cp.csv", "account_id;holder_name\r\n1;Pe\xF1" "a Mu\xF1oz\r\n"));
  BOOST_CHECK_EQUAL(std::string(cp.encoding()), "Windows-1252");
  BOOST_CHECK_EQUAL(read_all(cp)[0][1], "Peña Muñoz");
}

BOOST_AUTO_TEST_CASE(quoted_fields_with_quotes_delimiters_and_line_breaks) {
  TempDir tmp;
  CsvReader r(tmp.write("q.csv", "a,b,c\r\n\"x, \"\"y\"\"\",\"line1\nline2\",z\r\n\r\nlast,,\n"));
  const auto rows = read_all(r);
  BOOST_REQUIRE_EQUAL(rows.size(), 2u);
  BOOST_CHECK_EQUAL(rows[0][0], "x, \"y\"");
  BOOST_CHECK_EQUAL(rows[0][1], "line1\nline2");
  BOOST_CHECK_EQUAL(rows[0][2], "z");
  BOOST_CHECK_EQUAL(rows[1].size(), 3u);
  BOOST_CHECK_EQUAL(r.line(), 5u);  // line numbers count the embedded break and the blank line
}

BOOST_AUTO_TEST_CASE(columns_are_found_by_name_ignoring_case_and_blanks) {
  TempDir tmp;
  CsvReader r(tmp.write("h.csv", " Account_ID ;HOLDER_NAME\n1;x\n"));
  BOOST_CHECK_EQUAL(r.column("account_id"), 0);
  BOOST_CHECK_EQUAL(r.column("holder_name"), 1);
  BOOST_CHECK_EQUAL(r.column("zone"), -1);
}

BOOST_AUTO_TEST_CASE(unreadable_files_are_input_errors_naming_the_file) {
  TempDir tmp;
  const auto check = [](const std::string& path, const std::string& expected) {
    try {
      CsvReader r(path);
      BOOST_ERROR("no error for " + path);
    } catch (const cartero::InputError& e) {
      const std::string msg = e.what();
      BOOST_CHECK_MESSAGE(msg.find(path) != std::string::npos, msg);
      BOOST_CHECK_MESSAGE(msg.find(expected) != std::string::npos, msg);
    }
  };
  check(tmp.path("missing.csv"), "cannot open");
  check(tmp.write("empty.csv", ""), "empty");
  check(tmp.write("blank.csv", "\n\n  \n"), "empty");
  check(tmp.write("bin.csv", std::string("PK\x03\x04\0\0garbage", 12)), "not a text file");
}

BOOST_AUTO_TEST_CASE(writer_quotes_as_rfc4180_and_renames_only_when_closed) {
  TempDir tmp;
  const auto path = tmp.path("out.csv");
  {
    CsvWriter w(path);
    w.row({"a", "b,c", "d\"e", "f\ng"});
    BOOST_CHECK(!std::filesystem::exists(path));
    w.close();
  }
  BOOST_CHECK_EQUAL(TempDir::read(path), "a,\"b,c\",\"d\"\"e\",\"f\ng\"\r\n");
  {
    CsvWriter abandoned(tmp.path("gone.csv"));
    abandoned.row({"x"});
  }
  BOOST_CHECK(!std::filesystem::exists(tmp.path("gone.csv")));
  BOOST_CHECK(!std::filesystem::exists(tmp.path("gone.csv.tmp")));
}

BOOST_AUTO_TEST_SUITE_END()
