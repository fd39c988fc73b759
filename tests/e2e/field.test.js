// Browser test: a field assistant on a phone opens their zone's list,
// records an outcome with one tap, and records another while the phone has
// no connection: it is kept and sent when the connection is back.
// Usage: node field.test.js CARTERO ARTIFACTS
const fs = require("fs");
const path = require("path");
const { login, runTest, dispatchedBatch } = require("./harness");

const [cartero, artifacts] = process.argv.slice(2);

runTest(cartero, (w) => {
  dispatchedBatch(w, "account_id,holder_name,use_type,address,neighborhood,zone,billing_type,balance,days_past_due\n" +
    "1,José Peña,residential,CL 9 # 1 - 2,Kennedy,Z1,direct,500000,90\n2,Ana Muñoz,residential,CL 3 # 4 - 5,Bosa,Z1,direct,400000,90\n");
  w.write("r.csv", "letter_id,cause,returned_on\n2026-000001,Dirección inexistente,2026-12-01\n2026-000002,dir incompleta,2026-12-01\n");
  w.run(["import", "returns", "r.csv"]);
  w.run(["user", "add", "luis", "--role", "field", "--zones", "Z1"], "clave-terreno\n");
}, async (b, w, url) => {
  const context = await b.newContext({ viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await login(page, url, "luis", "clave-terreno");
  await page.waitForSelector("#terreno:not([hidden])");
  await page.click("#zona button");
  await page.waitForSelector("#casos-terreno li:has-text('Dirección inexistente')");
  if ((await page.locator("#casos-terreno li").count()) !== 2) throw new Error("expected 2 cases in zone Z1");
  if (await page.evaluate(() => !!window.Chart)) throw new Error("the phone downloaded the chart library");
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, "field-list.png") });
  await page.locator("#casos-terreno li").first().locator("button[data-outcome=address_ok]").tap();
  await page.waitForFunction(() => document.querySelectorAll("#casos-terreno li").length === 1);
  const open = () => JSON.parse(w.run(["report", "cases"])).find((c) => c.kind === "field_check").open;
  if (open() !== 1) throw new Error("the outcome was not recorded");

  // No signal, and the page reloaded: the phone still opens Cartero and the
  // zone's list (the service worker's copy); an outcome waits on the phone,
  // then goes when the signal is back.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await page.reload();
  await page.waitForSelector("#casos-terreno li[data-id]");
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector("#casos-terreno li[data-id]");
  if ((await page.locator("#casos-terreno li[data-id]").count()) !== 1) throw new Error("the list kept offline is not the zone's open case");
  const last = page.locator("#casos-terreno li").first();
  await last.locator("input[name=address]").fill("CL 3 # 4 - 55");
  await last.locator("button[data-outcome=address_corrected]").tap();
  await page.waitForSelector("#pendientes:has-text('Pendiente de envío (1)')");
  if (open() !== 1) throw new Error("an outcome went through without a connection");
  await context.setOffline(false);
  await page.waitForSelector("#pendientes", { state: "hidden" });
  if (open() !== 0) throw new Error("the kept outcome was not sent");
  const corrected = ["1", "2"].flatMap((a) => JSON.parse(w.run(["report", "account", a])).events)
    .filter((e) => e.type === "case" && e.outcome === "address_corrected");
  if (corrected.length !== 1) throw new Error("the corrected address was lost");
});
