// Registro: the returns register, filtered, with the stored page and CSV.
import { api } from "../api.js";
import { $, append, html, render } from "../dom.js";
import { SOURCES, label } from "../labels.js";
import { link } from "../router.js";

export function mount(root, ctx) {
  let last = null;
  render(root, html`<h2>Registro de devoluciones</h2>
    <form id="filtros">
      <label>Causal <select name="cause"><option value="">todas</option>${ctx.causes.map((c) => html`<option value="${c.code}">${c.label}</option>`)}</select></label>
      <label>Zona <input name="zone" size="6"></label>
      <label>Origen <select name="source"><option value="">todos</option><option value="scan">escaneo</option><option value="scan_review">escaneo revisado</option>
        <option value="hand">a mano</option><option value="courier_file">planilla del mensajero</option></select></label>
      <label>Desde <input name="from" type="date"></label>
      <label>Hasta <input name="to" type="date"></label>
      <label>Carta, cuenta o nombre <input name="q"></label>
      <button>Filtrar</button>
      <a id="exportar-registro" href="/api/returns?format=csv" download>Exportar (CSV)</a>
    </form>
    <table id="tabla-registro"><thead><tr><th>N.º</th><th>Carta</th><th>Cuenta</th><th>Titular</th><th>Zona</th><th>Causal</th>
      <th>Devuelta</th><th>Registró</th><th>Origen</th><th>Imagen</th></tr></thead><tbody></tbody></table>
    <button id="mas-registro" hidden>Ver más</button>
    <dialog id="visor"><img alt="Página escaneada"><form method="dialog"><button>Cerrar</button></form></dialog>`);
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
      <td>${r.returned_on}</td><td>${r.registered_by}</td><td>${label(SOURCES, r.source)}</td>
      <td>${r.scan_page_id ? html`<button data-image="${r.return_id}">Ver</button>` : "—"}</td></tr>`)}`;
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
