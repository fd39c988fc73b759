// cartero-csv-to-xlsx IN.csv OUT.xlsx: the same rows as an Excel workbook,
// written by libxlsxwriter (constant memory, so inline strings), numbers
// that are plain digits as number cells: what `bench import` reads back.
#include <xlsxwriter.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cartero/core/csv.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: cartero-csv-to-xlsx IN.csv OUT.xlsx\n");
    return 1;
  }
  cartero::CsvReader csv(argv[1]);
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(argv[2], &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Cartera");
  lxw_row_t row = 0;
  for (std::size_t c = 0; c < csv.header().size(); ++c) {
    worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), csv.header()[c].c_str(), nullptr);
  }
  std::vector<std::string_view> fields;
  std::string cell;
  while (csv.next(fields)) {
    ++row;
    for (std::size_t c = 0; c < fields.size(); ++c) {
      cell.assign(fields[c]);
      bool digits = !cell.empty() && cell.size() < 16 && cell[0] != '0';
      for (char ch : cell) digits = digits && std::isdigit(static_cast<unsigned char>(ch));
      if (digits) worksheet_write_number(ws, row, static_cast<lxw_col_t>(c), std::strtod(cell.c_str(), nullptr), nullptr);
      else if (!cell.empty()) worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), cell.c_str(), nullptr);
    }
  }
  return workbook_close(wb) == LXW_NO_ERROR ? 0 : 2;
}
