/* Seeds for fuzz_xlsx written by libxlsxwriter (a writer other than
 * Cartero's reader): inline strings (constant-memory mode), formulas with
 * cached values, dates with a dd/mm/yyyy format, a hidden second sheet.
 * Built and run by make_xlsx_seeds.py. */
#include <xlsxwriter.h>

static void rows(lxw_workbook *wb, lxw_worksheet *ws) {
  lxw_format *date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  worksheet_write_string(ws, 0, 0, "Cuenta", NULL);
  worksheet_write_string(ws, 0, 1, "Fecha de pago", NULL);
  worksheet_write_string(ws, 0, 2, "Valor pagado", NULL);
  worksheet_write_string(ws, 0, 3, "Total", NULL);
  lxw_datetime d1 = {2026, 2, 15, 0, 0, 0}, d2 = {2026, 1, 9, 0, 0, 0};
  worksheet_write_string(ws, 1, 0, "100234", NULL);
  worksheet_write_datetime(ws, 1, 1, &d1, date);
  worksheet_write_number(ws, 1, 2, 109500.5, NULL);
  worksheet_write_formula_num(ws, 1, 3, "=C2*2", NULL, 219001);
  worksheet_write_string(ws, 2, 0, "100236", NULL);
  worksheet_write_datetime(ws, 2, 1, &d2, date);
  worksheet_write_number(ws, 2, 2, 50000, NULL);
  worksheet_write_formula_str(ws, 2, 3, "=A3&\" ÑANDÚ\"", NULL, "100236 ÑANDÚ");
  worksheet_write_boolean(ws, 3, 0, 1, NULL);
  worksheet_write_string(ws, 5, 2, "=HYPERLINK(\"x\")", NULL);
}

static void book(const char *path, int constant_memory, int hidden) {
  lxw_workbook_options options = {.constant_memory = constant_memory, .tmpdir = NULL};
  lxw_workbook *wb = workbook_new_opt(path, &options);
  lxw_worksheet *ws = workbook_add_worksheet(wb, "Pagos");
  rows(wb, ws);
  if (hidden) {
    lxw_worksheet *h = workbook_add_worksheet(wb, "Oculta");
    worksheet_write_string(h, 0, 0, "Secreto", NULL);
    worksheet_hide(h);
  }
  workbook_close(wb);
}

int main(void) {
  book("lxw_inline_strings.xlsx", 1, 0);
  book("lxw_shared_strings_hidden.xlsx", 0, 1);
  return 0;
}
