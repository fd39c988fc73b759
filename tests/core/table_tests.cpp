// Reading CSV and .xlsx as one kind of table. Workbooks come from writers
// other than the reader: libxlsxwriter here, openpyxl for the hand-made
// ones under tests/data/xlsx (make_workbooks.py).
#include "cartero/core/table.hpp"

#include <xlsxwriter.h>

#include <boost/test/unit_test.hpp>

#include "cartero/core/error.hpp"
#include "../support/temp_dir.hpp"

using namespace cartero;
using cartero::testing::TempDir;

namespace {

const std::string k_data = std::string(CARTERO_SOURCE_DIR) + "/tests/data/xlsx/";

struct Rows {
  std::vector<std::size_t> lines;
  std::vector<std::vector<std::string>> rows;
};

Rows read_all(TableReader& t) {
  Rows out;
  t.read([&](std::size_t line, const std::vector<std::string_view>& f) {
    out.lines.push_back(line);
    out.rows.emplace_back(f.begin(), f.end());
    return true;
  });
  return out;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(table_tests)

BOOST_AUTO_TEST_CASE(xlsx_typed_cells_from_libxlsxwriter) {
  TempDir tmp;
  const auto path = tmp.path("cartera.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Hoja1");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  // Row 1 left empty: the header is the first row with a value.
  const char* header[] = {"Cuenta", "Fecha de pago", "Valor", "Nota", "Fórmula", "Sí/No"};
  for (int c = 0; c < 6; ++c) worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), header[c], nullptr);
  worksheet_write_string(ws, 2, 0, "00123", nullptr);
  lxw_datetime d = {2026, 2, 15, 0, 0, 0};
  worksheet_write_datetime(ws, 2, 1, &d, date);
  worksheet_write_number(ws, 2, 2, 109500.5, nullptr);
  worksheet_write_string(ws, 2, 3, "PEÑA & Cía <\"x\">", nullptr);
  worksheet_write_formula_num(ws, 2, 4, "=C3*2", nullptr, 219001);
  worksheet_write_boolean(ws, 2, 5, 1, nullptr);
  worksheet_write_number(ws, 3, 0, 456, nullptr);  // a row with gaps
  worksheet_write_number(ws, 3, 2, 12.345, nullptr);
  BOOST_REQUIRE_EQUAL(workbook_close(wb), LXW_NO_ERROR);

  auto t = open_table(path);
  BOOST_CHECK_EQUAL(t->format(), std::string("xlsx"));
  BOOST_CHECK_EQUAL(t->sheet(), "Hoja1");
  BOOST_CHECK_EQUAL(t->header_line(), 2u);
  BOOST_CHECK_EQUAL(t->header().size(), 6u);
  BOOST_CHECK_EQUAL(t->header()[4], "Fórmula");
  const auto all = read_all(*t);
  BOOST_REQUIRE_EQUAL(all.rows.size(), 2u);
  BOOST_CHECK_EQUAL(all.lines[0], 3u);
  const std::vector<std::string> first = {"00123", "2026-02-15", "109500.5", "PEÑA & Cía <\"x\">", "219001", "1"};
  BOOST_CHECK_EQUAL_COLLECTIONS(all.rows[0].begin(), all.rows[0].end(), first.begin(), first.end());
  // 12.345 keeps four decimals so it never reads as a thousands group.
  const std::vector<std::string> second = {"456", "", "12.3450"};
  BOOST_CHECK_EQUAL_COLLECTIONS(all.rows[1].begin(), all.rows[1].end(), second.begin(), second.end());
}

BOOST_AUTO_TEST_CASE(csv_and_xlsx_read_alike) {
  TempDir tmp;
  auto t = open_table(tmp.write("a.csv", "Cuenta;Saldo\r\n\r\n1;$ 1.234\r\n"));
  BOOST_CHECK_EQUAL(t->format(), std::string("csv"));
  BOOST_CHECK_EQUAL(t->delimiter(), ';');
  BOOST_CHECK_EQUAL(t->header_line(), 1u);
  const auto all = read_all(*t);
  BOOST_REQUIRE_EQUAL(all.rows.size(), 1u);
  BOOST_CHECK_EQUAL(all.lines[0], 3u);
  BOOST_REQUIRE_EQUAL(all.rows[0].size(), 2u);
  BOOST_CHECK_EQUAL(all.rows[0][1], "$ 1.234");
  BOOST_CHECK(contains(error_of([&] { open_table(tmp.path("a.csv"), std::string("Hoja1")); }), "--sheet is for .xlsx"));
}

BOOST_AUTO_TEST_CASE(hand_made_workbook_in_the_office_conventions) {
  auto t = open_table(k_data + "cuentas_oficina.xlsx");
  BOOST_CHECK_EQUAL(t->sheet(), "Cartera");
  BOOST_CHECK_EQUAL(t->header()[0], "Número de cuenta");
  BOOST_CHECK_EQUAL(t->header()[9], "Saneamiento");
  const auto all = read_all(*t);
  BOOST_REQUIRE_EQUAL(all.rows.size(), 3u);
  BOOST_CHECK_EQUAL(all.rows[0][1], "MARÍA PEÑA GÓMEZ");
  BOOST_CHECK_EQUAL(all.rows[0][6], "1234567.5");
  BOOST_CHECK_EQUAL(all.rows[2][4], "Especial");
  auto pagos = open_table(k_data + "pagos_oficina.xlsx");
  const auto p = read_all(*pagos);
  BOOST_REQUIRE_EQUAL(p.rows.size(), 3u);
  BOOST_CHECK_EQUAL(p.rows[0][1], "2026-02-15");   // a date cell styled dd/mm/yyyy
  BOOST_CHECK_EQUAL(p.rows[1][1], "03/02/2026");   // a date stored as text is left as written
  BOOST_CHECK_EQUAL(p.rows[2][1], "2026-01-09");   // styled d/m/yyyy
}

BOOST_AUTO_TEST_CASE(the_sheet_named_or_the_first) {
  BOOST_CHECK_EQUAL(open_table(k_data + "dos_hojas.xlsx")->sheet(), "Resumen");
  auto t = open_table(k_data + "dos_hojas.xlsx", std::string("Cartera"));
  BOOST_CHECK_EQUAL(t->header()[0], "Número de cuenta");
  const auto e = error_of([] { open_table(k_data + "dos_hojas.xlsx", std::string("Pagos")); });
  BOOST_CHECK(contains(e, "there is no sheet 'Pagos'"));
  BOOST_CHECK(contains(e, "'Resumen', 'Cartera'"));
}

BOOST_AUTO_TEST_CASE(bad_workbooks_are_refused_naming_file_sheet_and_row) {
  TempDir tmp;
  const auto not_zip = tmp.write("cuentas.xlsx", "Cuenta;Saldo\n1;2\n");
  BOOST_CHECK(contains(error_of([&] { open_table(not_zip); }), "not an Excel workbook"));
  const auto cut = tmp.write("roto.xlsx", std::string("PK\x03\x04", 4) + std::string(100, 'x'));
  BOOST_CHECK(contains(error_of([&] { open_table(cut); }), "roto.xlsx: not a readable .xlsx"));
  BOOST_CHECK(contains(error_of([] { open_table(k_data + "bomba.xlsx"); }), "refused as a zip bomb"));
  const auto hidden = error_of([] { open_table(k_data + "hoja_oculta.xlsx"); });
  BOOST_CHECK(contains(hidden, "sheet 'Oculta': the sheet is hidden"));
  BOOST_CHECK_NO_THROW(open_table(k_data + "hoja_oculta.xlsx", std::string("Visible")));
  const auto merged = error_of([] { open_table(k_data + "encabezado_combinado.xlsx"); });
  BOOST_CHECK(contains(merged, "sheet 'Cartera', row 1: the header has merged cells"));
}

BOOST_AUTO_TEST_CASE(a_sheet_reaching_excels_last_row_was_cut_off) {
  TempDir tmp;
  const auto path = tmp.path("largo.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Cartera");
  worksheet_write_string(ws, 0, 0, "Cuenta", nullptr);
  worksheet_write_string(ws, 1, 0, "1", nullptr);
  worksheet_write_string(ws, 1048575, 0, "1048576", nullptr);
  BOOST_REQUIRE_EQUAL(workbook_close(wb), LXW_NO_ERROR);
  auto t = open_table(path);
  std::size_t rows = 0;
  const auto e = error_of([&] { t->read([&](std::size_t, const std::vector<std::string_view>&) { return ++rows, true; }); });
  BOOST_CHECK(contains(e, "largo.xlsx, sheet 'Cartera', row 1048576"));
  BOOST_CHECK(contains(e, "Excel's last row"));
}

// The sheet is parsed on its own thread a few batches of rows ahead of the
// caller: rows still come in order with their numbers, a stop or an error
// of the caller ends the reading there, and what lies past it is not read.
BOOST_AUTO_TEST_CASE(a_long_sheet_read_ahead_in_order_stopped_or_failed_by_the_caller) {
  TempDir tmp;
  const auto path = tmp.path("cartera.xlsx");
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;  // inline strings, as the bench and many exporters write them
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Cartera");
  worksheet_write_string(ws, 0, 0, "Cuenta", nullptr);
  worksheet_write_string(ws, 0, 1, "Suscriptor", nullptr);
  worksheet_write_string(ws, 0, 2, "Dirección", nullptr);
  // Rich text (its runs are one cell's text) on one row.
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_rich_string_tuple run1 = {bold, const_cast<char*>("CL 45 SUR ")}, run2 = {nullptr, const_cast<char*>("# 12 - 34")};
  lxw_rich_string_tuple* runs[] = {&run1, &run2, nullptr};
  // Accounts on rows 2..3001, every hundredth row blank (101, 201, ...).
  std::size_t written = 0;
  for (lxw_row_t r = 1; r <= 3000; ++r) {
    if (r % 100 == 0) continue;
    worksheet_write_number(ws, r, 0, 100000 + r, nullptr);
    worksheet_write_string(ws, r, 1, ("MARÍA PEÑA " + std::to_string(r)).c_str(), nullptr);
    if (r == 2501) BOOST_REQUIRE_EQUAL(worksheet_write_rich_string(ws, r, 2, runs, nullptr), LXW_NO_ERROR);
    ++written;
  }
  // A sheet that was cut at Excel's last row fails there, after every row before it.
  worksheet_write_string(ws, 1048575, 0, "1048576", nullptr);
  BOOST_REQUIRE_EQUAL(workbook_close(wb), LXW_NO_ERROR);

  auto t = open_table(path);
  Rows all;
  const auto e = error_of([&] {
    t->read([&](std::size_t line, const std::vector<std::string_view>& f) {
      all.lines.push_back(line);
      all.rows.emplace_back(f.begin(), f.end());
      return true;
    });
  });
  BOOST_CHECK(contains(e, "cartera.xlsx, sheet 'Cartera', row 1048576"));
  BOOST_REQUIRE_EQUAL(all.rows.size(), written);
  for (std::size_t i = 0; i < all.rows.size(); ++i) {
    const auto row = all.lines[i];
    BOOST_REQUIRE(row % 100 != 1);  // sheet row r + 1 holds the account of r
    BOOST_REQUIRE_EQUAL(all.rows[i][0], std::to_string(100000 + row - 1));
    BOOST_REQUIRE_EQUAL(all.rows[i][1], "MARÍA PEÑA " + std::to_string(row - 1));
  }
  BOOST_CHECK_EQUAL(all.lines.back(), 3000u);  // sheet row 3001 is blank
  BOOST_CHECK_EQUAL(all.rows[2500 - 25].at(2), "CL 45 SUR # 12 - 34");  // sheet row 2502, the 2,476th row less the blank ones
  BOOST_CHECK_GT(t->progress(), 0.99);

  // The caller stops at row 1,500: lines and blanks count up to there, and
  // the cut-off row past it is never reached.
  auto stopped = open_table(path);
  std::size_t seen = 0;
  BOOST_CHECK_NO_THROW(stopped->read([&](std::size_t row, const std::vector<std::string_view>&) { return ++seen, row < 1500; }));
  BOOST_CHECK_EQUAL(stopped->lines(), 1500u);
  BOOST_CHECK_EQUAL(stopped->blank_lines(), 1500u - 1 - seen);
  BOOST_CHECK_EQUAL(seen, 1500u - 1 - 14);  // rows 2..1500 less the blank 101, 201, ..., 1401

  // The caller's own error names the file, sheet and row it was reading.
  auto failing = open_table(path);
  const auto own = error_of([&] {
    failing->read([&](std::size_t row, const std::vector<std::string_view>&) {
      if (row == 2345) throw InputError("the balance is not a number");
      return true;
    });
  });
  BOOST_CHECK_EQUAL(own, path + ", sheet 'Cartera', row 2345: the balance is not a number");
}

BOOST_AUTO_TEST_CASE(rows_out_of_order_are_refused_not_read_twice) {
  // Found by fuzz_xlsx: a sheet going back to an earlier row was read in
  // file order, and the rows read no longer added up to the sheet's rows.
  auto t = open_table(k_data + "filas_desordenadas.xlsx");
  BOOST_CHECK_EQUAL(t->header().size(), 2u);
  std::vector<std::size_t> rows;
  const auto e = error_of([&] { t->read([&](std::size_t row, const std::vector<std::string_view>&) { return rows.push_back(row), true; }); });
  BOOST_CHECK(contains(e, "filas_desordenadas.xlsx, sheet 'Pagos', row 3: row 2 comes after row 3"));
  BOOST_CHECK(contains(e, "out of order"));
  BOOST_CHECK((rows == std::vector<std::size_t>{2, 3}));
  try {
    open_table(k_data + "filas_desordenadas.xlsx")->read([](std::size_t, const std::vector<std::string_view>&) { return true; });
    BOOST_ERROR("no error");
  } catch (const InputError& e) {
    BOOST_CHECK(e.code() == ErrorCode::workbook_damaged);  // "el .xlsx está dañado" on the web
  }
}

BOOST_AUTO_TEST_CASE(column_letters_as_excel_names_them) {
  BOOST_CHECK_EQUAL(column_letters(0), "A");
  BOOST_CHECK_EQUAL(column_letters(25), "Z");
  BOOST_CHECK_EQUAL(column_letters(26), "AA");
  BOOST_CHECK_EQUAL(column_letters(16383), "XFD");
}

BOOST_AUTO_TEST_SUITE_END()
