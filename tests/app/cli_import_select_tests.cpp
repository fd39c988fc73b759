// End to end: the `cartero` binary on files, as an analyst runs it.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "../support/run.hpp"

using cartero::testing::run_cartero;
using cartero::testing::TempDir;

namespace {

struct Portfolio {
  TempDir tmp;
  Portfolio() {
    // Windows-1252, semicolons, Spanish aliases, as Excel writes it.
    tmp.write("cuentas.csv",
              "account_id;holder_name;document_id;use_type;address;neighborhood;city;zone;billing_type;balance;"
              "days_past_due;legal_collection;sanitation\r\n"
              "1001;Jos\xE9 Pe\xF1" "a;79123;Residencial;CL 45 SUR # 12 - 34 AP 201;Kennedy;Bogot\xE1;Z1;directa;$ 1.234.567;90;no;\r\n"
              "1002;Ana Mu\xF1oz;52111;comercial;KR 7 # 80 - 15;Chapinero;Bogot\xE1;Z2;conjunta;300.001;61;;\r\n"
              "1003;Luis;1;comercial;KR 8 # 1 - 2;X;Bogot\xE1;Z2;directa;300.000;200;;\r\n"
              "1004;Sin Datos;1;rural;KR 9 # 1 - 2;X;Bogot\xE1;Z2;directa;300.000;200;;\r\n");
    tmp.write("pagos.csv", "account_id,paid_on,amount\n1002,2026-10-24,5000\n");
    tmp.write("cartas.csv", "account_id,sent_on\n1001,2026-09-24\n");
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_import_select_tests, Portfolio)

BOOST_AUTO_TEST_CASE(import_select_and_explain_on_files) {
  auto r = run_cartero(tmp, "import accounts cuentas.csv --accept-rejected");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(r.out.find(R"("read":4,"imported":3)") != std::string::npos);
  BOOST_CHECK(r.out.find(R"({"line":5,"field":"use_type")") != std::string::npos);
  BOOST_CHECK(r.out.find(R"("encoding":"Windows-1252")") != std::string::npos);
  BOOST_CHECK_EQUAL(run_cartero(tmp, "import payments pagos.csv").exit_code, 0);
  BOOST_CHECK_EQUAL(run_cartero(tmp, "import letters cartas.csv").exit_code, 0);

  r = run_cartero(tmp, "select --cutoff 2026-11-24 --out selected.csv --explain excluded.csv");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(r.out.rfind(R"({"batch":1,"cutoff":"2026-11-24","funnel":{"total":3,)", 0) == 0);
  BOOST_CHECK(r.out.find(R"("selected":2},"address_checks_opened")") != std::string::npos);
  BOOST_CHECK_EQUAL(TempDir::read(tmp.path("selected.csv")),
                    "rank,account_id,holder_name,use_type,billing_type,balance,days_past_due\r\n"
                    "1,1001,José Peña,residential,direct,1234567,90\r\n"
                    "2,1002,Ana Muñoz,commercial,joint,300001,61\r\n");
  BOOST_CHECK_EQUAL(TempDir::read(tmp.path("excluded.csv")), "account_id,reasons\r\n1003,below_threshold\r\n");
}

BOOST_AUTO_TEST_CASE(saved_settings_apply_to_every_later_select_and_a_config_file_overrides_them) {
  run_cartero(tmp, "import accounts cuentas.csv --accept-rejected");
  tmp.write("bad.json", R"({"thresholds": {"commercial": "mucho"}})");
  auto r = run_cartero(tmp, "settings set selection bad.json");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK(r.err.find("bad.json") != std::string::npos);
  BOOST_CHECK(run_cartero(tmp, "settings show").out.find(R"("commercial":300000)") != std::string::npos);  // nothing saved
  tmp.write("strict.json", R"({"thresholds": {"commercial": 400000}})");
  r = run_cartero(tmp, "settings set selection strict.json");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(run_cartero(tmp, "settings show").out.find(R"("commercial":400000)") != std::string::npos);
  r = run_cartero(tmp, "select --cutoff 2026-11-24");
  BOOST_CHECK(r.out.find(R"("selected":1},"address_checks_opened")") != std::string::npos);  // 1002 (300.001) is now below the threshold
  tmp.write("defaults.json", "{}");
  r = run_cartero(tmp, "select --cutoff 2026-11-24 --config defaults.json");
  BOOST_CHECK(r.out.find(R"("selected":2},"address_checks_opened")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(windows_move_with_the_cutoff_and_the_cap_applies) {
  run_cartero(tmp, "import accounts cuentas.csv --accept-rejected");
  run_cartero(tmp, "import payments pagos.csv");
  run_cartero(tmp, "import letters cartas.csv");
  // One day earlier: the payment (cutoff - 30) and the letter (cutoff - 60) now count.
  auto r = run_cartero(tmp, "select --cutoff 2026-11-23 --explain excluded.csv");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK_EQUAL(TempDir::read(tmp.path("excluded.csv")),
                    "account_id,reasons\r\n1001,recent_letter\r\n1002,recent_payment\r\n1003,below_threshold\r\n");
  tmp.write("rules.json", R"({"max_letters": 1, "thresholds": {"commercial": 299999}})");
  r = run_cartero(tmp, "select --cutoff 2026-11-24 --config rules.json --out selected.csv");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(r.out.find(R"("reason":"over_capacity","label":"Fuera del cupo del lote","excluded":2)") != std::string::npos);
  BOOST_CHECK_EQUAL(TempDir::read(tmp.path("selected.csv")),
                    "rank,account_id,holder_name,use_type,billing_type,balance,days_past_due\r\n"
                    "1,1001,José Peña,residential,direct,1234567,90\r\n");
  // --max wins over the file's cap.
  r = run_cartero(tmp, "select --cutoff 2026-11-24 --config rules.json --max 3 --out selected.csv");
  BOOST_CHECK(r.out.find(R"("selected":3},"address_checks_opened")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_input_exits_1_with_a_message_and_writes_nothing) {
  const struct {
    std::string args;
    std::string message;
  } cases[] = {
      {"import accounts nope.csv", "nope.csv: cannot open"},
      {"import clients cuentas.csv", "unknown kind 'clients'"},
      {"import accounts", "usage"},
      {"select --cutoff 2026-02-30", "not a date"},
      {"select --max lots", "whole number"},
      {"select --config missing.json", "missing.json"},
      {"select --bogus 1", "unknown option --bogus"},
      {"frobnicate", "unknown command"},
      {"select", "no portfolio"},
  };
  for (const auto& c : cases) {
    const auto r = run_cartero(tmp, c.args);
    BOOST_TEST_CONTEXT(c.args) {
      BOOST_CHECK_EQUAL(r.exit_code, 1);
      BOOST_CHECK_MESSAGE(r.err.find(c.message) != std::string::npos, r.err);
      BOOST_CHECK(r.out.empty());
    }
  }
  BOOST_CHECK(!std::filesystem::exists(tmp.path("selected.csv")));
}

BOOST_AUTO_TEST_CASE(a_failed_reimport_keeps_the_previous_portfolio) {
  run_cartero(tmp, "import accounts cuentas.csv --accept-rejected");
  tmp.write("broken.csv", "account_id;holder_name\r\n1;x\r\n");
  const auto r = run_cartero(tmp, "import accounts broken.csv");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK(r.err.find("required column") != std::string::npos);
  const auto s = run_cartero(tmp, "select --cutoff 2026-11-24");
  BOOST_CHECK(s.out.find(R"("total":3)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_smaller_snapshot_needs_replace_smaller_and_undo_puts_the_portfolio_back) {
  run_cartero(tmp, "import accounts cuentas.csv --accept-rejected");
  tmp.write("uno.csv", "Cuenta;Nombre;Dirección;Uso;Facturación;Saldo;Días de mora\r\n9;Ana;CL 1;Residencial;Directa;200000;90\r\n");
  auto r = run_cartero(tmp, "import accounts uno.csv");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK_MESSAGE(r.err.find("would replace the portfolio of 3 accounts with 1") != std::string::npos, r.err);
  r = run_cartero(tmp, "import accounts uno.csv --replace-smaller");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(r.out.find(R"("imported":1)") != std::string::npos);
  r = run_cartero(tmp, "import undo accounts");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK_MESSAGE(r.out.find(R"("restored_file":"cuentas.csv","restored":3,"replaced":1)") != std::string::npos, r.out);
  BOOST_CHECK(run_cartero(tmp, "select --cutoff 2026-11-24").out.find(R"("total":3)") != std::string::npos);
  r = run_cartero(tmp, "import accounts '" + std::string(CARTERO_SOURCE_DIR) + "/tests/data/xlsx/dos_hojas.xlsx' --sheet Cartera");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(r.out.find(R"("format":"xlsx","sheet":"Cartera")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_killed_import_leaves_the_previous_state_intact) {
  run_cartero(tmp, "import accounts cuentas.csv --accept-rejected");
  // A large file, killed partway with SIGKILL.
  std::string big = "account_id,holder_name,use_type,address,billing_type,balance,days_past_due\n";
  for (int i = 0; i < 400000; ++i) big += "K" + std::to_string(i) + ",Name,residential,CL 1 # 10 - 20,direct,500000,90\n";
  tmp.write("big.csv", big);
  const std::string cmd = "cd '" + tmp.dir().string() + "' && (timeout -s KILL 0.3 '" + CARTERO_BINARY +
                          "' import accounts big.csv >/dev/null 2>&1; true)";
  BOOST_REQUIRE_EQUAL(std::system(cmd.c_str()), 0);
  const auto s = run_cartero(tmp, "select --cutoff 2026-11-24");
  BOOST_CHECK_EQUAL(s.exit_code, 0);
  const bool old_state = s.out.find(R"("total":3)") != std::string::npos;
  const bool new_state = s.out.find(R"("total":400000)") != std::string::npos;
  BOOST_CHECK_MESSAGE(old_state || new_state, s.out);  // never a partial portfolio
}

BOOST_AUTO_TEST_CASE(holder_names_that_look_like_formulas_stay_text_in_the_exports) {
  tmp.write("formulas.csv",
            "account_id;holder_name;use_type;address;billing_type;balance;days_past_due\n"
            "2001;=HYPERLINK(\"http://x.co\",\"pague aqui\");residencial;CL 1 # 2 - 3;directa;500000;90\n"
            "2002;+cmd|' /C calc'!A0;residencial;CL 2 # 3 - 4;directa;500000;90\n"
            "2003;@SUMA(1);residencial;CL 3 # 4 - 5;directa;500000;90\n");
  BOOST_CHECK_EQUAL(run_cartero(tmp, "import accounts formulas.csv").exit_code, 0);
  BOOST_CHECK_EQUAL(run_cartero(tmp, "select --cutoff 2026-11-24 --out selected.csv").exit_code, 0);
  const auto csv = TempDir::read(tmp.path("selected.csv"));
  BOOST_CHECK_MESSAGE(csv.find(",'+cmd|' /C calc'!A0,") != std::string::npos, csv);
  BOOST_CHECK_MESSAGE(csv.find(",'@SUMA(1),") != std::string::npos, csv);
  BOOST_CHECK_MESSAGE(csv.find(",\"'=HYPERLINK(") != std::string::npos, csv);
  BOOST_CHECK(csv.find(",=") == std::string::npos && csv.find(",+") == std::string::npos && csv.find(",@") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
