// Browser test: every page of every role (admin, analyst, office, billing,
// supervisor, field), at a desktop's 1366×900 and a phone's 390×844, on a
// browser set to Tokyo time, with the states a page opens into (a batch's
// detail with its brief and Aprobar, what a batch recovered at
// #campana/1 with the quality report, the bureau report on a date, an
// account with its Constancia, matches sorted by a column). Fails when a page scrolls
// sideways, when visible text shows a code of the API's label tables instead
// of its label, when a date or time is shown as a raw stamp or outside Bogotá
// time, or when axe-core finds a serious or critical accessibility problem.
// Screenshots of every page at both sizes land in ARTIFACTS/pages/.
// Usage: node pages.test.js CARTERO ARTIFACTS
const fs = require("fs");
const path = require("path");
const { login, runTest, dispatchedBatch } = require("./harness");

const [cartero, artifacts] = process.argv.slice(2);
const AXE = require.resolve("axe-core/axe.min.js");
const SIZES = [{ name: "escritorio", width: 1366, height: 900 }, { name: "telefono", width: 390, height: 844 }];
const ADMIN_PAGES = ["tablero", "cartera", "lotes", "campana", "buro", "cuenta", "carga", "revision", "registro", "terreno", "facturacion", "usuarios", "zonas", "ajustes", "auditoria"];
// Every other role with its pages (router.js's VIEWS), logged in as its user.
const ROLES = [
  { user: "ana", password: "clave-analista", pages: ["tablero", "cartera", "lotes", "campana", "buro", "cuenta", "carga", "revision", "registro", "terreno", "facturacion", "zonas"] },
  { user: "olga", password: "clave-oficina", pages: ["carga", "revision", "registro", "cuenta"] },
  { user: "fabio", password: "clave-factura", pages: ["facturacion", "cuenta"] },
  { user: "sara", password: "clave-supervisa", pages: ["tablero", "lotes", "campana", "buro", "cuenta"] },
];
const bogota = new Intl.DateTimeFormat("es-CO", { timeZone: "America/Bogota", day: "2-digit", month: "2-digit", year: "numeric",
  hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

runTest(cartero, (w) => {
  dispatchedBatch(w, "account_id,holder_name,use_type,address,neighborhood,zone,billing_type,balance,days_past_due\n" +
    "1,José Peña,residential,CL 9 # 1 - 2,Kennedy,Z1,direct,500000,90\n2,Ana Muñoz,commercial,CL 3 # 4 - 5,Bosa,Z1,joint,400000,90\n" +
    "3,Luz Ibáñez,official,KR 7 # 8 - 9,Suba,Z2,direct,900000,90\n4,Pedro Gómez,residential,KR 1 # 2 - 3,Suba,Z2,direct,50,90\n");
  w.write("r.csv", "letter_id,cause,returned_on\n2026-000001,Dirección inexistente,2026-12-01\n2026-000002,demolido,2026-12-01\n");
  w.run(["import", "returns", "r.csv"]);
  w.run(["user", "add", "root", "--role", "admin"], "clave-admin-1\n");
  w.run(["user", "add", "luis", "--role", "field", "--zones", "Z1"], "clave-terreno\n");
  w.run(["user", "add", "ana", "--role", "analyst"], "clave-analista\n");
  w.run(["user", "add", "olga", "--role", "office"], "clave-oficina\n");
  w.run(["user", "add", "fabio", "--role", "billing"], "clave-factura\n");
  w.run(["user", "add", "sara", "--role", "supervisor"], "clave-supervisa\n");
  // A draft batch the analyst selected, for the brief and its Aprobar; payments after the dispatch.
  w.run(["select", "--cutoff", "2026-11-30", "--user", "ana"]);
  w.write("p.csv", "account_id,paid_on,amount\n3,2026-11-28,300000\n");
  w.run(["import", "payments", "p.csv"]);
}, async (b, w, url) => {
  const out = path.join(artifacts, "pages");
  fs.mkdirSync(out, { recursive: true });
  const tables = await (await fetch(url + "api/labels")).json();
  // Codes people must never see: every table's codes but the field names,
  // less the ones that are also a Spanish word of some label ("industrial").
  const words = new Set(Object.values(tables).flat().flatMap((e) => e.label.toLowerCase().split(/[^a-záéíóúñü]+/)));
  const codes = [...new Set(Object.entries(tables).filter(([name]) => name !== "fields").flatMap(([, list]) => list.map((e) => e.code)))]
    .filter((c) => !words.has(c.toLowerCase()));
  const codePattern = new RegExp(`(^|[^\\p{L}\\p{N}_.])(${codes.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?=$|[^\\p{L}\\p{N}_])`, "u");
  const problems = [];

  async function check(page, label, size) {
    const text = await page.evaluate(() => document.body.innerText);
    const code = codePattern.exec(text);
    if (code) problems.push(`${label}: shows the code "${code[2]}" instead of its label`);
    // An audit change named by its raw key ("settings: …") instead of its label.
    const keys = await page.$$eval(".cambios li", (items) => items.map((li) => li.textContent.trim()).filter((t) => /^[a-z_]+[:.]/.test(t)));
    for (const k of keys) problems.push(`${label}: an audit change named by its key: "${k}"`);
    const stamp = /\b\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?\b/.exec(text);
    if (stamp) problems.push(`${label}: shows the raw date "${stamp[0]}"`);
    // Every instant with its stamp beside it (audit, scans) reads in Bogotá time.
    const instants = await page.$$eval("[data-value]", (cells) => cells
      .filter((c) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(c.dataset.value)).map((c) => [c.dataset.value, c.innerText.trim()]));
    for (const [iso, shown] of instants) {
      const expected = bogota.format(new Date(iso)).replace(",", "");
      if (shown !== expected) problems.push(`${label}: ${iso} shown as "${shown}", not Bogotá's "${expected}"`);
    }
    if (size.width < 500) {
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (wide > 1) problems.push(`${label}: scrolls sideways by ${wide} px at ${size.width} px`);
    }
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations
      .filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(" ")}`));
    for (const v of violations) problems.push(`${label}: axe ${v}`);
  }

  async function open(page, view, section = view) {
    await page.evaluate((v) => { location.hash = v; }, view);
    await page.waitForSelector(`section#${section}:not([aria-busy])`);
    await page.waitForLoadState("networkidle");
  }

  // Sorts `table` by its column `key` the way `dir` (ascending, descending)
  // asks: by the header on a desktop, by "Ordenar por" on a phone (where the
  // headers are hidden); the header's aria-sort says so.
  async function sortTable(page, table, key, dir, size) {
    const th = `${table} th[data-sort=${key}]`;
    if (size.width > 500) {
      for (let i = 0; i < 2 && (await page.getAttribute(th, "aria-sort")) !== dir; i++) await page.click(`${th} button`);
    } else {
      const name = (await page.textContent(th)).trim();
      await page.selectOption(`label.orden-movil:has(+ ${table}) select`, { label: `${name} ${dir === "ascending" ? "▲" : "▼"}` });
    }
    await page.waitForSelector(`${th}[aria-sort=${dir}]`);
  }

  // A page opened, brought to the state people work in, checked and photographed.
  async function visit(page, view, size, who) {
    await open(page, view);
    const name = `${view}${who ? "-" + who : ""}`;
    if (view === "cuenta") {
      // Several matches, sorted by a column; then one account with its history and Constancia.
      await page.fill("#buscar input[name=account]", "suba");
      await page.click("#buscar button");
      await page.waitForSelector("#tabla-coincidencias");
      await sortTable(page, "#tabla-coincidencias", "balance", "ascending", size);
      await page.waitForFunction(() => document.querySelector("#tabla-coincidencias tbody tr td").textContent === "4");
      await check(page, `${name} (coincidencias) ${size.name}`, size);
      await page.fill("#buscar input[name=account]", "2");
      await page.click("#buscar button");
      await page.waitForSelector("#historia h3");
      if (["root", "ana", "sara"].includes(who || "root")) await page.waitForSelector("#constancia");
    }
    if (view === "lotes") {
      // The draft batch's detail: its brief, and Aprobar for those who approve.
      await page.click("#tabla-lotes tbody tr[data-id='2'] button[data-action=detail]");
      await page.waitForSelector("#resumen-lote:has-text('Seleccionó: ana')");
      if (["root", "sara"].includes(who || "root")) await page.waitForSelector("#aprobar");
      await check(page, `${name} (resumen) ${size.name}`, size);
      await page.screenshot({ path: path.join(out, `${name}-resumen-${size.name}.png`), fullPage: true });
      await page.click("#tabla-lotes tbody tr[data-id='1'] button[data-action=detail]");
      await page.waitForSelector("#detalle-lote:not([hidden])");
    }
    if (view === "campana") {
      // What batch 1 recovered (#campana/1) and the quality report.
      await open(page, "campana/1", "campana");
      await page.waitForSelector("#tabla-efectividad td:has-text('30 días')");
      await page.click("#elegir-calidad button");
      await page.waitForSelector("#calidad:not([hidden])");
    }
    if (view === "buro") {
      await page.fill("#buro-fecha input[name=as_of]", "2026-12-20");
      await page.click("#buro-fecha button");
      await page.waitForSelector("#estado-buro:not(:empty)");
    }
    if (view === "registro") {
      // Sorted by the server on a header's click.
      await sortTable(page, "#tabla-registro", "cause", "ascending", size);
      await page.waitForFunction(() => document.querySelector("#tabla-registro tbody tr td:nth-child(6)")?.textContent.startsWith("Dirección inexistente"));
      await sortTable(page, "#tabla-registro", "cause", "descending", size);
      await page.waitForFunction(() => document.querySelector("#tabla-registro tbody tr td:nth-child(6)")?.textContent.startsWith("Predio demolido"));
    }
    if (view === "auditoria") {
      await sortTable(page, "#tabla-auditoria", "user", "ascending", size);
      await page.waitForLoadState("networkidle");
    }
    if (view === "zonas" && size.width > 500 && !who) {
      // A column's header sorts the list by it, then the other way.
      const first = () => page.locator("#tabla-zonas tbody tr").first().locator("td").first().innerText();
      await page.click("#tabla-zonas th button:has-text('Zona')");
      if ((await first()) !== "Z1") problems.push("sorting by zone does not put Z1 first");
      await page.click("#tabla-zonas th button:has-text('Zona')");
      if ((await first()) !== "Z2") problems.push("sorting by zone again does not put Z2 first");
    }
    await check(page, `${name} ${size.name}`, size);
    await page.screenshot({ path: path.join(out, `${name}-${size.name}.png`), fullPage: true });
  }

  for (const size of SIZES) {
    // bypassCSP: axe-core is injected by the test as an inline script, which
    // the page's own CSP (script-src 'self') rightly refuses; the other e2e
    // tests run the pages under their CSP.
    const context = await b.newContext({ bypassCSP: true, viewport: { width: size.width, height: size.height }, timezoneId: "Asia/Tokyo", locale: "en-US",
      isMobile: size.width < 500, hasTouch: size.width < 500 });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector("#ingreso-caja:not([hidden])");
    await check(page, `login ${size.name}`, size);
    await page.screenshot({ path: path.join(out, `ingreso-${size.name}.png`), fullPage: true });
    await login(page, url, "root", "clave-admin-1");
    await page.waitForSelector("section#tablero:not([aria-busy])");
    if (size.width < 500) {
      // The menu folds into one button on a phone.
      if (await page.isVisible("#menu")) problems.push("the menu is open on a phone before it is asked for");
      await page.click("#menu-boton");
      await page.waitForSelector("#navegacion.show:not(.collapsing) #menu a[data-view=auditoria]", { state: "visible" });
      await page.click("#menu a[data-view=zonas]");
      await page.waitForSelector("section#zonas:not([aria-busy])").catch(async (e) => {
        throw new Error(`the menu's link did not open the zones (at ${await page.evaluate(() => location.hash)}): ${e.message}`);
      });
      await page.waitForSelector("#menu", { state: "hidden" });
    }
    for (const view of ADMIN_PAGES) await visit(page, view, size, "");
    // The admin's menu fits on one line on a desktop.
    if (size.width > 1200) {
      const tops = await page.$$eval("#menu a", (links) => [...new Set(links.map((a) => Math.round(a.getBoundingClientRect().top)))]);
      if (tops.length > 1) problems.push(`the admin's menu takes ${tops.length} lines at ${size.width} px`);
      const right = await page.$eval("#salir", (button) => button.getBoundingClientRect().right);
      if (right > size.width) problems.push(`"Salir" is cut off at ${size.width} px (its right edge at ${Math.round(right)} px)`);
    }
    await context.close();
    for (const role of ROLES) {
      const other = await b.newContext({ bypassCSP: true, viewport: { width: size.width, height: size.height }, timezoneId: "Asia/Tokyo", locale: "en-US",
        isMobile: size.width < 500, hasTouch: size.width < 500 });
      const rolePage = await other.newPage();
      await login(rolePage, url, role.user, role.password);
      await rolePage.waitForSelector(`section#${role.pages[0]}:not([aria-busy])`);
      for (const view of role.pages) await visit(rolePage, view, size, role.user);
      await other.close();
    }
    await context.close();
  }

  // The field page as field staff see it on a phone: their one zone opens at once.
  const phone = await b.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, timezoneId: "Asia/Tokyo", isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await login(page, url, "luis", "clave-terreno");
  await page.waitForSelector("#casos-terreno li[data-id]");
  if (await page.isVisible("#menu-boton")) problems.push("field staff, with one page, are shown a menu button");
  await check(page, "terreno (auxiliar) telefono", { width: 390 });
  await page.screenshot({ path: path.join(out, "terreno-auxiliar-telefono.png"), fullPage: true });
  await phone.close();

  if (problems.length) throw new Error(`${problems.length} problems:\n` + problems.join("\n"));
});
