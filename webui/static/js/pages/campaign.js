// Efectividad: what a dispatched batch's letters recovered — the mailed
// accounts against the control group held out of it, the share that paid in
// each window after the dispatch with the lift's 95 % interval (chart and
// table, downloads) — and the quality report of the portfolio or of a batch
// before it goes out. "#campana/ID" opens batch ID.
import { api } from "../api.js";
import { axis, chart, destroyCharts } from "../charts.js";
import { $, html, render, say } from "../dom.js";
import { date, n, pesos } from "../format.js";

const percent = (share) => (share === null || share === undefined ? "—" : `${(share * 100).toLocaleString("es-CO", { maximumFractionDigits: 1 })} %`);
// A difference of shares in percentage points, signed.
const points = (share) => `${share > 0 ? "+" : ""}${(share * 100).toLocaleString("es-CO", { maximumFractionDigits: 1 })} pp`;

export async function mount(root, ctx, param) {
  render(root, html`<h2>Efectividad de las cartas</h2>
    <form id="elegir-lote" class="mb-2"><label>Lote despachado <select class="form-select" name="batch"></select></label>
      <label>Ventanas (días) <input class="form-control" name="days" value="30,60,90" pattern="[0-9, ]+"></label>
      <button class="btn btn-primary">Ver</button></form>
    <p id="estado-efectividad" role="status"></p>
    <div id="efectividad" hidden>
      <p class="mb-2" id="descargas-efectividad"></p>
      <figure class="grafico"><figcaption id="t-efectividad">Proporción de cuentas que pagaron después del despacho</figcaption>
        <div class="lienzo"><canvas id="g-efectividad" role="img" aria-labelledby="t-efectividad"></canvas></div></figure>
      <table id="tabla-efectividad" class="table table-sm table-hover align-middle"><thead><tr><th>Ventana</th>
        <th class="num">Con carta</th><th class="num">Pagaron</th><th class="num">Proporción</th><th class="num">Pesos</th>
        <th class="num">Control</th><th class="num">Pagaron (control)</th><th class="num">Proporción (control)</th>
        <th class="num">Diferencia</th><th>IC 95 %</th><th class="num">Pesos sobre el control</th></tr></thead><tbody></tbody></table>
      <h3 class="h5">Por segmento (última ventana)</h3>
      <table id="segmentos" class="table table-sm table-hover align-middle"><thead><tr><th>Segmento</th><th>Valor</th>
        <th class="num">Con carta</th><th class="num">Proporción</th><th class="num">Control</th><th class="num">Proporción (control)</th><th class="num">Diferencia</th></tr></thead><tbody></tbody></table>
    </div>
    <h2 class="mt-4">Calidad de la base</h2>
    <form id="elegir-calidad" class="mb-2"><label>Revisar <select class="form-select" name="batch"><option value="">La cartera importada</option></select></label>
      <button class="btn btn-primary">Ver</button></form>
    <p id="estado-calidad" role="status"></p>
    <div id="calidad" hidden></div>`);
  const status = $("#estado-efectividad", root);
  const form = $("#elegir-lote", root);
  const quality = $("#elegir-calidad", root);
  const batches = await api("GET", "/api/batches");
  const sent = batches.filter((b) => b.status === "dispatched");
  render(form.elements.batch, sent.length ? html`${sent.map((b) => html`<option value="${b.id}">Lote ${b.id} (corte ${date(b.cutoff)})</option>`)}`
    : html`<option value="">Aún no hay lotes despachados</option>`);
  render(quality.elements.batch, html`<option value="">La cartera importada</option>${batches.filter((b) => b.status !== "discarded")
    .map((b) => html`<option value="${b.id}">Las seleccionadas del lote ${b.id}</option>`)}`);

  const segmentName = (s) => {
    if (s.dimension === "use_type") return ["Uso", ctx.label("use_types", s.value)];
    if (s.dimension === "zone") return ["Zona", s.value || "(sin zona)"];
    if (s.value === "delivered") return ["Entrega", "Entregada"];
    if (s.value === "pending") return ["Entrega", "Pendiente"];
    return ["Entrega", `Devuelta: ${ctx.causeLabel(s.value.replace(/^returned:/, ""))}`];
  };

  const showEffectiveness = async (id, days) => {
    say(status, "Calculando…");
    const r = await api("GET", `/api/batches/${id}/effectiveness?days=${encodeURIComponent(days)}`);
    history.replaceState(null, "", `#campana/${id}`);
    const control = r.windows.some((w) => w.control);
    const notes = [`Lote ${r.batch}, despachado el ${date(r.dispatched_on)}.`,
      r.payments_until ? `Pagos importados hasta el ${date(r.payments_until)}.` : "Ningún pago de sus cuentas tiene fecha posterior al despacho.",
      control ? "La diferencia compara con el grupo de control (intervalo de Newcombe-Wilson)."
        : "El lote no tiene grupo de control: se muestra solo el lado con carta, sin medir lo que habría pasado sin ella."];
    say(status, notes.join(" "), true);
    const box = $("#efectividad", root);
    box.hidden = false;
    const base = `/api/batches/${id}/effectiveness?days=${encodeURIComponent(days)}`;
    render($("#descargas-efectividad", root), html`Descargar: <a class="btn btn-sm btn-outline-secondary" href="${base}&format=xlsx" download>Excel</a>
      <a class="btn btn-sm btn-outline-secondary" href="${base}&format=csv" download>CSV</a>`);
    render($("#tabla-efectividad tbody", root), html`${r.windows.map((w) => html`<tr><td>${n(w.days)} días</td>
      <td class="num">${n(w.mailed.accounts)}</td><td class="num">${n(w.mailed.paid)}</td><td class="num">${percent(w.mailed.share)}</td><td class="num">${pesos(w.mailed.pesos)}</td>
      <td class="num">${w.control ? n(w.control.accounts) : "—"}</td><td class="num">${w.control ? n(w.control.paid) : "—"}</td><td class="num">${w.control ? percent(w.control.share) : "—"}</td>
      <td class="num">${w.lift ? points(w.lift.share) : "—"}</td><td>${w.lift ? `${points(w.lift.ci95[0])} a ${points(w.lift.ci95[1])}` : "—"}</td>
      <td class="num">${w.lift ? pesos(Math.round(w.lift.pesos_beyond_control)) : "—"}</td></tr>`)}`);
    const last = r.windows.length - 1;
    render($("#segmentos tbody", root), html`${r.segments.map((s) => {
      const w = s.windows[last];
      const [dimension, value] = segmentName(s);
      return html`<tr><td>${dimension}</td><td>${value}</td><td class="num">${n(w.mailed.accounts)}</td><td class="num">${percent(w.mailed.share)}</td>
        <td class="num">${w.control ? n(w.control.accounts) : "—"}</td><td class="num">${w.control ? percent(w.control.share) : "—"}</td>
        <td class="num">${w.lift ? points(w.lift.share) : "—"}</td></tr>`;
    })}`);
    // The share that paid per window, with the control's beside it; with a
    // control group, the lift on its own axis (percentage points) with its
    // 95 % interval drawn as an error bar from low to high.
    const pp = (share) => Math.round(share * 1000) / 10;
    const datasets = [{ label: "Con carta", data: r.windows.map((w) => pp(w.mailed.share)), backgroundColor: "#1f5f99" }];
    const scales = { x: axis("Días después del despacho"), y: axis("Cuentas que pagaron (%)", { beginAtZero: true, suggestedMax: 100 }) };
    if (control) {
      datasets.push({ label: "Grupo de control", data: r.windows.map((w) => (w.control ? pp(w.control.share) : 0)), backgroundColor: "#8a97a6" });
      datasets.push({ type: "bar", label: "Diferencia: intervalo de confianza del 95 %", yAxisID: "diferencia", values: false,
        data: r.windows.map((w) => (w.lift ? [pp(w.lift.ci95[0]), pp(w.lift.ci95[1])] : null)),
        backgroundColor: "rgba(176, 96, 24, 0.25)", borderColor: "#b06018", borderWidth: 2, borderSkipped: false, barPercentage: 0.15 });
      datasets.push({ type: "line", label: "Diferencia con el control", yAxisID: "diferencia", values: false, showLine: false,
        data: r.windows.map((w) => (w.lift ? pp(w.lift.share) : null)), pointStyle: "line", pointRadius: 12, borderWidth: 3,
        borderColor: "#6b3608", backgroundColor: "#6b3608" });
      scales.diferencia = axis("Diferencia (pp)", { position: "right", grid: { drawOnChartArea: false } });
    }
    await chart($("#g-efectividad", root), { type: "bar", data: { labels: r.windows.map((w) => `${w.days} días`), datasets },
      options: { scales } });
  };

  const showQuality = async (batch) => {
    const box = $("#calidad", root);
    const statusLine = $("#estado-calidad", root);
    say(statusLine, "Revisando…");
    const q = await api("GET", `/api/reports/quality${batch ? `?batch=${batch}` : ""}`);
    const base = `/api/reports/quality?${batch ? `batch=${batch}&` : ""}format=`;
    const labelOf = Object.fromEntries(q.checks.map((c) => [c.check, c.label]));
    say(statusLine, `${batch ? `Seleccionadas del lote ${batch}` : "Cartera importada"}: ${n(q.accounts)} cuentas revisadas; ${n(q.issues_total)} hallazgos.`, true);
    box.hidden = false;
    const by = { account_id: "Misma cuenta en dos filas del archivo", document_id: "Mismo documento", address_and_name: "Misma dirección y nombre" };
    // Where a duplicate's rows differ; for a repeated account, with the values.
    const differs = (d) => {
      if (!d.differing.length) return "Mismos valores";
      if (d.by !== "account_id") return d.differing.map((f) => ctx.label("fields", f)).join(", ");
      const shown = (f, v) => (v === "" ? "(vacío)" : f === "balance" ? pesos(Number(v)) : f === "use_type" ? ctx.label("use_types", v)
        : f === "billing_type" ? ctx.label("billing_types", v) : f === "sanitation" ? ctx.label("sanitation", v)
        : f === "legal_collection" ? (v === "1" ? "Sí" : "No") : f === "days_past_due" ? `${n(Number(v))} días` : v);
      return d.differing.map((f) => `${ctx.label("fields", f)}: ${(d.values[f] || []).map((v, i) => `${shown(f, v)}${i === 0 ? " (conservada)" : ` (línea ${d.lines[i - 1]})`}`).join(" / ")}`).join("; ");
    };
    render(box, html`<div class="ficha px-0 mb-2"><span>Registros leídos: ${n(q.import.read)}</span><span>Rechazados: ${n(q.import.rejected)}${q.import.repeated ? ` (${n(q.import.repeated)} por cuenta repetida)` : ""}</span>
        <span>Conservados: ${n(q.import.kept)}</span>${q.funnel ? html`<span>Seleccionados: ${n(q.funnel.selected)}</span>` : ""}</div>
      <p>Descargar los hallazgos: <a class="btn btn-sm btn-outline-secondary" href="${base}xlsx" download>Excel</a>
        <a class="btn btn-sm btn-outline-secondary" href="${base}csv" download>CSV</a></p>
      <table id="tabla-calidad" class="table table-sm align-middle"><thead><tr><th>Revisión</th><th class="num">Cuentas</th></tr></thead>
        <tbody>${q.checks.map((c) => html`<tr><td>${c.label}</td><td class="num">${n(c.accounts)}</td></tr>`)}</tbody></table>
      ${q.duplicates.length ? html`<h3 class="h6">Posibles duplicados</h3><table class="table table-sm align-middle"><thead><tr><th>Coinciden en</th><th>Cuentas</th><th>Difieren en</th></tr></thead>
        <tbody>${q.duplicates.slice(0, 200).map((d) => html`<tr><td>${by[d.by] || "Posible duplicado"}</td><td>${d.accounts.join(", ")}</td>
          <td>${differs(d)}</td></tr>`)}</tbody></table>` : ""}
      ${q.issues.length ? html`<h3 class="h6">Hallazgos por cuenta${q.issues_total > 200 ? ` (los primeros 200 de ${n(q.issues_total)}; todos en la descarga)` : ""}</h3>
        <table id="hallazgos-calidad" class="table table-sm align-middle"><thead><tr><th>Cuenta</th><th>Hallazgo</th><th>Detalle</th></tr></thead>
        <tbody>${q.issues.slice(0, 200).map((i) => html`<tr><td><a href="#cuenta/${encodeURIComponent(i.account_id)}">${i.account_id}</a></td><td>${labelOf[i.check] || "Hallazgo"}</td><td>${i.detail_label}</td></tr>`)}</tbody></table>` : ""}`);
  };

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!form.elements.batch.value) return;
    try { await showEffectiveness(form.elements.batch.value, form.elements.days.value); } catch (err) { say(status, err.message, false); }
  });
  quality.addEventListener("submit", async (e) => {
    e.preventDefault();
    try { await showQuality(quality.elements.batch.value); } catch (err) { say($("#estado-calidad", root), err.message, false); }
  });
  if (/^\d+$/.test(param) && sent.some((b) => String(b.id) === param)) form.elements.batch.value = param;
  if (form.elements.batch.value) form.requestSubmit();
  else say(status, "Aún no hay lotes despachados: el informe mide los pagos después del despacho.");
}

export function unmount(root) { destroyCharts(root); }
