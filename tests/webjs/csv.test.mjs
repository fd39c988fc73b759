// csv.js: exported lists open in a spreadsheet with their quotes and commas.
import { test } from "node:test";
import assert from "node:assert/strict";
import { toCsv } from "../../webui/static/js/csv.js";

test("cells are quoted, inner quotes doubled, lines end in CRLF", () => {
  assert.equal(toCsv([["Zona", "Nombre"], ["Z1", 'Peña, "Pepe"'], [3, null]]),
    '"Zona","Nombre"\r\n"Z1","Peña, ""Pepe"""\r\n"3",""\r\n');
});
