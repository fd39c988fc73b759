// Browser test: an analyst logs in (after a wrong password), uploads the
// portfolio, previews a batch's funnel, saves it, prints and dispatches it,
// asks why an account is out and reads the dashboard, in Debian's Chromium
// driven by playwright-core against a real `cartero serve`.
// Usage: node analyst.test.js CARTERO_BINARY ARTIFACTS_DIR
const fs = require("fs");
const path = require("path");
const { login, runTest } = require("./harness");

const [cartero, artifacts] = process.argv.slice(2);

runTest(cartero, (w) => {
  w.write("a.csv", "account_id,holder_name,use_type,address,zone,billing_type,balance,days_past_due\n" +
    "1,José Peña,residential,CL 1 # 10 - 20,Z1,direct,500000,90\n2,Ana Muñoz,commercial,KR 2 # 10 - 20,Z1,joint,100,90\n3,Sin uso,rural,KR 3 # 10 - 20,Z1,direct,1,1\n");
  w.write("reclamos.csv", "Número de cuenta;Número de reclamo;Fecha de radicación;Valor en reclamo;Estado\r\n" +
    "1;RE-2025-0042;10/11/2025;350.000;Resuelto\r\n");
  w.run(["user", "add", "analista", "--role", "analyst"], "clave-segura-1\n");
  w.run(["user", "add", "supervisora", "--role", "admin"], "clave-segura-2\n");
}, async (b, w, url) => {
  const page = await b.newPage();
  await login(page, url, "analista", "mala-clave");
  await page.waitForSelector("#error:has-text('incorrectos')");
  await page.fill("input[name=password]", "clave-segura-1");
  await page.click("#ingreso button");
  await page.waitForSelector("#tablero:not([hidden])");

  // The portfolio through the page: one row of three rejected is more than
  // the 2 % allowed, so the import is refused whole until the analyst accepts
  // the rejections; then the row is listed with its line.
  await page.click("#menu a[data-view=cartera]");
  await page.setInputFiles("#importar input[type=file]", path.join(w.dir, "a.csv"));
  await page.click("#importar button");
  await page.waitForSelector("#estado-cartera:has-text('no se importó nada')");
  let stored = true;
  try { w.run(["report", "account", "1"], ""); } catch (e) { stored = false; }  // exit 1: not in the portfolio
  if (stored) throw new Error("a refused import stored the portfolio");
  await page.check("#importar input[name=accept]");
  await page.click("#importar button");
  await page.waitForSelector("#estado-cartera:has-text('2 importadas, 1 rechazadas')");
  await page.waitForSelector("#rechazos td:has-text('use_type')");
  await page.waitForSelector("#rechazos td:has-text('no es un tipo de uso')");
  // The office's claims (a closed one: the funnel below is not changed) go
  // up from the same form; contacts are a choice too.
  await page.waitForSelector("#importar select[name=kind] option[value=contacts]", { state: "attached" });
  await page.selectOption("#importar select[name=kind]", "claims");
  await page.setInputFiles("#importar input[type=file]", path.join(w.dir, "reclamos.csv"));
  await page.click("#importar button");
  await page.waitForSelector("#estado-cartera:has-text('1 filas leídas, 1 importadas, 0 rechazadas')");
  await page.selectOption("#importar select[name=kind]", "accounts");

  // Preview the funnel, then save the batch.
  await page.click("#menu a[data-view=lotes]");
  await page.fill("#nuevo input[name=cutoff]", "2026-11-24");
  if (!(await page.isDisabled("#guardar-lote"))) throw new Error("a batch can be saved before its funnel was seen");
  await page.click("#ver-embudo");
  await page.waitForSelector("#embudo-titulo:has-text('Vista previa (sin guardar): 2 cuentas, 1 seleccionadas')");
  await page.waitForSelector("#embudo-tabla td:has-text('Saldo no supera el umbral')");
  if (JSON.parse(w.run(["report", "batches"])).length !== 0) throw new Error("the preview stored a batch");
  await page.click("#guardar-lote");
  await page.waitForSelector("#embudo-titulo:has-text('Lote guardado: 2 cuentas, 1 seleccionadas')");
  await page.waitForSelector("#tabla-lotes tbody tr[data-id='1']");
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, "analyst-batch.png"), fullPage: true });
  // Printing waits for a supervisor's approval (another user, an admin)
  // of the brief: refused before, done after.
  await page.click("#tabla-lotes tbody tr button[data-action=letters]");
  await page.waitForSelector("#estado-lote:has-text('no está aprobado')");
  if (JSON.parse(w.run(["report", "batches"]))[0].status !== "draft") throw new Error("letters were printed without approval");
  w.run(["batch", "approve", "1", "--user", "supervisora"]);
  await page.click("#tabla-lotes tbody tr button[data-action=letters]");
  await page.waitForSelector("#tabla-lotes a[href$='letters-001.pdf']");
  await page.click("#tabla-lotes tbody tr button[data-action=dispatch]");
  await page.fill("#fecha-despacho", "2026-11-25"); // a dispatch date other than today
  await page.click("#modal-si");
  await page.waitForSelector("#estado-lote:has-text('despachado el 25/11/2026')");
  await page.click("#tabla-lotes tbody tr button[data-action=detail]");
  await page.waitForSelector("#detalle-lote:has-text('Cartas: 1')");
  await page.waitForSelector("#detalle-lote a[href$='manifest.csv']");
  // The selected list downloads with its Spanish headers.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#detalle-lote a[href$='/selected']")]);
  const selected = fs.readFileSync(await download.path(), "utf8");
  if (!selected.includes("Puesto,Cuenta,Titular") || !selected.includes("José Peña")) throw new Error("the selected list is not the batch's");

  // Why is account 2 out? Why is account 1 in?
  await page.click("#menu a[data-view=cuenta]");
  await page.fill("input[name=account]", "2");
  await page.click("#buscar button");
  await page.waitForSelector("#historia:has-text('Fuera: Saldo no supera el umbral')");
  await page.fill("input[name=account]", "1");
  await page.click("#buscar button");
  await page.waitForSelector("#historia:has-text('Seleccionada (puesto 1)')");
  await page.waitForSelector("#historia:has-text('enviada el 25/11/2026')");

  // The dashboard draws its charts with Chart.js.
  await page.click("#menu a[data-view=tablero]");
  await page.waitForFunction(() => window.Chart && Chart.getChart("g-lotes") && Chart.getChart("g-embudo"));
  await page.waitForSelector("#informe td:has-text('despachado')");
  await page.screenshot({ path: path.join(artifacts, "analyst-dashboard.png"), fullPage: true });
});
