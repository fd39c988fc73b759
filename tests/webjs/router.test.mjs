// router.js: a hash opens only a page the role may use.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PAGES, VIEWS, link, resolve } from "../../webui/static/js/router.js";

test("a role's hash opens its page with the parameter decoded", () => {
  assert.deepEqual(resolve("#cuenta/100.000.007", "billing"), { view: "cuenta", param: "100.000.007" });
  assert.deepEqual(resolve(link("cuenta", "A/7 ñ"), "office"), { view: "cuenta", param: "A/7 ñ" });
  assert.deepEqual(resolve("#lotes", "analyst"), { view: "lotes", param: "" });
});

test("a page the role may not use, or no page, opens the role's first page", () => {
  assert.deepEqual(resolve("#usuarios", "field"), { view: "terreno", param: "" });
  assert.deepEqual(resolve("", "office"), { view: "carga", param: "" });
  assert.deepEqual(resolve("#nada", "admin"), { view: "tablero", param: "" });
  assert.deepEqual(resolve("#tablero", "desconocido"), { view: null, param: "" });
});

test("every page of every role has a title and a module", () => {
  for (const views of Object.values(VIEWS)) {
    for (const v of views) assert.ok(PAGES[v] && PAGES[v].title && PAGES[v].module, v);
  }
});

test("a supervisor reads batches, the campaign and the bureau report, but cannot import or scan", () => {
  assert.deepEqual(resolve("#lotes/3", "supervisor"), { view: "lotes", param: "3" });
  assert.deepEqual(resolve("#campana/3", "supervisor"), { view: "campana", param: "3" });
  assert.deepEqual(resolve("#cartera", "supervisor"), { view: "tablero", param: "" });
  assert.deepEqual(resolve("#carga", "supervisor"), { view: "tablero", param: "" });
  assert.deepEqual(resolve("#buro", "analyst"), { view: "buro", param: "" });
});
