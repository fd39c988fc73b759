// Auditoría: who did what, when, with the values before and after.
import { api } from "../api.js";
import { $, append, html, render } from "../dom.js";

export function mount(root, ctx) {
  let last = null;
  render(root, html`<h2>Registro de auditoría</h2>
    <form id="filtro-auditoria"><label>Usuario <input name="user"></label><button>Filtrar</button>
      <button type="button" class="exportar" data-table="tabla-auditoria" data-name="auditoria.csv">Exportar (CSV)</button></form>
    <table id="tabla-auditoria"><thead><tr><th>Fecha</th><th>Usuario</th><th>Acción</th><th>Sobre</th><th>Antes</th><th>Después</th></tr></thead>
      <tbody></tbody></table>
    <button id="mas-auditoria" hidden>Ver más</button>`);
  const body = $("#tabla-auditoria tbody", root);

  const load = async (more) => {
    const params = new URLSearchParams({ limit: "100" });
    const user = $("#filtro-auditoria input[name=user]", root).value.trim();
    if (user) params.set("user", user);
    if (more && last) params.set("before", last);
    const rows = await api("GET", `/api/audit?${params}`);
    const json = (v) => (v && Object.keys(v).length ? html`<pre class="json">${JSON.stringify(v, null, 1)}</pre>` : "");
    const markup = html`${rows.map((a) => html`<tr><td>${a.at.replace("T", " ").replace("Z", "")}</td><td>${a.user}</td>
      <td>${a.action}</td><td>${a.target}</td><td data-value="${JSON.stringify(a.before)}">${json(a.before)}</td>
      <td data-value="${JSON.stringify(a.after)}">${json(a.after)}</td></tr>`)}`;
    if (more) append(body, markup);
    else render(body, markup);
    last = rows.length ? rows[rows.length - 1].id : last;
    $("#mas-auditoria", root).hidden = rows.length < 100;
  };

  $("#filtro-auditoria", root).addEventListener("submit", (e) => {
    e.preventDefault();
    last = null;
    load(false).catch(ctx.fail);
  });
  $("#mas-auditoria", root).addEventListener("click", () => load(true).catch(ctx.fail));
  return load(false);
}
