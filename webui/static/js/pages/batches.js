// Lotes: a new batch whose funnel is seen before it can be saved; the
// batches with print, downloads, dispatch and their report.
import { api } from "../api.js";
import { destroyCharts, funnelChart } from "../charts.js";
import { $, html, render, say } from "../dom.js";
import { n } from "../format.js";
import { STATUS, label } from "../labels.js";
import { fillRules, readRules, ruleChecks, ruleFields } from "../rules.js";
import { ask } from "../ui.js";

export async function mount(root, ctx) {
  render(root, html`<h2>Nuevo lote de cartas</h2>
    <form id="nuevo">
      <label>Fecha de corte <input name="cutoff" type="date"></label>
      <label>Cupo de cartas <input name="max" type="number" min="1" placeholder="sin cupo"></label>
      <details class="ancho"><summary>Reglas de este lote (por defecto, las guardadas por el administrador)</summary>
        <div class="reglas">${ruleFields("Mora mínima (días, estrictamente más)")}${ruleChecks}</div>
      </details>
      <button type="button" id="ver-embudo">Ver embudo</button>
      <button id="guardar-lote" disabled>Guardar lote</button>
    </form>
    <div id="embudo"><h3 id="embudo-titulo"></h3><canvas id="embudo-grafico" height="260"></canvas>
      <table id="embudo-tabla" hidden><thead><tr><th>Regla</th><th>Excluidas</th><th>Quedan</th></tr></thead><tbody></tbody></table></div>
    <h2>Lotes</h2>
    <p><button type="button" class="exportar" data-table="tabla-lotes" data-name="lotes.csv">Exportar lista (CSV)</button></p>
    <table id="tabla-lotes"><thead><tr><th>Lote</th><th>Corte</th><th>Estado</th><th>Cuentas</th><th>Seleccionadas</th><th>Acciones</th></tr></thead><tbody></tbody></table>
    <p id="estado-lote" role="status"></p>
    <div id="detalle-lote" hidden></div>`);
  const form = $("#nuevo", root);
  const title = $("#embudo-titulo", root);
  const status = $("#estado-lote", root);
  const save = $("#guardar-lote", root);

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
    return funnelChart($("#embudo-grafico", root), funnel);
  };
  const fileLinks = (id, files) => html`${files.map((f) => html` <a href="/api/batches/${id}/files/${encodeURIComponent(f)}" download>${f}</a>`)}`;

  const loadBatches = async () => {
    const rows = await api("GET", "/api/batches");
    render($("#tabla-lotes tbody", root), rows.length ? html`${rows.map((b) => html`<tr data-id="${b.id}"><td>${b.id}</td><td>${b.cutoff}</td>
      <td>${label(STATUS, b.status)}</td><td class="num">${n(b.accounts)}</td><td class="num">${n(b.selected)}</td>
      <td>${b.status !== "dispatched" && html`<button data-action="letters">${b.status === "draft" ? "Imprimir" : "Reimprimir"}</button>`}
      ${b.status === "generated" && html`<button data-action="dispatch">Despachar</button>`}
      <button data-action="detail">Ver</button><span class="archivos"></span></td></tr>`)}`
      : html`<tr><td colspan="6">Aún no hay lotes: importe la cartera y cree el primero.</td></tr>`);
  };

  const showBatch = async (id) => {
    const b = await api("GET", `/api/batches/${id}`);
    const r = b.report[0] || {};
    const box = $("#detalle-lote", root);
    box.hidden = false;
    const byCause = Object.entries(r.returns_by_cause || {}).filter(([, v]) => v > 0);
    render(box, html`<h3>Lote ${id}</h3>
      <div class="ficha"><span>Estado: <b>${r.status ? label(STATUS, r.status) : "—"}</b></span><span>Corte: ${r.cutoff || "—"}</span>
      <span>Despacho: ${r.dispatched_on || "—"}</span><span>Cartas: ${n(r.letters)}</span><span>Entregadas: ${n(r.delivered)}</span>
      <span>Devueltas: ${n(r.returned)}</span><span>Pendientes: ${n(r.pending)}</span><span>Notificadas: ${n(r.notified)}</span></div>
      <p>${b.files && b.files.length ? html`Archivos:${fileLinks(id, b.files)}` : "Aún sin cartas impresas."}</p>
      <table><thead><tr><th>Regla</th><th>Excluidas</th><th>Quedan</th></tr></thead><tbody>
      ${b.funnel.steps.filter((s) => s.excluded > 0).map((s) => html`<tr><td>${s.label}</td><td class="num">${n(s.excluded)}</td>
        <td class="num">${n(s.remaining)}</td></tr>`)}
      <tr><th>Seleccionadas</th><th class="num">${n(b.funnel.selected)}</th><th></th></tr></tbody></table>
      <h4>Devoluciones por causal</h4><table><tbody>${byCause.length ? byCause
        .map(([c, v]) => html`<tr><td>${ctx.causeLabel(c)}</td><td class="num">${n(v)}</td></tr>`) : html`<tr><td>Ninguna.</td></tr>`}</tbody></table>`);
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
      await loadBatches();
    } catch (err) {
      title.textContent = err.message;
    }
  });

  $("#tabla-lotes tbody", root).addEventListener("click", async (e) => {
    const action = e.target.dataset.action;
    if (!action) return;
    const id = e.target.closest("tr").dataset.id;
    try {
      if (action === "letters") {
        say(status, `Generando las cartas del lote ${id}…`);
        e.target.disabled = true;
        const result = await api("POST", `/api/batches/${id}/letters`);
        say(status, `${n(result.letters)} cartas listas para la imprenta.`, true);
        await loadBatches();
        render($(`#tabla-lotes tr[data-id="${id}"] .archivos`, root), fileLinks(id, result.files));
      } else if (action === "dispatch") {
        if (!(await ask(`¿Despachar hoy el lote ${id}? Sus cartas contarán como enviadas y el lote no podrá cambiar.`))) return;
        const result = await api("POST", `/api/batches/${id}/dispatch`, {});
        say(status, `Lote ${id} despachado el ${result.dispatched_on} (${n(result.letters)} cartas).`, true);
        await loadBatches();
      } else {
        await showBatch(id);
      }
    } catch (err) {
      say(status, err.message, false);
      e.target.disabled = false;
    }
  });

  fillRules(form, (await api("GET", "/api/settings")).selection);
  form.elements.cutoff.value = new Date().toISOString().slice(0, 10);
  await loadBatches();
}

export function unmount(root) { destroyCharts(root); }
