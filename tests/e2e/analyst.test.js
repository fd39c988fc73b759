// Browser test: an analyst logs in, creates a batch and sees its funnel, in
// Debian's Chromium driven by playwright-core, against a real `cartero
// serve`. Usage: node analyst.test.js CARTERO_BINARY ARTIFACTS_DIR
const fs = require("fs");
const path = require("path");
const { login, runTest } = require("./harness");

const [cartero, artifacts] = process.argv.slice(2);

runTest(cartero, (w) => {
  w.write("a.csv", "account_id,holder_name,use_type,address,zone,billing_type,balance,days_past_due\n" +
    "1,José Peña,residential,CL 1,Z1,direct,500000,90\n2,Ana Muñoz,commercial,KR 2,Z1,joint,100,90\n");
  w.run(["import", "accounts", "a.csv"]);
  w.run(["user", "add", "analista", "--role", "analyst"], "clave-segura-1\n");
}, async (b, w, url) => {
  const page = await b.newPage();
  await login(page, url, "analista", "mala-clave");
  await page.waitForSelector("#error:has-text('incorrectos')");
  await page.fill("input[name=password]", "clave-segura-1");
  await page.click("#ingreso button");
  await page.waitForSelector("#lotes:not([hidden])");
  await page.fill("input[name=cutoff]", "2026-11-24");
  await page.click("#nuevo button");
  await page.waitForSelector("#embudo-titulo:has-text('2 cuentas, 1 seleccionadas')");
  await page.waitForSelector("#lotes tbody tr");
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, "analyst-batch.png"), fullPage: true });
  await page.click("#lotes tbody tr button[data-action=letters]");
  await page.waitForSelector("#lotes a[href$='letters-001.pdf']");
  page.on("dialog", (d) => d.accept());
  await page.click("#lotes tbody tr button[data-action=dispatch]");
  await page.waitForSelector("#estado-lote:has-text('despachado')");
  await page.fill("input[name=account]", "2");
  await page.click("#buscar button");
  await page.waitForSelector("#historia:has-text('below_threshold')");
});
