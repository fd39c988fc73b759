// Browser test: an office assistant uploads a scanned stack, watches it
// being read, and confirms a page kept for review. Usage: node office.test.js CARTERO ARTIFACTS
const fs = require("fs");
const path = require("path");
const { login, runTest, dispatchedBatch } = require("./harness");

const [cartero, artifacts] = process.argv.slice(2);

runTest(cartero, (w) => {
  dispatchedBatch(w, "account_id,holder_name,use_type,address,zone,billing_type,balance,days_past_due\n" +
    "1,José Peña,residential,CL 9 # 1 - 2,Z1,direct,500000,90\n2,Ana Muñoz,residential,CL 3 # 4 - 5,Z1,direct,400000,90\n");
  w.run(["user", "add", "olga", "--role", "office"], "clave-oficina\n");
}, async (b, w, url) => {
  const page = await b.newPage();
  await login(page, url, "olga", "clave-oficina");
  await page.waitForSelector("#carga:not([hidden])");
  await page.setInputFiles("#escaneos input[type=file]", path.join(w.dir, "out", "letters-001.pdf"));
  await page.click("#escaneos button");
  await page.waitForSelector("#estado-carga:has-text('terminado')", { timeout: 60000 });
  await page.waitForSelector("#revision tbody tr");
  if ((await page.locator("#revision tbody tr").count()) !== 2) throw new Error("expected 2 pages to review");
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, "office-review.png"), fullPage: true });
  const row = page.locator("#revision tbody tr").first();
  await row.locator("select[name=cause]").selectOption("refused");
  await row.locator("button.confirmar").click();
  await page.waitForFunction(() => document.querySelectorAll("#revision tbody tr").length === 1);
  const history = JSON.parse(w.run(["report", "account", "1"]));
  if (!history.events.some((e) => e.type === "returned" && e.cause === "refused")) throw new Error("the return was not registered");
});
