// Registro: the returns register, filtered, with the stored page and CSV.
import { api, apiPage } from "../api.js";
import { $, append, html, render } from "../dom.js";
import { entries } from "../labels.js";
import { link } from "../router.js";
import { date, dateTime, n } from "../format.js";
import { askForm, tell, toast } from "../ui.js";

const entriesOf = (ctx, table) => html`${entries(table).map((e) => html`<option value="${e.code}">${e.label}</option>`)}`;

export function mount(root, ctx) {
  let last = null;
  // The register is paged: sorted by the server (newest first unless a header is clicked).
  let sort = null;
  render(root, html`<h2>Registro de devoluciones</h2>
    <form id="filtros">
      <label>Causal <select class="form-select" name="cause"><option value="">todas</option>${ctx.causes.map((c) => html`<option value="${c.code}">${c.label}</option>`)}</select></label>
      <label>Zona <input class="form-control" name="zone" size="6" list="zonas-registro"></label>
      <label>Origen <select class="form-select" name="source"><option value="">todos</option>${ctx.label && entriesOf(ctx, "sources")}</select></label>
      <label>Desde <input class="form-control" name="from" type="date"></label>
      <label>Hasta <input class="form-control" name="to" type="date"></label>
      <label>Carta, cuenta, titular o dirección <input class="form-control busqueda" name="q" type="search" placeholder="sin importar tildes ni mayúsculas"></label>
      <button class="btn btn-primary">Filtrar</button>
      <a class="btn btn-outline-secondary" id="exportar-registro" href="/api/returns?format=csv" download>Exportar (CSV)</a>
      <a class="btn btn-outline-secondary" id="exportar-registro-xlsx" href="/api/returns?format=xlsx" download>Excel</a>
    </form>
    <table class="table table-sm table-hover align-middle" id="tabla-registro" data-server-sort><thead><tr><th data-sort="number" aria-sort="descending">N.º</th>
      <th data-sort="letter">Carta</th><th>Cuenta</th><th>Titular</th><th data-sort="zone">Zona</th><th data-sort="cause">Causal</th>
      <th data-sort="returned_on">Devuelta</th><th data-sort="registered_by">Registró</th><th data-sort="source">Origen</th><th class="sin-orden">Imagen</th><th class="sin-orden">Corrección</th></tr></thead><tbody></tbody></table>
    <p id="total-registro" class="small text-body-secondary" role="status"></p>
    <button class="btn btn-outline-primary" id="mas-registro" hidden>Ver más</button>
    <datalist id="zonas-registro"></datalist>
    <dialog id="visor" aria-label="Página escaneada"><img alt="Página escaneada"><figure class="observacion" hidden><figcaption>Observación escrita por el mensajero</figcaption><img alt="Observación escrita por el mensajero"></figure><form method="dialog"><button class="btn btn-outline-primary">Cerrar</button></form></dialog>`);
  const body = $("#tabla-registro tbody", root);

  const load = async (more) => {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData($("#filtros", root))) if (v) params.set(k, v);
    const filter = params.toString();
    $("#exportar-registro", root).href = `/api/returns?format=csv${filter ? "&" + filter : ""}`;
    $("#exportar-registro-xlsx", root).href = `/api/returns?format=xlsx${filter ? "&" + filter : ""}`;
    if (sort) params.set("sort", sort.key), params.set("dir", sort.dir);
    if (more && sort) params.set("offset", String(body.querySelectorAll("tr[data-return]").length));
    else if (more && last) params.set("before", last);
    params.set("limit", "200");
    const { rows, total } = await apiPage(`/api/returns?${params}`);
    const markup = html`${rows.map((r) => html`<tr data-return="${r.return_id}" class="${r.voided_at ? "anulada text-body-secondary" : ""}"><td>${r.return_id}</td><td>${r.letter_id}</td>
      <td><a href="${link("cuenta", r.account_id)}">${r.account_id}</a></td><td>${r.holder_name}</td>
      <td>${r.zone}</td><td>${r.voided_at ? html`<s>${r.cause_label}</s> <span class="badge text-bg-secondary">Anulada</span>
        <span class="small d-block">${r.void_reason} (${r.voided_by}, ${dateTime(r.voided_at)})</span>` : r.cause_label}${r.observation ? ` — ${r.observation}` : ""}</td>
      <td>${date(r.returned_on)}</td><td>${r.registered_by}</td><td>${ctx.label("sources", r.source)}</td>
      <td>${r.scan_page_id ? html`<button class="btn btn-sm btn-outline-secondary" data-image="${r.return_id}">Ver</button>` : "—"}</td>
      <td>${r.voided_at ? "—" : html`<div class="d-flex flex-wrap gap-1"><button class="btn btn-sm btn-outline-primary" data-correct="${r.return_id}" data-cause="${r.cause}" data-letter="${r.letter_id}" data-observation="${r.observation}">Corregir</button>
        <button class="btn btn-sm btn-outline-danger" data-void="${r.return_id}" data-letter="${r.letter_id}">Anular</button></div>`}</td></tr>`)}`;
    if (more) append(body, markup);
    else render(body, rows.length ? markup : html`<tr><td colspan="11">No hay devoluciones con esos filtros.</td></tr>`);
    last = rows.length ? rows[rows.length - 1].return_id : last;
    const shown = body.querySelectorAll("tr[data-return]").length;
    $("#total-registro", root).textContent = `${n(shown)} de ${n(total)} devoluciones con estos filtros.`;
    $("#mas-registro", root).hidden = shown >= total;
    $("#mas-registro", root).textContent = `Ver más (${n(shown)} de ${n(total)})`;
  };

  $("#filtros", root).addEventListener("submit", (e) => {
    e.preventDefault();
    last = null;
    load(false).catch(ctx.fail);
  });
  $("#mas-registro", root).addEventListener("click", () => load(true).catch(ctx.fail));
  $("#tabla-registro", root).addEventListener("ordenar", (e) => {
    sort = e.detail;
    last = null;
    load(false).catch(ctx.fail);
  });
  // A correction: the cause, the letter and/or the observation typed from the
  // courier's handwriting, with its reason (kept as history).
  const correct = async (button) => {
    const id = button.dataset.correct;
    const answer = await askForm({ title: `Corregir la devolución n.º ${id}`, confirm: "Guardar corrección",
      body: html`<div class="mb-3"><label class="form-label" for="corr-causal">Causal</label>
        <select class="form-select" id="corr-causal" name="cause">${ctx.causes.map((c) =>
          html`<option value="${c.code}" ${c.code === button.dataset.cause ? html`selected` : ""}>${c.label}</option>`)}</select></div>
        <div class="mb-3"><label class="form-label" for="corr-carta">Carta</label>
        <input class="form-control" id="corr-carta" name="letter_id" value="${button.dataset.letter}" aria-describedby="corr-ayuda">
        <div id="corr-ayuda" class="form-text">Formato: 2026-000123. Cámbiela solo si la devolución es de otra carta.</div></div>
        <div class="mb-3"><label class="form-label" for="corr-observacion">Observación del mensajero</label>
        <textarea class="form-control" id="corr-observacion" name="observation" rows="2" aria-describedby="corr-obs-ayuda">${button.dataset.observation}</textarea>
        <div id="corr-obs-ayuda" class="form-text">Transcriba lo que el mensajero escribió en la carta.</div></div>
        <label class="form-label" for="corr-motivo">Motivo de la corrección</label>
        <textarea class="form-control" id="corr-motivo" name="reason" rows="2" required></textarea>` });
    if (!answer) return;
    const request = { reason: answer.get("reason").trim() };
    if (answer.get("cause") !== button.dataset.cause) request.cause = answer.get("cause");
    if (answer.get("letter_id").trim() !== button.dataset.letter) request.letter_id = answer.get("letter_id").trim();
    if (answer.get("observation").trim() !== button.dataset.observation) request.observation = answer.get("observation").trim();
    if (!request.cause && !request.letter_id && request.observation === undefined) {
      tell("No cambió la causal, la carta ni la observación: no hay nada que corregir.");
      return;
    }
    try {
      await api("POST", `/api/returns/${id}/correction`, request);
      toast(`Devolución n.º ${id} corregida; la anterior queda en la historia.`);
      last = null;
      await load(false);
    } catch (err) {
      ctx.fail(err);
    }
  };

  // Voiding a return registered by mistake: its reason asked in a modal; the
  // number stays in the register marked "Anulada".
  const voidReturn = async (button) => {
    const id = button.dataset.void;
    const answer = await askForm({ title: `Anular la devolución n.º ${id}`, confirm: "Anular devolución", danger: true,
      body: html`<p>La carta ${button.dataset.letter} queda sin devolución registrada; el número ${id} se conserva en el registro como anulado
        y los casos abiertos que generó se cierran.</p>
        <label class="form-label" for="anular-motivo">Motivo de la anulación</label>
        <textarea class="form-control" id="anular-motivo" name="reason" rows="2" required></textarea>` });
    if (!answer) return;
    try {
      const result = await api("POST", `/api/returns/${id}/void`, { reason: answer.get("reason").trim() });
      toast(`Devolución n.º ${id} anulada${result.cases_closed.length ? `; se cerraron ${result.cases_closed.length} caso(s)` : ""}.`);
      last = null;
      await load(false);
    } catch (err) {
      ctx.fail(err);
    }
  };

  body.addEventListener("click", (e) => {
    const fix = e.target.closest("button[data-correct]");
    if (fix) { correct(fix); return; }
    const voided = e.target.closest("button[data-void]");
    if (voided) { voidReturn(voided); return; }
    const id = e.target.dataset.image;
    if (!id) return;
    $("#visor > img", root).src = `/api/returns/${id}/image`;
    // The courier's written observation, when the scanned page has one.
    const observation = $("#visor .observacion", root);
    observation.hidden = true;
    const written = $("img", observation);
    written.onload = () => { observation.hidden = false; };
    written.onerror = () => { observation.hidden = true; };
    written.src = `/api/returns/${id}/observation`;
    $("#visor", root).showModal();
  });
  api("GET", "/api/zones").then((zones) => render($("#zonas-registro", root), html`${zones.map((z) => html`<option value="${z.zone}"></option>`)}`)).catch(() => {});
  return load(false);
}
