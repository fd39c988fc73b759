// Auditoría: who did what and when (Bogotá time), as sentences, with what
// changed.
import { apiPage } from "../api.js";
import { changes, sentence } from "../audit.js";
import { $, append, html, render } from "../dom.js";
import { dateTime, n } from "../format.js";

export function mount(root, ctx) {
  let last = null;
  let sort = null;  // paged: sorted by the server, newest first unless a header is clicked
  render(root, html`<h2>Registro de auditoría</h2>
    <form id="filtro-auditoria"><label>Usuario <input class="form-control" name="user" autocomplete="off"></label>
      <label>Qué <select class="form-select" name="action"><option value="">Todo</option><option value="login">Ingresos (y fallidos o bloqueados)</option>
        <option value="user">Usuarios</option><option value="return">Devoluciones</option><option value="review">Revisión</option>
        <option value="case">Casos</option><option value="batch">Lotes</option><option value="import">Importaciones</option><option value="settings">Ajustes</option></select></label>
      <button class="btn btn-primary">Filtrar</button>
      <button type="button" class="btn btn-outline-secondary exportar" data-table="tabla-auditoria" data-name="auditoria.csv">Exportar (CSV)</button></form>
    <table class="table table-sm table-hover align-middle" id="tabla-auditoria" data-server-sort><thead><tr><th data-sort="at" aria-sort="descending">Fecha</th>
      <th data-sort="user">Usuario</th><th data-sort="action">Qué hizo</th><th class="sin-orden">Cambios</th></tr></thead>
      <tbody></tbody></table>
    <p id="total-auditoria" class="small text-body-secondary" role="status"></p>
    <button class="btn btn-outline-primary w-100" id="mas-auditoria" hidden>Ver más</button>`);
  const body = $("#tabla-auditoria tbody", root);

  const load = async (more) => {
    const params = new URLSearchParams({ limit: "100" });
    const user = $("#filtro-auditoria input[name=user]", root).value.trim();
    if (user) params.set("user", user);
    const action = $("#filtro-auditoria select[name=action]", root).value;
    if (action) params.set("action", action);
    if (sort) params.set("sort", sort.key), params.set("dir", sort.dir);
    if (more && sort) params.set("offset", String(body.querySelectorAll("tr[data-action]").length));
    else if (more && last) params.set("before", last);
    const { rows, total } = await apiPage(`/api/audit?${params}`);
    const list = (a) => {
      const c = changes(a.before, a.after);
      return c.length ? html`<ul class="cambios">${c.map((x) => html`<li>${x.field}: ${x.before === null ? "" : html`${x.before} → `}${x.after ?? "sin valor"}</li>`)}</ul>` : "—";
    };
    const markup = html`${rows.map((a) => html`<tr data-action="${a.action}"><td class="text-nowrap" data-value="${a.at}">${dateTime(a.at)}</td><td>${a.user}</td>
      <td data-value="${a.action} ${a.target}">${sentence(a)}</td>
      <td data-value="${JSON.stringify({ antes: a.before, despues: a.after })}">${list(a)}</td></tr>`)}`;
    if (more) append(body, markup);
    else render(body, rows.length ? markup : html`<tr><td colspan="4">No hay registros${user ? ` del usuario ${user}` : ""}.</td></tr>`);
    last = rows.length ? rows[rows.length - 1].id : last;
    const shown = body.querySelectorAll("tr[data-action]").length;
    $("#total-auditoria", root).textContent = `${n(shown)} de ${n(total)} registros.`;
    $("#mas-auditoria", root).hidden = shown >= total;
  };

  $("#filtro-auditoria", root).addEventListener("submit", (e) => {
    e.preventDefault();
    last = null;
    load(false).catch(ctx.fail);
  });
  $("#mas-auditoria", root).addEventListener("click", () => load(true).catch(ctx.fail));
  $("#tabla-auditoria", root).addEventListener("ordenar", (e) => {
    sort = e.detail;
    last = null;
    load(false).catch(ctx.fail);
  });
  return load(false);
}
