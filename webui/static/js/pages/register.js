// Registro: the returns register, filtered, with the stored page and CSV.
import { api } from "../api.js";
import { $, append, html, render } from "../dom.js";
import { entries } from "../labels.js";
import { link } from "../router.js";
import { date } from "../format.js";

const entriesOf = (ctx, table) => html`${entries(table).map((e) => html`<option value="${e.code}">${e.label}</option>`)}`;

export function mount(root, ctx) {
  let last = null;
  render(root, html`<h2>Registro de devoluciones</h2>
    <form id="filtros">
      <label>Causal <select class="form-select" name="cause"><option value="">todas</option>${ctx.causes.map((c) => html`<option value="${c.code}">${c.label}</option>`)}</select></label>
      <label>Zona <input class="form-control" name="zone" size="6"></label>
      <label>Origen <select class="form-select" name="source"><option value="">todos</option>${ctx.label && entriesOf(ctx, "sources")}</select></label>
      <label>Desde <input class="form-control" name="from" type="date"></label>
      <label>Hasta <input class="form-control" name="to" type="date"></label>
      <label>Carta, cuenta o nombre <input class="form-control" name="q"></label>
      <button class="btn btn-primary">Filtrar</button>
      <a class="btn btn-outline-secondary" id="exportar-registro" href="/api/returns?format=csv" download>Exportar (CSV)</a>
    </form>
    <table class="table table-sm table-hover align-middle" id="tabla-registro"><thead><tr><th>N.º</th><th>Carta</th><th>Cuenta</th><th>Titular</th><th>Zona</th><th>Causal</th>
      <th>Devuelta</th><th>Registró</th><th>Origen</th><th>Imagen</th></tr></thead><tbody></tbody></table>
    <button class="btn btn-outline-primary" id="mas-registro" hidden>Ver más</button>
    <dialog id="visor" aria-label="Página escaneada"><img alt="Página escaneada"><form method="dialog"><button class="btn btn-outline-primary">Cerrar</button></form></dialog>`);
  const body = $("#tabla-registro tbody", root);

  const load = async (more) => {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData($("#filtros", root))) if (v) params.set(k, v);
    const filter = params.toString();
    $("#exportar-registro", root).href = `/api/returns?format=csv${filter ? "&" + filter : ""}`;
    if (more && last) params.set("before", last);
    params.set("limit", "200");
    const rows = await api("GET", `/api/returns?${params}`);
    const markup = html`${rows.map((r) => html`<tr><td>${r.return_id}</td><td>${r.letter_id}</td>
      <td><a href="${link("cuenta", r.account_id)}">${r.account_id}</a></td><td>${r.holder_name}</td>
      <td>${r.zone}</td><td>${r.cause_label}${r.observation ? ` — ${r.observation}` : ""}</td>
      <td>${date(r.returned_on)}</td><td>${r.registered_by}</td><td>${ctx.label("sources", r.source)}</td>
      <td>${r.scan_page_id ? html`<button class="btn btn-sm btn-outline-secondary" data-image="${r.return_id}">Ver</button>` : "—"}</td></tr>`)}`;
    if (more) append(body, markup);
    else render(body, rows.length ? markup : html`<tr><td colspan="10">No hay devoluciones con esos filtros.</td></tr>`);
    last = rows.length ? rows[rows.length - 1].return_id : last;
    $("#mas-registro", root).hidden = rows.length < 200;
  };

  $("#filtros", root).addEventListener("submit", (e) => {
    e.preventDefault();
    last = null;
    load(false).catch(ctx.fail);
  });
  $("#mas-registro", root).addEventListener("click", () => load(true).catch(ctx.fail));
  body.addEventListener("click", (e) => {
    const id = e.target.dataset.image;
    if (!id) return;
    $("#visor img", root).src = `/api/returns/${id}/image`;
    $("#visor", root).showModal();
  });
  return load(false);
}
