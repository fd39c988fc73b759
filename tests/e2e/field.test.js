// Browser test: a field assistant on a phone opens their zone's list and
// records an outcome with one tap. Usage: node field.test.js CARTERO ARTIFACTS
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
  const page = await b.newPage({ viewport: { width: 390, height: 800 } });
  await login(page, url, "luis", "clave-terreno");
  await page.waitForSelector("#terreno:not([hidden])");
  await page.click("#zona button");
  await page.waitForSelector("#casos-terreno li:has-text('Dirección inexistente')");
  if ((await page.locator("#casos-terreno li").count()) !== 2) throw new Error("expected 2 cases in zone Z1");
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, "field-list.png") });
  await page.locator("#casos-terreno li").first().locator("button[data-outcome=address_ok]").click();
  await page.waitForFunction(() => document.querySelectorAll("#casos-terreno li").length === 1);
  const report = JSON.parse(w.run(["report", "cases"]));
  if (report.find((c) => c.kind === "field_check").open !== 1) throw new Error("the outcome was not recorded");
});
