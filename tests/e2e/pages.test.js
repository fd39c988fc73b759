// Browser test: every page of every role, at a desktop's 1366×900 and a
// phone's 390×844, on a browser set to Tokyo time. Fails when a page scrolls
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

  async function open(page, view) {
    await page.evaluate((v) => { location.hash = v; }, view);
    await page.waitForSelector(`section#${view}:not([aria-busy])`);
    await page.waitForLoadState("networkidle");
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
    for (const view of ADMIN_PAGES) {
      await open(page, view);
      if (view === "cuenta") {
        await page.fill("#buscar input[name=account]", "2");
        await page.click("#buscar button");
        await page.waitForSelector("#historia h3");
      }
      if (view === "lotes") {
        await page.click("#tabla-lotes button[data-action=detail]");
        await page.waitForSelector("#detalle-lote:not([hidden])");
      }
      if (view === "zonas" && size.width > 500) {
        // A column's header sorts the list by it, then the other way.
        const first = () => page.locator("#tabla-zonas tbody tr").first().locator("td").first().innerText();
        await page.click("#tabla-zonas th button:has-text('Zona')");
        if ((await first()) !== "Z1") problems.push("sorting by zone does not put Z1 first");
        await page.click("#tabla-zonas th button:has-text('Zona')");
        if ((await first()) !== "Z2") problems.push("sorting by zone again does not put Z2 first");
      }
      await check(page, `${view} ${size.name}`, size);
      await page.screenshot({ path: path.join(out, `${view}-${size.name}.png`), fullPage: true });
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
