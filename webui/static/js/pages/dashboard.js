// Tablero: the latest funnel, each batch's outcome, returns by cause and by
// zone, open cases against their deadlines, and the report per batch.
import { api } from "../api.js";
import { chart, destroyCharts, funnelChart } from "../charts.js";
import { $, html, render } from "../dom.js";
import { n } from "../format.js";
import { CASE_KINDS, STATUS, label } from "../labels.js";

export async function mount(root, ctx) {
  render(root, html`<h2>Tablero</h2>
    <div class="graficos">
      <figure><figcaption>Embudo del último lote</figcaption><div class="lienzo"><canvas id="g-embudo"></canvas></div></figure>
      <figure><figcaption>Entregadas, devueltas y pendientes por lote</figcaption><div class="lienzo"><canvas id="g-lotes"></canvas></div></figure>
      <figure><figcaption>Devoluciones por causal</figcaption><div class="lienzo"><canvas id="g-causas"></canvas></div></figure>
      <figure><figcaption>Devoluciones por zona</figcaption><div class="lienzo"><canvas id="g-zonas"></canvas></div></figure>
      <figure><figcaption>Casos abiertos por antigüedad</figcaption><div class="lienzo"><canvas id="g-casos"></canvas></div></figure>
    </div>
    <h3>Informe por lote</h3>
    <p><a href="/api/reports/batches?format=csv" download>Exportar informe (CSV)</a></p>
    <table id="informe"><thead><tr><th>Lote</th><th>Estado</th><th>Despacho</th><th>Cartas</th><th>Entregadas</th>
      <th>Devueltas</th><th>Pendientes</th><th>Notificadas</th></tr></thead><tbody></tbody></table>`);

  const [batches, cases, list] = await Promise.all([api("GET", "/api/reports/batches"), api("GET", "/api/reports/cases"), api("GET", "/api/batches")]);
  const sent = batches.filter((b) => b.letters > 0).reverse();
  render($("#informe tbody", root), batches.length ? html`${batches.map((b) => html`<tr><td>${b.batch}</td><td>${label(STATUS, b.status)}</td>
    <td>${b.dispatched_on || "—"}</td><td class="num">${n(b.letters)}</td><td class="num">${n(b.delivered)}</td><td class="num">${n(b.returned)}</td>
    <td class="num">${n(b.pending)}</td><td class="num">${n(b.notified)}</td></tr>`)}` : html`<tr><td colspan="8">Aún no hay lotes.</td></tr>`);
  if (list.length) {
    const latest = await api("GET", `/api/batches/${list[0].id}`);
    await funnelChart($("#g-embudo", root), latest.funnel);
  }
  await chart($("#g-lotes", root), { type: "bar", data: { labels: sent.map((b) => `Lote ${b.batch}`), datasets: [
    { label: "Entregadas", data: sent.map((b) => b.delivered), backgroundColor: "#3b8b5a" },
    { label: "Devueltas", data: sent.map((b) => b.returned), backgroundColor: "#c0504d" },
    { label: "Pendientes", data: sent.map((b) => b.pending), backgroundColor: "#b8c2cc" }] },
  options: { scales: { x: { stacked: true }, y: { stacked: true } } } });
  const sum = (key) => {
    const totals = {};
    for (const b of sent) for (const [k, v] of Object.entries(b[key])) totals[k] = (totals[k] || 0) + v;
    return totals;
  };
  const byCause = sum("returns_by_cause");
  await chart($("#g-causas", root), { type: "bar", data: { labels: ctx.causes.map((c) => c.label),
    datasets: [{ label: "Devoluciones", data: ctx.causes.map((c) => byCause[c.code] || 0), backgroundColor: "#2f6ea5" }] },
  options: { indexAxis: "y", plugins: { legend: { display: false } }, scales: { y: { ticks: { autoSkip: false } } } } });
  const byZone = Object.entries(sum("returns_by_zone")).sort((a, b) => b[1] - a[1]).slice(0, 30);
  await chart($("#g-zonas", root), { type: "bar", data: { labels: byZone.map((z) => z[0]),
    datasets: [{ label: "Devoluciones", data: byZone.map((z) => z[1]), backgroundColor: "#2f6ea5" }] },
  options: { plugins: { legend: { display: false } } } });
  // Each kind with its oldest open case and its deadline, so "by age" reads at a glance.
  await chart($("#g-casos", root), { type: "bar", data: { labels: cases.map((c) => [label(CASE_KINDS, c.kind),
    c.open ? `más antiguo: ${n(c.oldest_days)} d (plazo ${n(c.deadline_days)} d)` : `plazo ${n(c.deadline_days)} d`]), datasets: [
    { label: "Abiertos en plazo", data: cases.map((c) => c.open - c.overdue), backgroundColor: "#2f6ea5" },
    { label: "Vencidos", data: cases.map((c) => c.overdue), backgroundColor: "#c0504d" }] },
  options: { scales: { x: { stacked: true }, y: { stacked: true } } } });
}

export function unmount(root) { destroyCharts(root); }
