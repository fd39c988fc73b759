// Browser test: a supervisor reads a batch's brief and approves it (not the
// one she selected herself, where Aprobar is not offered); once the batch went
// out and payments came in she reads what the letters recovered (chart and
// table, with a control group), the quality report, the accounts that may be
// reported to the credit bureaus, and downloads an account's certificate.
// Usage: node campaign.test.js CARTERO ARTIFACTS
const fs = require("fs");
const path = require("path");
const { login, runTest } = require("./harness");

const [cartero, artifacts] = process.argv.slice(2);

runTest(cartero, (w) => {
  let csv = "account_id,holder_name,use_type,address,neighborhood,city,zone,billing_type,balance,days_past_due\n";
  for (let i = 0; i < 12; i++) {
    csv += `${100 + i},José Peña ${i},${i % 2 ? "residential" : "commercial"},CL 45 SUR # 12 - ${10 + i},Kennedy,Bogotá D.C.,Z${i % 2},direct,${500000 + i * 1000},95\n`;
  }
  // The export repeats account 105 on its last line with another balance.
  csv += "105,José Peña 5,residential,CL 45 SUR # 12 - 15,Kennedy,Bogotá D.C.,Z1,direct,999000,95\n";
  w.write("a.csv", csv);
  w.run(["import", "accounts", "a.csv", "--accept-rejected"]);
  w.run(["user", "add", "analista", "--role", "analyst"], "clave-segura-1\n");
  w.run(["user", "add", "supervisora", "--role", "supervisor"], "clave-segura-2\n");
  w.write("control.json", '{"control_group_percent": 25}');
  w.run(["select", "--cutoff", "2026-11-20", "--config", "control.json", "--user", "analista"]);
  w.run(["select", "--cutoff", "2026-11-20", "--user", "supervisora"]);
}, async (b, w, url) => {
  fs.mkdirSync(artifacts, { recursive: true });
  const page = await b.newPage();
  await login(page, url, "supervisora", "clave-segura-2");
  await page.waitForSelector("#tablero:not([hidden])");
  if (await page.$("#menu a[data-view=cartera]")) throw new Error("a supervisor is offered the portfolio import");

  // The brief of batch 1 and its approval; batch 2 she selected herself.
  await page.click("#menu a[data-view=lotes]");
  await page.waitForSelector("#tabla-lotes tbody tr[data-id='1']");
  if (await page.isVisible("#nuevo")) throw new Error("a supervisor is offered a new batch");
  if (await page.$("#tabla-lotes button[data-action=letters]")) throw new Error("a supervisor is offered Imprimir");
  await page.click("#tabla-lotes tbody tr[data-id='2'] button[data-action=detail]");
  await page.waitForSelector("#resumen-lote:has-text('Seleccionó: supervisora')");
  await page.waitForSelector("#aprueba-otro:has-text('lo aprueba otra persona')");
  if (await page.$("#aprobar")) throw new Error("Aprobar is offered on the batch she selected");
  await page.click("#tabla-lotes tbody tr[data-id='1'] button[data-action=detail]");
  await page.waitForSelector("#resumen-lote:has-text('Seleccionó: analista')");
  await page.waitForSelector("#resumen-lote:has-text('Grupo de control: 25 %')");
  await page.waitForSelector("#resumen-lote a[href$='brief?format=pdf']");
  await page.click("#aprobar");
  await page.click("#modal-si");
  await page.waitForSelector("#estado-lote:has-text('Lote 1 aprobado por supervisora')");
  await page.waitForSelector("#aprobacion:has-text('Aprobado por supervisora')");
  await page.screenshot({ path: path.join(artifacts, "supervisor-approval.png"), fullPage: true });

  // Printed and dispatched by the analyst; two mailed accounts pay.
  w.run(["letters", "--batch", "1", "--out", "out", "--date", "2026-11-20"]);
  w.run(["dispatch", "--batch", "1", "--date", "2026-11-23"]);
  const manifest = fs.readFileSync(path.join(w.dir, "out", "manifest.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[2]);
  w.write("p.csv", `account_id,paid_on,amount\n${manifest[0]},2026-11-28,300000\n${manifest[1]},2026-12-01,200000\n`);
  w.run(["import", "payments", "p.csv"]);

  await page.click("#menu a[data-view=campana]");
  await page.waitForSelector(`#tabla-efectividad td:has-text('30 días')`);
  // Mailed, control, and the lift with its 95 % interval drawn as an error bar.
  await page.waitForFunction(() => window.Chart && Chart.getChart("g-efectividad")?.data.datasets.length === 4);
  const interval = await page.evaluate(() => {
    const c = Chart.getChart("g-efectividad");
    const set = c.data.datasets.find((d) => d.label.includes("95 %"));
    return { data: set.data[0], shown: c.getDatasetMeta(c.data.datasets.indexOf(set)).data[0].height > 0 };
  });
  const lift = await (await page.request.get(`${url}api/batches/1/effectiveness?days=30,60,90`)).json();
  if (!Array.isArray(interval.data) || Math.abs(interval.data[0] - Math.round(lift.windows[0].lift.ci95[0] * 1000) / 10) > 1e-9
      || Math.abs(interval.data[1] - Math.round(lift.windows[0].lift.ci95[1] * 1000) / 10) > 1e-9 || !interval.shown) {
    throw new Error(`the chart's 95 % interval is not the report's: ${JSON.stringify(interval)} against ${JSON.stringify(lift.windows[0].lift)}`);
  }
  const row = await page.textContent("#tabla-efectividad tbody tr");
  if (!row.includes(String(manifest.length)) || !row.includes("2")) throw new Error(`the 30-day row is not the batch's: ${row}`);
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.click("#descargas-efectividad a[href$='format=xlsx']")]);
  if (!fs.readFileSync(await xlsx.path()).subarray(0, 2).equals(Buffer.from("PK"))) throw new Error("the effectiveness download is not a workbook");
  await page.click("#elegir-calidad button");
  await page.waitForSelector("#tabla-calidad td:has-text('Sin nombre del titular')");
  // The repeated account, with what differs, in Spanish.
  await page.waitForSelector("#calidad .ficha:has-text('Rechazados: 1 (1 por cuenta repetida)')");
  await page.waitForSelector("#calidad td:has-text('Misma cuenta en dos filas del archivo')");
  await page.waitForSelector("#calidad td:has-text('Saldo: $ 505.000 (conservada) / $ 999.000 (línea 14)')");
  await page.waitForSelector("#hallazgos-calidad td:has-text('Repetida en la línea 14 del archivo (rechazada); difiere en saldo $ 505.000 la conservada, $ 999.000 en la línea 14')");
  await page.screenshot({ path: path.join(artifacts, "supervisor-campaign.png"), fullPage: true });

  // Twenty days after the notice: the accounts that did not pay, with their letters.
  await page.click("#menu a[data-view=buro]");
  await page.fill("#buro-fecha input[name=as_of]", "2026-12-20");
  await page.click("#buro-fecha button");
  await page.waitForSelector(`#estado-buro:has-text('${manifest.length - 2} cuentas reportables')`);
  await page.waitForSelector(`#tabla-buro td:has-text('${manifest[2]}')`);
  await page.waitForSelector("#tabla-buro td:has-text('13/12/2026')");

  // The account's certificate, as a PDF.
  await page.click(`#tabla-buro a[href='#cuenta/${manifest[2]}']`);
  await page.waitForSelector("#constancia");
  const [pdf] = await Promise.all([page.waitForEvent("download"), page.click("#constancia")]);
  if (!pdf.suggestedFilename().startsWith("constancia-2026-")) throw new Error(`certificate named ${pdf.suggestedFilename()}`);
  if (!fs.readFileSync(await pdf.path()).subarray(0, 5).equals(Buffer.from("%PDF-"))) throw new Error("the certificate is not a PDF");
  await page.waitForSelector("#estado-constancia:has-text('Constancia descargada')");

  // A small debt noticed once (a later portfolio, its own batch): the analyst
  // finds it under "Necesitan un segundo aviso" and selects it into a batch.
  w.write("small.csv", "account_id,holder_name,use_type,address,neighborhood,city,zone,billing_type,balance,days_past_due\n"
    + "900,Rosa Elvira Cárdenas,residential,CL 12 # 3 - 45,Kennedy,Bogotá D.C.,Z0,direct,150000,95\n");
  w.run(["import", "accounts", "small.csv", "--replace-smaller"]);
  w.run(["select", "--cutoff", "2026-11-24", "--user", "analista"]);
  w.run(["batch", "approve", "3", "--user", "supervisora"]);
  w.run(["letters", "--batch", "3", "--out", "out3", "--date", "2026-11-24"]);
  w.run(["dispatch", "--batch", "3", "--date", "2026-11-25"]);
  const analyst = await b.newPage();
  await login(analyst, url, "analista", "clave-segura-1");
  await analyst.click("#menu a[data-view=buro]");
  await analyst.fill("#buro-fecha input[name=as_of]", "2026-12-01");
  await analyst.click("#buro-fecha button");
  await analyst.waitForSelector("#estado-segundo:has-text('1 cuentas necesitan un segundo aviso al 01/12/2026 (deudas de hasta el 15 % del salario mínimo)')");
  await analyst.waitForSelector("#tabla-segundo td:has-text('25/11/2026')");
  await analyst.click("#seleccionar-segundo");
  await analyst.waitForSelector("#tabla-lotes tbody tr[data-id='4'] td:has-text('Segundo aviso')");
  await analyst.waitForSelector("#detalle-lote:has-text('Seleccionadas: 1 de 1')");
  await analyst.screenshot({ path: path.join(artifacts, "analyst-second-notice.png"), fullPage: true });
});
