// Lotes: the chosen batch on top (status, files, report; kept in the
// address, so a reload keeps it), the batches with print and dispatch, and a
// new batch whose funnel is seen before it can be saved.
import { api } from "../api.js";
import { destroyCharts, funnelChart } from "../charts.js";
import { $, html, render, say } from "../dom.js";
import { date, n, todayIso } from "../format.js";
import { fillRules, readRules, ruleChecks, ruleFields } from "../rules.js";
import { askForm, toast } from "../ui.js";

export async function mount(root, ctx, param) {
  render(root, html`<h2>Lotes</h2>
    <p id="estado-lote" role="status" class="mb-2"></p>
    <div id="detalle-lote" class="card mb-3" hidden></div>
    <p><button type="button" class="btn btn-outline-secondary btn-sm exportar" data-table="tabla-lotes" data-name="lotes.csv">Exportar lista (CSV)</button></p>
    <table id="tabla-lotes" class="table table-sm table-hover align-middle"><thead><tr><th>Lote</th><th>Corte</th><th>Estado</th>
      <th class="num">Cuentas</th><th class="num">Seleccionadas</th><th>Acciones</th></tr></thead><tbody></tbody></table>
    <h2 class="mt-4">Nuevo lote de cartas</h2>
    <form id="nuevo">
      <label>Fecha de corte <input class="form-control" name="cutoff" type="date"></label>
      <label>Cupo de cartas <input class="form-control" name="max" type="number" min="1" placeholder="sin cupo"></label>
      <details class="ancho"><summary>Reglas de este lote (por defecto, las guardadas por el administrador)</summary>
        <div class="reglas">${ruleFields("Mora mínima (días, estrictamente más)")}${ruleChecks}</div>
      </details>
      <button type="button" class="btn btn-outline-primary" id="ver-embudo">Ver embudo</button>
      <button class="btn btn-primary" id="guardar-lote" disabled>Guardar lote</button>
    </form>
    <div id="embudo"><h3 id="embudo-titulo" role="status"></h3>
      <div class="row g-3"><div class="col-lg-7"><div class="lienzo bajo" id="embudo-caja" hidden><canvas id="embudo-grafico" role="img" aria-label="Embudo del lote"></canvas></div></div>
      <div class="col-lg-5"><table id="embudo-tabla" class="table table-sm align-middle" hidden><thead><tr><th>Regla</th><th class="num">Excluidas</th><th class="num">Quedan</th></tr></thead><tbody></tbody></table></div></div></div>`);
  const form = $("#nuevo", root);
  const title = $("#embudo-titulo", root);
  const status = $("#estado-lote", root);
  const save = $("#guardar-lote", root);
  const detail = $("#detalle-lote", root);
  const admin = ctx.session.role === "admin";

  const request = () => {
    const body = { settings: readRules(form) };
    if (form.elements.cutoff.value) body.cutoff = form.elements.cutoff.value;
    if (form.elements.max.value) body.max = Number(form.elements.max.value);
    return body;
  };
  const showFunnel = (funnel, saved) => {
    title.textContent = `${saved ? "Lote guardado" : "Vista previa (sin guardar)"}: ${n(funnel.total)} cuentas, ${n(funnel.selected)} seleccionadas`;
    render($("#embudo-tabla tbody", root), html`${funnel.steps.filter((s) => s.excluded > 0)
      .map((s) => html`<tr><td>${s.label}</td><td class="num">${n(s.excluded)}</td><td class="num">${n(s.remaining)}</td></tr>`)}`);
    $("#embudo-tabla", root).hidden = false;
    $("#embudo-caja", root).hidden = false;
    return funnelChart($("#embudo-grafico", root), funnel);
  };
  // The printer's files; the layout (for the scanner's calibration) only for the admin.
  const fileLinks = (id, list) => html`${list.filter((f) => admin || f !== "layout.json").map((f) =>
    html`<a class="btn btn-sm btn-outline-secondary me-1 mb-1" href="/api/batches/${id}/files/${encodeURIComponent(f)}" download>${f}</a>`)}`;

  const loadBatches = async () => {
    const rows = await api("GET", "/api/batches");
    render($("#tabla-lotes tbody", root), rows.length ? html`${rows.map((b) => html`<tr data-id="${b.id}"><td>${b.id}</td><td>${date(b.cutoff)}</td>
      <td>${ctx.label("batch_statuses", b.status)}</td><td class="num">${n(b.accounts)}</td><td class="num">${n(b.selected)}</td>
      <td><div class="d-flex flex-wrap gap-1 justify-content-end justify-content-md-start">
      ${b.status !== "dispatched" && html`<button class="btn btn-sm btn-outline-primary" data-action="letters">${b.status === "draft" ? "Imprimir" : "Reimprimir"}</button>`}
      ${b.status === "generated" && html`<button class="btn btn-sm btn-primary" data-action="dispatch">Despachar</button>`}
      <button class="btn btn-sm btn-outline-secondary" data-action="detail">Ver</button></div><span class="archivos"></span></td></tr>`)}`
      : html`<tr><td colspan="6">Aún no hay lotes: importe la cartera y cree el primero.</td></tr>`);
  };

  const showBatch = async (id) => {
    const b = await api("GET", `/api/batches/${id}`);
    const r = b.report[0] || {};
    const byCause = Object.entries(r.returns_by_cause || {}).filter(([, v]) => v > 0);
    detail.hidden = false;
    history.replaceState(null, "", `#lotes/${id}`);
    render(detail, html`<div class="card-body">
      <div class="d-flex flex-wrap justify-content-between align-items-baseline gap-2"><h3 class="h5 m-0">Lote ${id}</h3>
        <span class="badge text-bg-${r.status === "dispatched" ? "success" : r.status === "generated" ? "primary" : "secondary"} fs-6">${r.status ? ctx.label("batch_statuses", r.status) : "—"}</span></div>
      <div class="ficha px-0 mt-2"><span>Corte: ${date(r.cutoff)}</span><span>Despacho: ${date(r.dispatched_on)}</span><span>Cartas: ${n(r.letters)}</span>
      <span>Entregadas: ${n(r.delivered)}</span><span>Devueltas: ${n(r.returned)}</span><span>Pendientes: ${n(r.pending)}</span><span>Notificadas: ${n(r.notified)}</span>
      <span>Seleccionadas: ${n(b.funnel.selected)} de ${n(b.funnel.total)}</span></div>
      <p class="mt-2 mb-1">${b.files && b.files.length ? html`Archivos: ${fileLinks(id, b.files)}` : "Aún sin cartas impresas."}</p>
      ${byCause.length ? html`<p class="mb-0 small">Devoluciones: ${byCause.map(([c, v], i) => html`${i ? " · " : ""}${ctx.causeLabel(c)} ${n(v)}`)}</p>` : ""}
    </div>`);
  };

  const dispatch = async (id) => {
    const answer = await askForm({ title: `Despachar el lote ${id}`, confirm: "Despachar",
      body: html`<p>Sus cartas contarán como enviadas y el lote no podrá cambiar.</p>
        <label class="form-label" for="fecha-despacho">Fecha de despacho</label>
        <input class="form-control" id="fecha-despacho" name="date" type="date" required max="${todayIso()}" value="${todayIso()}">` });
    if (!answer) return;
    const result = await api("POST", `/api/batches/${id}/dispatch`, { date: answer.get("date") });
    say(status, `Lote ${id} despachado el ${date(result.dispatched_on)} (${n(result.letters)} cartas).`, true);
    toast(`Lote ${id} despachado.`);
    await loadBatches();
    await showBatch(id);
  };

  $("#ver-embudo", root).addEventListener("click", async () => {
    try {
      title.textContent = "Calculando…";
      const result = await api("POST", "/api/batches/preview", request());
      await showFunnel(result.funnel, false);
      save.disabled = false;
    } catch (err) {
      title.textContent = err.message;
    }
  });
  // Changing a rule asks for a new preview before saving.
  form.addEventListener("input", () => { save.disabled = true; });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const result = await api("POST", "/api/batches", request());
      await showFunnel(result.funnel, true);
      save.disabled = true;
      say(status, `Lote ${result.batch} guardado como borrador.`, true);
      toast(`Lote ${result.batch} guardado como borrador.`);
      await loadBatches();
    } catch (err) {
      title.textContent = err.message;
    }
  });

  $("#tabla-lotes tbody", root).addEventListener("click", async (e) => {
    const button = e.target.closest("button[data-action]");
    if (!button) return;
    const id = button.closest("tr").dataset.id;
    try {
      if (button.dataset.action === "letters") {
        say(status, `Generando las cartas del lote ${id}…`);
        button.disabled = true;
        const result = await api("POST", `/api/batches/${id}/letters`);
        say(status, `${n(result.letters)} cartas listas para la imprenta.`, true);
        await loadBatches();
        render($(`#tabla-lotes tr[data-id="${id}"] .archivos`, root), fileLinks(id, result.files));
        await showBatch(id);
      } else if (button.dataset.action === "dispatch") {
        await dispatch(id);
      } else {
        await showBatch(id);
        detail.scrollIntoView({ block: "nearest" });
      }
    } catch (err) {
      say(status, err.message, false);
      button.disabled = false;
    }
  });

  fillRules(form, (await api("GET", "/api/settings")).selection);
  form.elements.cutoff.value = todayIso();
  await loadBatches();
  if (/^\d+$/.test(param)) await showBatch(param).catch(() => { history.replaceState(null, "", "#lotes"); });
}

export function unmount(root) { destroyCharts(root); }
