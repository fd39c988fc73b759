// Browser test: an admin changes a rule threshold and a cause's routing,
// creates a field user for a zone, gives them a second zone, and reads the
// change in the audit log. Usage: node admin.test.js CARTERO ARTIFACTS
const fs = require("fs");
const path = require("path");
const { login, runTest } = require("./harness");

const [cartero, artifacts] = process.argv.slice(2);

runTest(cartero, (w) => {
  w.write("a.csv", "account_id,holder_name,use_type,address,zone,billing_type,balance,days_past_due\n" +
    "1,José Peña,residential,CL 1 # 10 - 20,Z1,direct,500000,90\n2,Ana Muñoz,residential,KR 2 # 10 - 20,Z2,direct,700000,90\n");
  w.run(["import", "accounts", "a.csv"]);
  w.run(["user", "add", "root", "--role", "admin"], "clave-admin-1\n");
}, async (b, w, url) => {
  const page = await b.newPage();
  await login(page, url, "root", "clave-mala");
  await page.waitForSelector("#error:has-text('incorrectos')");
  await page.fill("input[name=password]", "clave-admin-1");
  await page.click("#ingreso button");
  await page.waitForSelector("#menu a[data-view=auditoria]");

  await page.click("#menu a[data-view=ajustes]");
  await page.waitForFunction(() => document.querySelector("#ajustes-seleccion [name=t_residential]")?.value === "100000");
  await page.fill("#ajustes-seleccion [name=t_residential]", "600000");
  await page.click("#ajustes-seleccion button");
  await page.waitForSelector("#estado-ajustes-seleccion:has-text('Reglas guardadas')");
  await page.selectOption("#ruteo select[name=route_moved]", "field");
  await page.fill("#ajustes-devoluciones textarea", "SE TRASTEO = moved");
  await page.click("#ajustes-devoluciones button");
  await page.waitForSelector("#estado-ajustes-devoluciones:has-text('guardados')");
  const settings = JSON.parse(w.run(["settings", "show"]));
  if (settings.selection.thresholds.residential !== 600000) throw new Error("the threshold was not saved");
  if (settings.returns.routing.moved !== "field" || settings.returns.courier_causes["SE TRASTEO"] !== "moved") throw new Error("routing not saved");
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, "admin-settings.png"), fullPage: true });
  // A wrong value is refused with the reason, and nothing changes.
  await page.fill("#ajustes-devoluciones textarea", "SE TRASTEO = mudanza");
  await page.click("#ajustes-devoluciones button");
  await page.waitForSelector("#estado-ajustes-devoluciones.error");

  await page.click("#menu a[data-view=usuarios]");
  await page.fill("#nuevo-usuario [name=name]", "luis");
  await page.selectOption("#nuevo-usuario [name=role]", "field");
  await page.fill("#nuevo-usuario [name=zones]", "Z1");
  await page.fill("#nuevo-usuario [name=password]", "clave-terreno");
  await page.click("#nuevo-usuario button");
  await page.waitForSelector("#tabla-usuarios tr[data-name=luis]");
  const row = page.locator("#tabla-usuarios tr[data-name=luis]");
  await row.locator("[name=zones]").fill("Z1,Z2");
  await row.locator("button[data-action=save]").click();
  await page.waitForSelector("#estado-usuarios:has-text('actualizado')");

  // A user throttled by failed logins is unlocked from the list; the audit shows both.
  await row.locator("[name=zones]").fill("Z1,Z99");
  await row.locator("button[data-action=save]").click();
  await page.waitForSelector("#estado-usuarios:has-text('Ninguna cuenta de la cartera tiene la zona Z99')");
  for (let i = 0; i < 6; i++) {
    await page.evaluate(() => fetch("/api/login", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: "luis", password: "no-es-la-clave" }) }));
  }
  await page.click("#menu a[data-view=auditoria]");
  await page.click("#menu a[data-view=usuarios]");
  await page.click("#tabla-usuarios tr[data-name=luis] button[data-action=unlock]");
  await page.waitForSelector(".toast:has-text('Usuario luis desbloqueado')");
  if (await page.locator("#tabla-usuarios tr[data-name=luis] button[data-action=unlock]").count()) throw new Error("luis still locked");
  const unlocked = JSON.parse(w.run(["user", "list"]).split("\n").find((l) => l.includes('"luis"')));
  if (unlocked.zones !== "Z1,Z2") throw new Error("the refused zone was saved");

  await page.click("#menu a[data-view=zonas]");
  await page.waitForSelector("#tabla-zonas tr:has-text('Z2'):has-text('luis')");
  await page.click("#menu a[data-view=auditoria]");
  await page.waitForSelector("#tabla-auditoria td:has-text('root cambió las reglas de selección')");
  await page.waitForSelector("#tabla-auditoria td:has-text('root cambió el usuario luis')");
  await page.waitForSelector("#tabla-auditoria li:has-text('Zonas: Z1 → Z1, Z2')");
  await page.waitForSelector("#tabla-auditoria td:has-text('root no pudo iniciar sesión')");
  await page.waitForSelector("#tabla-auditoria td:has-text('root desbloqueó al usuario luis')");
  // Only the logins: the failed and throttled ones, with the total.
  await page.selectOption("#filtro-auditoria select[name=action]", "login");
  await page.click("#filtro-auditoria button.btn-primary");
  await page.waitForSelector("#tabla-auditoria td:has-text('luis quedó bloqueado 15 minutos')");
  // The login lines were on the page before the filter too: wait for the others to go (a slow
  // machine redraws the table after the first check could look).
  await page.waitForSelector("#tabla-auditoria td:has-text('cambió el usuario')", { state: "detached", timeout: 10000 })
    .catch(() => { throw new Error("the action filter let other lines through"); });
  await page.waitForSelector("#total-auditoria:has-text('registros')");
  await page.screenshot({ path: path.join(artifacts, "admin-audit.png"), fullPage: true });
});
