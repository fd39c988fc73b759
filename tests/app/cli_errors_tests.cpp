// End to end: what the command line answers when the input, not Cartero, is
// wrong (exit 1 with a message saying what and where, nothing changed).
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "../support/run.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/sql.hpp"

using cartero::testing::run_cartero;
using cartero::testing::TempDir;

namespace {

struct Office {
  TempDir tmp;
  Office() {
    tmp.write("cuentas.csv",
              "account_id;holder_name;use_type;address;billing_type;balance;days_past_due\r\n"
              "1001;José Peña;residencial;CL 45 # 12 - 34;directa;1.234.567;90\r\n"
              "1002;Ana Muñoz;comercial;KR 7 # 80 - 15;conjunta;400.001;61\r\n");
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_errors_tests, Office)

BOOST_AUTO_TEST_CASE(a_setting_past_its_range_is_refused_and_changes_nothing) {
  tmp.write("big.json", R"({"min_days_past_due": 2147483648})");
  auto r = run_cartero(tmp, "settings set selection big.json");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK_MESSAGE(r.err.find("min_days_past_due") != std::string::npos, r.err);
  r = run_cartero(tmp, "settings show");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(r.out.find(R"("min_days_past_due":60)") != std::string::npos);
  BOOST_CHECK_EQUAL(run_cartero(tmp, "import accounts cuentas.csv").exit_code, 0);
  BOOST_CHECK_EQUAL(run_cartero(tmp, "select --cutoff 2026-11-24").exit_code, 0);
}

BOOST_AUTO_TEST_CASE(settings_damaged_by_an_older_version_are_repaired_by_a_save) {
  {
    auto db = cartero::Database::open(tmp.path("cartero.db"));
    cartero::sql::exec(*db, "INSERT INTO settings (name, json, updated_at, updated_by) VALUES "
                            "('selection', '{\"min_days_past_due\":-2147483648}', '2026-11-01T00:00:00Z', 'old')");
  }
  auto r = run_cartero(tmp, "settings show");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK_MESSAGE(r.err.find("min_days_past_due") != std::string::npos, r.err);
  tmp.write("fixed.json", R"({"min_days_past_due": 90})");
  r = run_cartero(tmp, "settings set selection fixed.json");
  BOOST_CHECK_MESSAGE(r.exit_code == 0, r.err);
  BOOST_CHECK(run_cartero(tmp, "settings show").out.find(R"("min_days_past_due":90)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(returns_settings_with_nulls_or_huge_numbers_exit_1_naming_the_key) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"routing":{"moved":null}})", "moved"},
      {R"({"notified_causes":[null]})", "notified_causes"},
      {R"({"courier_causes":{"X":null}})", "X"},
      {R"({"field_deadline_days":99999999999})", "field_deadline_days"},
      {R"({"routing":"x"})", "routing"},
  };
  for (const auto& [json, key] : cases) {
    tmp.write("r.json", json);
    const auto r = run_cartero(tmp, "settings set returns r.json");
    BOOST_CHECK_MESSAGE(r.exit_code == 1 && r.err.find(key) != std::string::npos, json << " -> " << r.exit_code << " " << r.err);
  }
  BOOST_CHECK_EQUAL(run_cartero(tmp, "settings show").exit_code, 0);
}

BOOST_AUTO_TEST_CASE(a_settings_file_with_a_utf8_bom_is_saved) {
  tmp.write("bom.json", "\xEF\xBB\xBF{\"min_days_past_due\": 90}");
  BOOST_CHECK_EQUAL(run_cartero(tmp, "settings set selection bom.json").exit_code, 0);
  BOOST_CHECK(run_cartero(tmp, "settings show").out.find(R"("min_days_past_due":90)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_directory_as_import_file_exits_1_naming_it) {
  std::filesystem::create_directory(tmp.path("exports"));
  const auto r = run_cartero(tmp, "import accounts exports");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK_MESSAGE(r.err.find("exports") != std::string::npos && r.err.find("directory") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_database_exits_1_and_is_left_alone) {
  const auto before = TempDir::read(tmp.path("cuentas.csv"));
  const auto r = run_cartero(tmp, "--db cuentas.csv settings show");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK_MESSAGE(r.err.find("not a Cartero database") != std::string::npos, r.err);
  BOOST_CHECK_EQUAL(TempDir::read(tmp.path("cuentas.csv")), before);
}

BOOST_AUTO_TEST_CASE(select_with_max_0_is_refused) {
  BOOST_CHECK_EQUAL(run_cartero(tmp, "import accounts cuentas.csv").exit_code, 0);
  auto r = run_cartero(tmp, "select --cutoff 2026-11-24 --max 0");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK_MESSAGE(r.err.find("--max") != std::string::npos, r.err);
  r = run_cartero(tmp, "select --cutoff 2026-11-24 --max 1");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(r.out.find(R"({"batch":1,)") == 0);  // the refused one made no batch
}

BOOST_AUTO_TEST_SUITE_END()
