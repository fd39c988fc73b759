#include "cartero/core/people_export.hpp"

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "cartero/core/table.hpp"
#include "cartero/core/text.hpp"
#include "../support/temp_dir.hpp"

using namespace cartero;
using cartero::testing::TempDir;

namespace {

std::vector<ExportColumn> columns() {
  return {{"return_id", "Devolución", CellKind::number}, {"holder_name", "Suscriptor"}, {"cause", "Causal"},
          {"returned_on", "Fecha de devolución", CellKind::date}, {"registered_at", "Registrada", CellKind::timestamp}};
}

void write(const std::string& path, ExportFormat f) {
  auto w = open_export(path, f, "Devoluciones", columns());
  w->row({"1", "PEÑA =HYPERLINK", "moved", "2026-12-01", "2026-12-01T21:47:05Z"}, {"", "", "No reside / cambió de domicilio"});
  w->row({"2", "=HYPERLINK(\"http://x\")", "refused", "2026-12-02", "2026-12-02T03:10:00Z"}, {"", "", "Rehusado"});
  w->row({"3", "+cmd|' /C calc'!A0", "closed", "", ""}, {});
  w->close();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(people_export_tests)

BOOST_AUTO_TEST_CASE(csv_in_excels_spanish_dialect) {
  TempDir tmp;
  write(tmp.path("r.csv"), ExportFormat::csv_excel);
  BOOST_CHECK_EQUAL(TempDir::read(tmp.path("r.csv")),
                    "\xEF\xBB\xBF" "Devolución;Suscriptor;Causal;Fecha de devolución;Registrada\r\n"
                    "1;PEÑA =HYPERLINK;No reside / cambió de domicilio;01/12/2026;01/12/2026 16:47\r\n"
                    "2;\"'=HYPERLINK(\"\"http://x\"\")\";Rehusado;02/12/2026;01/12/2026 22:10\r\n"
                    "3;'+cmd|' /C calc'!A0;closed;;\r\n");
}

BOOST_AUTO_TEST_CASE(the_machine_dialect_keeps_codes_and_iso) {
  TempDir tmp;
  write(tmp.path("r.csv"), ExportFormat::csv_machine);
  const auto text = TempDir::read(tmp.path("r.csv"));
  BOOST_CHECK(text.rfind("return_id,holder_name,cause,returned_on,registered_at\r\n1,PEÑA =HYPERLINK,moved,2026-12-01,2026-12-01T21:47:05Z\r\n", 0) == 0);
}

BOOST_AUTO_TEST_CASE(xlsx_numbers_dates_and_text_that_never_runs) {
  TempDir tmp;
  const auto path = tmp.path("r.xlsx");
  write(path, ExportFormat::xlsx);
  BOOST_CHECK(!std::filesystem::exists(path + ".tmp.xlsx"));
  auto t = open_table(path);
  BOOST_CHECK_EQUAL(t->sheet(), "Devoluciones");
  BOOST_CHECK_EQUAL(t->header()[3], "Fecha de devolución");
  std::vector<std::vector<std::string>> rows;
  t->read([&](std::size_t, const std::vector<std::string_view>& f) {
    rows.emplace_back(f.begin(), f.end());
    return true;
  });
  BOOST_REQUIRE_EQUAL(rows.size(), 3u);
  BOOST_CHECK_EQUAL(rows[0][0], "1");            // a number cell
  BOOST_CHECK_EQUAL(rows[0][2], "No reside / cambió de domicilio");
  BOOST_CHECK_EQUAL(rows[0][3], "2026-12-01");   // a date cell (dd/mm/yyyy style)
  BOOST_CHECK_EQUAL(rows[1][4], "2026-12-01");   // 03:10 UTC is the evening before in Bogotá
  BOOST_CHECK_EQUAL(rows[1][1], "'=HYPERLINK(\"http://x\")");
}

// The workbook is written on a thread of its own in batches of rows: a long
// list comes out whole and in order, and a writer abandoned halfway (a
// failed command) stops it and leaves no file.
BOOST_AUTO_TEST_CASE(a_long_xlsx_list_whole_and_in_order_or_nothing) {
  TempDir tmp;
  const auto path = tmp.path("registro.xlsx");
  {
    auto w = open_export(path, ExportFormat::xlsx, "Devoluciones", columns());
    for (int i = 1; i <= 2000; ++i) {
      w->row({std::to_string(i), "JOSÉ PEÑA " + std::to_string(i), i % 2 ? "moved" : "", "2026-12-01", "2026-12-01T21:47:05Z"},
             {"", "", i % 2 ? "No reside / cambió de domicilio" : ""});
    }
    w->close();
  }
  auto t = open_table(path);
  std::vector<std::vector<std::string>> rows;
  t->read([&](std::size_t, const std::vector<std::string_view>& f) {
    rows.emplace_back(f.begin(), f.end());
    return true;
  });
  BOOST_REQUIRE_EQUAL(rows.size(), 2000u);
  for (int i = 1; i <= 2000; ++i) {
    const auto& r = rows[static_cast<std::size_t>(i - 1)];
    BOOST_REQUIRE_EQUAL(r.size(), 5u);
    BOOST_REQUIRE_EQUAL(r[0], std::to_string(i));
    BOOST_REQUIRE_EQUAL(r[1], "JOSÉ PEÑA " + std::to_string(i));
    BOOST_REQUIRE_EQUAL(r[2], i % 2 ? "No reside / cambió de domicilio" : "");
    BOOST_REQUIRE_EQUAL(r[3], "2026-12-01");
  }

  const auto abandoned = tmp.path("a_medias.xlsx");
  {
    auto w = open_export(abandoned, ExportFormat::xlsx, "Devoluciones", columns());
    for (int i = 1; i <= 1000; ++i) w->row({std::to_string(i), "ANA", "moved", "2026-12-01", "2026-12-01T21:47:05Z"});
  }
  BOOST_CHECK(!std::filesystem::exists(abandoned));
  BOOST_CHECK(!std::filesystem::exists(abandoned + ".tmp.xlsx"));
}

BOOST_AUTO_TEST_CASE(bogota_time_and_spanish_dates) {
  BOOST_CHECK_EQUAL(bogota_time("2026-12-01T21:47:05Z"), "01/12/2026 16:47");
  BOOST_CHECK_EQUAL(bogota_time("2026-01-01T02:00:00Z"), "31/12/2025 21:00");
  BOOST_CHECK_EQUAL(spanish_date("2026-02-15"), "15/02/2026");
  BOOST_CHECK_EQUAL(spreadsheet_text("@SUM(1)"), "'@SUM(1)");
  BOOST_CHECK_EQUAL(spreadsheet_text("\tx"), "'\tx");
  BOOST_CHECK_EQUAL(spreadsheet_text("Ana"), "Ana");
}

BOOST_AUTO_TEST_SUITE_END()
