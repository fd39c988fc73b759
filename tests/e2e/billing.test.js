// Browser test: billing confirms a demolition clean-up and rejects a
// vacant-lot one with its reason. Usage: node billing.test.js CARTERO ARTIFACTS
const fs = require("fs");
const path = require("path");
const { login, runTest, dispatchedBatch } = require("./harness");

const [cartero, artifacts] = process.argv.slice(2);

runTest(cartero, (w) => {
  dispatchedBatch(w, "account_id,holder_name,use_type,address,zone,billing_type,balance,days_past_due\n" +
    "1,José Peña,residential,CL 9 # 1 - 2,Z1,direct,500000,90\n2,Ana Muñoz,residential,CL 3 # 4 - 5,Z1,direct,400000,90\n");
  w.write("r.csv", "letter_id,cause,returned_on\n2026-000001,demolido,2026-12-01\n2026-000002,lote,2026-12-01\n");
  w.run(["import", "returns", "r.csv"]);
  w.run(["user", "add", "fabio", "--role", "billing"], "clave-factura\n");
}, async (b, w, url) => {
  const page = await b.newPage();
  await login(page, url, "fabio", "clave-factura");
  await page.waitForSelector("#casos-facturacion li:has-text('Predio demolido')");
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, "billing-cases.png"), fullPage: true });
  // The server searches the whole list, ignoring accents and case: "munoz" finds Ana Muñoz only.
  await page.fill("#filtro-facturacion input[name=q]", "munoz");
  await page.waitForFunction(() => document.querySelectorAll("#casos-facturacion li[data-id]").length === 1);
  if (!(await page.isVisible("#casos-facturacion li:has-text('Ana Muñoz')"))) throw new Error("the search did not find Ana Muñoz");
  await page.waitForSelector("#filtrados-facturacion:has-text('1 de 1 casos que coinciden')");
  // Sorted by the server: by holder, Ana before José.
  await page.fill("#filtro-facturacion input[name=q]", "");
  await page.selectOption("#filtro-facturacion select[name=order]", "holder");
  await page.waitForFunction(() => document.querySelectorAll("#casos-facturacion li[data-id]").length === 2 &&
    document.querySelector("#casos-facturacion li[data-id]").textContent.includes("Ana Muñoz"));
  await page.selectOption("#filtro-facturacion select[name=order]", "old");
  await page.waitForFunction(() => document.querySelector("#casos-facturacion li[data-id]").textContent.includes("José Peña"));
  await page.locator("#casos-facturacion li").first().locator("button[data-decision=confirmed]").click();
  await page.click("#modal-si");
  await page.waitForFunction(() => document.querySelectorAll("#casos-facturacion li").length === 1);
  const last = page.locator("#casos-facturacion li").first();
  await last.locator("input[name=text]").fill("el predio está construido");
  await last.locator("button[data-decision=rejected]").click();
  await page.waitForSelector("#casos-facturacion li:has-text('No hay casos abiertos')");
  const history = JSON.parse(w.run(["report", "account", "1"]));
  if (!history.events.some((e) => e.type === "case" && e.outcome === "confirmed")) throw new Error("the clean-up was not confirmed");
  // The account's history in the page shows the decision.
  await page.click("#menu a[data-view=cuenta]");
  await page.fill("input[name=account]", "1");
  await page.click("#buscar button");
  await page.waitForSelector("#historia:has-text('Confirmado por fabio')");
  await page.waitForSelector("#historia:has-text('Saneamiento confirmado por facturación')");

  // A decision taken by mistake: the case reopened with its reason, back on billing's list.
  await page.click("#historia button[data-reopen]");
  await page.fill("#reabrir-motivo", "el predio sigue en pie: se confirmó por error");
  await page.click("#modal-si");
  await page.waitForSelector(".toast:has-text('reabierto')");
  // ...and what its confirmation recorded is taken back: the account is no longer marked demolished.
  await page.waitForSelector(".toast:has-text('lo que registró sobre la cuenta se deshizo')");
  await page.waitForSelector("#historia:has-text('abierto')");
  if ((await page.textContent("#historia")).includes("Saneamiento confirmado por facturación")) {
    throw new Error("the account page still shows the sanitation confirmed by the reopened case");
  }
  await page.click("#menu a[data-view=facturacion]");
  await page.waitForSelector("#casos-facturacion li:has-text('José Peña')");

  // Accounts found as people type them: the holder without accents, or words of the address.
  await page.click("#menu a[data-view=cuenta]");
  await page.fill("input[name=account]", "PENA");
  await page.click("#buscar button");
  await page.waitForSelector("#historia h3:has-text('Cuenta 1')");
  // Words in any order: "pena jose" finds José Peña.
  await page.fill("input[name=account]", "pena jose");
  await page.click("#buscar button");
  await page.waitForSelector("#historia h3:has-text('Cuenta 1')");
  await page.fill("input[name=account]", "cl");
  await page.click("#buscar button");
  await page.waitForSelector("#coincidencias:has-text('2 cuentas coinciden')");
  // The results sorted by the server on a header's click, shown by aria-sort.
  const firstHolder = () => page.locator("#tabla-coincidencias tbody tr").first().locator("td").nth(1).textContent();
  await page.click("#tabla-coincidencias th[data-sort=holder] button");
  await page.waitForSelector("#tabla-coincidencias th[data-sort=holder][aria-sort=ascending]");
  await page.waitForFunction(() => document.querySelector("#tabla-coincidencias tbody tr td:nth-child(2)").textContent === "Ana Muñoz");
  await page.click("#tabla-coincidencias th[data-sort=holder] button");
  await page.waitForSelector("#tabla-coincidencias th[data-sort=holder][aria-sort=descending]");
  await page.waitForFunction(() => document.querySelector("#tabla-coincidencias tbody tr td:nth-child(2)").textContent === "José Peña");
  if ((await firstHolder()) !== "José Peña") throw new Error("the results were not sorted by holder, descending");
  await page.click("#tabla-coincidencias a:has-text('2')");
  await page.waitForSelector("#historia h3:has-text('Cuenta 2')");
});
