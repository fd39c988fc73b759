// csv.js: exported lists open in a spreadsheet with their quotes and commas.
import { test } from "node:test";
import assert from "node:assert/strict";
import { toCsv } from "../../webui/static/js/csv.js";

test("cells are quoted, inner quotes doubled, lines end in CRLF", () => {
  assert.equal(toCsv([["Zona", "Nombre"], ["Z1", 'Peña, "Pepe"'], [3, null]]),
    '"Zona","Nombre"\r\n"Z1","Peña, ""Pepe"""\r\n"3",""\r\n');
});

// table.js: a column sorts as people read it.
import { sortKey, sortRows } from "../../webui/static/js/table.js";

test("numbers sort by value, dates by date, names ignoring accents and case", () => {
  assert.deepEqual(sortRows([["1.234"], ["999"], ["$ 50"]], 0).map((r) => r[0]), ["$ 50", "999", "1.234"]);
  assert.deepEqual(sortRows([["02/01/2027"], ["31/12/2026 23:59"], ["01/12/2026"]], 0).map((r) => r[0]),
    ["01/12/2026", "31/12/2026 23:59", "02/01/2027"]);
  assert.deepEqual(sortRows([["Ñoño"], ["ibáñez"], ["Ibañez"], ["Ana"]], 0).map((r) => r[0]), ["Ana", "ibáñez", "Ibañez", "Ñoño"]);
  assert.deepEqual(sortRows([["b"], ["a"]], 0, false).map((r) => r[0]), ["b", "a"]);
  assert.equal(sortKey("Z02"), "Z02");
});

// search.js: what people type finds what they mean.
import { fold, matches } from "../../webui/static/js/search.js";

test("search ignores accents, case and an account number's punctuation", () => {
  assert.equal(fold("  IBÁÑEZ  Peña "), "ibanez pena");
  assert.ok(matches("Luz Ibáñez · CL 9 # 1 - 2", "ibañez"));
  assert.ok(matches("Luz Ibáñez", "IBANEZ luz"));
  assert.ok(matches("Cuenta 100000007", "100.000.007"));
  assert.ok(matches("Zona Z02", "z02"));
  assert.ok(!matches("Luz Ibáñez", "ibarra"));
});
