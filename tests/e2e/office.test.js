// Browser test: an office assistant uploads a scanned stack, watches it
// being read, confirms a page in review with the keyboard, and finds it in
// the register with its stored image. Usage: node office.test.js CARTERO ARTIFACTS
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
  await page.waitForSelector("#cargas td:has-text('terminada')");

  // The unmarked pages wait for a person: pick the cause with a key, Enter confirms.
  await page.click("#menu a[data-view=revision]");
  await page.waitForSelector("#revision-actual .revisar img.pagina");
  if ((await page.locator("#cola tbody tr").count()) !== 2) throw new Error("expected 2 pages to review");
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, "office-review.png"), fullPage: true });
  await page.keyboard.press("5"); // Rehusado, fifth on the panel
  if (!(await page.isChecked("#confirmar input[value=refused]"))) throw new Error("key 5 did not pick Rehusado");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll("#cola tbody tr").length === 1);
  await page.waitForSelector("#aviso:has-text('Registrada con el n.º 1')");
  const history = JSON.parse(w.run(["report", "account", "1"]));
  if (!history.events.some((e) => e.type === "returned" && e.cause === "refused")) throw new Error("the return was not registered");

  // The register, filtered by cause, keeps the scanned page.
  await page.click("#menu a[data-view=registro]");
  await page.selectOption("#filtros select[name=cause]", "refused");
  await page.click("#filtros button");
  await page.waitForSelector("#tabla-registro td:has-text('Rehusado')");
  await page.click("#tabla-registro button[data-image]");
  await page.waitForFunction(() => document.querySelector("#visor")?.open && document.querySelector("#visor img")?.naturalWidth > 0);
  await page.screenshot({ path: path.join(artifacts, "office-register.png") });
});
