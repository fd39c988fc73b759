// Tablero: the last dispatched batch's funnel, each batch's outcome, returns
// by cause and by zone, open cases by age, and the report per batch.
import { api } from "../api.js";
import { axis, chart, destroyCharts, funnelChart, wrap } from "../charts.js";
import { $, html, render } from "../dom.js";
import { date, n } from "../format.js";

const AGES = ["0–7 días", "8–15 días", "16–30 días", "Más de 30 días"];

export async function mount(root, ctx) {
  render(root, html`<h2>Tablero</h2>
    <div class="graficos">
      <figure class="grafico"><figcaption id="t-embudo">Embudo del último lote despachado</figcaption><div class="lienzo"><canvas id="g-embudo" role="img" aria-labelledby="t-embudo"></canvas></div></figure>
      <figure class="grafico"><figcaption id="t-lotes">Entregadas, devueltas y pendientes por lote</figcaption><div class="lienzo"><canvas id="g-lotes" role="img" aria-labelledby="t-lotes"></canvas></div></figure>
      <figure class="grafico"><figcaption id="t-causas">Devoluciones por causal</figcaption><div class="lienzo"><canvas id="g-causas" role="img" aria-labelledby="t-causas"></canvas></div></figure>
      <figure class="grafico"><figcaption id="t-zonas">Devoluciones por zona</figcaption><div class="lienzo"><canvas id="g-zonas" role="img" aria-labelledby="t-zonas"></canvas></div></figure>
      <figure class="grafico"><figcaption id="t-casos">Casos abiertos por antigüedad</figcaption><div class="lienzo"><canvas id="g-casos" role="img" aria-labelledby="t-casos"></canvas></div></figure>
    </div>
    <h3>Informe por lote</h3>
    <p><a class="btn btn-outline-secondary btn-sm" href="/api/reports/batches?format=csv" download>Exportar informe (CSV)</a></p>
    <table id="informe" class="table table-sm table-hover align-middle"><thead><tr><th>Lote</th><th>Estado</th><th>Despacho</th><th class="num">Cartas</th><th class="num">Entregadas</th>
      <th class="num">Devueltas</th><th class="num">Pendientes</th><th class="num">Notificadas</th></tr></thead><tbody></tbody></table>`);

  const [batches, cases, list] = await Promise.all([api("GET", "/api/reports/batches"), api("GET", "/api/reports/cases"), api("GET", "/api/batches")]);
  const sent = batches.filter((b) => b.letters > 0).reverse();
  render($("#informe tbody", root), batches.length ? html`${batches.map((b) => html`<tr><td>${b.batch}</td><td>${ctx.label("batch_statuses", b.status)}</td>
    <td>${date(b.dispatched_on)}</td><td class="num">${n(b.letters)}</td><td class="num">${n(b.delivered)}</td><td class="num">${n(b.returned)}</td>
    <td class="num">${n(b.pending)}</td><td class="num">${n(b.notified)}</td></tr>`)}` : html`<tr><td colspan="8">Aún no hay lotes.</td></tr>`);

  // The funnel of the last batch that went out (a draft says nothing yet).
  const last = list.find((b) => b.status === "dispatched");
  if (last) {
    $("#t-embudo", root).textContent = `Embudo del último lote despachado (lote ${last.id})`;
    await funnelChart($("#g-embudo", root), (await api("GET", `/api/batches/${last.id}`)).funnel);
  } else {
    $("#t-embudo", root).textContent = "Embudo del último lote despachado: aún no hay lotes despachados";
  }
  await chart($("#g-lotes", root), { type: "bar", data: { labels: sent.map((b) => `Lote ${b.batch}`), datasets: [
    { label: "Entregadas", data: sent.map((b) => b.delivered), backgroundColor: "#2e7d4f" },
    { label: "Devueltas", data: sent.map((b) => b.returned), backgroundColor: "#b3403d" },
    { label: "Pendientes", data: sent.map((b) => b.pending), backgroundColor: "#8a97a6" }] },
  options: { scales: { x: axis("Lote", { stacked: true }), y: axis("Cartas", { stacked: true, beginAtZero: true }) } } });
  const sum = (key) => {
    const totals = {};
    for (const b of sent) for (const [k, v] of Object.entries(b[key])) totals[k] = (totals[k] || 0) + v;
    return totals;
  };
  const byCause = sum("returns_by_cause");
  await chart($("#g-causas", root), { type: "bar", data: { labels: ctx.causes.map((c) => wrap(c.label, 20)),
    datasets: [{ label: "Devoluciones", data: ctx.causes.map((c) => byCause[c.code] || 0), backgroundColor: "#1f5f99" }] },
  options: { indexAxis: "y", layout: { padding: { right: 30 } }, plugins: { legend: { display: false } },
    scales: { y: { ticks: { autoSkip: false, font: { size: 11 } } }, x: axis("Devoluciones", { beginAtZero: true, ticks: { precision: 0 } }) } } });
  const byZone = Object.entries(sum("returns_by_zone")).sort((a, b) => b[1] - a[1]).slice(0, 30);
  await chart($("#g-zonas", root), { type: "bar", data: { labels: byZone.map((z) => z[0]),
    datasets: [{ label: "Devoluciones", data: byZone.map((z) => z[1]), backgroundColor: "#1f5f99" }] },
  options: { layout: { padding: { top: 16 } }, plugins: { legend: { display: false } },
    scales: { x: axis("Zona"), y: axis("Devoluciones", { beginAtZero: true, ticks: { precision: 0 } }) } } });
  // Open cases by how long they have been open, one colour per kind.
  const colours = { field_check: "#1f5f99", cleanup: "#b3403d", address_update: "#c98a16" };
  await chart($("#g-casos", root), { type: "bar", data: { labels: AGES,
    datasets: cases.map((c) => ({ label: ctx.label("case_kinds", c.kind), data: c.by_age || [0, 0, 0, 0], backgroundColor: colours[c.kind] || "#8a97a6" })) },
  options: { scales: { x: axis("Días abierto", { stacked: true }), y: axis("Casos abiertos", { stacked: true, beginAtZero: true, ticks: { precision: 0 } }) } } });
}

export function unmount(root) { destroyCharts(root); }
