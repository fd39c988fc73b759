// Lotes: the chosen batch on top (status, files, report, its brief and the
// approval before printing; kept in the address, so a reload keeps it), the
// batches with print and dispatch, and a new batch whose funnel is seen
// before it can be saved. A supervisor reads and approves; only analysts and
// admins select, print and dispatch.
import { api } from "../api.js";
import { destroyCharts, funnelChart } from "../charts.js";
import { $, html, render, say } from "../dom.js";
import { date, dateTime, n, pesos, todayIso } from "../format.js";
import { fillRules, readRules, ruleChecks, ruleFields } from "../rules.js";
import { askForm, toast } from "../ui.js";

export async function mount(root, ctx, param) {
  render(root, html`<h2>Lotes</h2>
    <p id="estado-lote" role="status" class="mb-2"></p>
    <div id="detalle-lote" class="card mb-3" hidden></div>
    <p><button type="button" class="btn btn-outline-secondary btn-sm exportar" data-table="tabla-lotes" data-name="lotes.csv">Exportar lista (CSV)</button></p>
    <table id="tabla-lotes" class="table table-sm table-hover align-middle"><thead><tr><th>Lote</th><th>Corte</th><th>Estado</th>
      <th class="num">Cuentas</th><th class="num">Seleccionadas</th><th class="sin-orden">Acciones</th></tr></thead><tbody></tbody></table>
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
  const works = admin || ctx.session.role === "analyst";  // selects, prints, dispatches
  if (!works) {
    for (const el of [form, $("#embudo", root), form.previousElementSibling]) el.hidden = true;
  }

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
    render($("#tabla-lotes tbody", root), rows.length ? html`${rows.map((b) => html`<tr data-id="${b.id}"><td>${b.id}${b.notice === 2 ? html` <span class="badge text-bg-warning">Segundo aviso</span>` : ""}</td><td>${date(b.cutoff)}</td>
      <td>${ctx.label("batch_statuses", b.status)}</td><td class="num">${n(b.accounts)}</td><td class="num">${n(b.selected)}</td>
      <td><div class="d-flex flex-wrap gap-1 justify-content-end justify-content-md-start">
      ${works && b.status !== "dispatched" && b.status !== "discarded" && html`<button class="btn btn-sm btn-outline-primary" data-action="letters">${b.status === "draft" ? "Imprimir" : "Reimprimir"}</button>`}
      ${works && b.status === "generated" && html`<button class="btn btn-sm btn-primary" data-action="dispatch">Despachar</button>`}
      ${works && (b.status === "draft" || b.status === "generated") && html`<button class="btn btn-sm btn-outline-danger" data-action="discard">Descartar</button>`}
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
      <p class="mb-1">Listas: <a class="btn btn-sm btn-outline-secondary me-1 mb-1" href="/api/batches/${id}/selected" download>Seleccionadas (CSV)</a>
        <a class="btn btn-sm btn-outline-secondary mb-1" href="/api/batches/${id}/excluded" download>Excluidas con sus motivos (CSV)</a></p>
      ${byCause.length ? html`<p class="mb-0 small">Devoluciones: ${byCause.map(([c, v], i) => html`${i ? " · " : ""}${ctx.causeLabel(c)} ${n(v)}`)}</p>` : ""}
      ${r.status === "dispatched" ? html`<p class="mb-0 mt-1"><a class="btn btn-sm btn-outline-primary" href="#campana/${id}">Ver qué recuperaron las cartas</a></p>` : ""}
      <div id="resumen-lote" class="mt-3 border-top pt-2"></div>
    </div>`);
    await showBrief(id);
  };

  // The brief an approver reads (seed 001's F559), its PDF, and Aprobar for
  // an admin or supervisor while the batch is still to be printed or dispatched.
  const showBrief = async (id) => {
    const box = $("#resumen-lote", detail);
    let answer;
    try {
      answer = await api("GET", `/api/batches/${id}/brief`);
    } catch (err) {
      render(box, html`<p class="error">${err.message}</p>`);
      return;
    }
    const x = answer.brief;
    const approval = x.approvals[0];
    const open = x.status === "draft" || x.status === "generated";
    const byUse = x.selected.by_use_type.map((u, i) => html`${i ? " · " : ""}${ctx.label("use_types", u.value)} ${n(u.accounts)} (${pesos(u.pesos)})`);
    render(box, html`<h4 class="h6">Resumen para la aprobación de salida</h4>
      <div class="ficha px-0"><span>Propósito: ${x.purpose}</span><span>Seleccionó: ${x.created_by || "—"}</span>
        <span>Cuentas: ${n(x.selected.accounts)}</span><span>Saldo total: ${pesos(x.selected.pesos)}</span>
        <span>Costo estimado: ${x.estimated_cost === null ? "sin tarifa configurada" : pesos(x.estimated_cost)}</span>
        <span>Grupo de control: ${x.control_group.percent > 0 ? `${n(x.control_group.percent)} % (${n(x.control_group.accounts)} cuentas)` : "no"}</span>
        <span>Exige aprobación: ${x.rules.require_approval === false ? "no" : "sí"}</span></div>
      <p class="small mb-1">Por uso: ${byUse.length ? byUse : "—"}</p>
      ${x.rules_differ_from_saved.length ? html`<p class="small mb-1">Reglas distintas de las guardadas: ${x.rules_differ_from_saved.map((k, i) => html`${i ? ", " : ""}${ctx.label("fields", k)}`)}</p>` : ""}
      ${x.control_group.note ? html`<p class="small mb-1">${x.control_group.note}</p>` : ""}
      <p id="aprobacion" class="mb-1">${approval ? html`Aprobado por <b>${approval.approved_by}</b> el ${dateTime(approval.approved_at)}${approval.valid ? "" : html` — <span class="error">ya no vale: la plantilla, el remitente o las reglas cambiaron</span>`}`
        : "Sin aprobación."}</p>
      <p class="mb-0"><a class="btn btn-sm btn-outline-secondary me-1 mb-1" href="/api/batches/${id}/brief?format=pdf" download>Resumen (PDF)</a>
        ${answer.may_approve && open && html`<button type="button" class="btn btn-sm btn-success mb-1" id="aprobar">Aprobar</button>`}</p>
      ${answer.selected_it && open && x.rules.require_approval !== false && html`<p class="small mb-0" id="aprueba-otro">Usted seleccionó este lote: lo aprueba otra persona con rol de administrador o supervisor.</p>`}`);
    $("#aprobar", box)?.addEventListener("click", async (e) => {
      const button = e.currentTarget;
      const ok = await askForm({ title: `Aprobar el lote ${id}`, confirm: "Aprobar",
        body: html`<p>Aprueba la salida de ${n(x.selected.accounts)} cartas por ${pesos(x.selected.pesos)} tal como dice el resumen
          (huella ${answer.brief_sha256.slice(0, 12)}…). La aprobación deja de valer si cambian las reglas, la plantilla o el remitente.</p>` });
      if (!ok) return;
      button.disabled = true;
      try {
        const result = await api("POST", `/api/batches/${id}/approve`, {});
        say(status, `Lote ${id} aprobado por ${result.approved_by}.`, true);
        toast(`Lote ${id} aprobado.`);
        await showBrief(id);
      } catch (err) {
        say(status, err.message, false);
        button.disabled = false;
      }
    });
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
      } else if (button.dataset.action === "discard") {
        const answer = await askForm({ title: `Descartar el lote ${id}`, confirm: "Descartar",
          body: html`<p>El lote queda en el historial como descartado: no se podrá imprimir ni despachar.</p>` });
        if (!answer) return;
        await api("POST", `/api/batches/${id}/discard`, {});
        say(status, `Lote ${id} descartado.`, true);
        toast(`Lote ${id} descartado.`);
        await loadBatches();
      } else {
        await showBatch(id);
        detail.scrollIntoView({ block: "nearest" });
      }
    } catch (err) {
      say(status, err.message, false);
      button.disabled = false;
    }
  });

  if (works) {
    fillRules(form, (await api("GET", "/api/settings")).selection);
    form.elements.cutoff.value = todayIso();
  }
  await loadBatches();
  if (/^\d+$/.test(param)) await showBatch(param).catch(() => { history.replaceState(null, "", "#lotes"); });
}

export function unmount(root) { destroyCharts(root); }
