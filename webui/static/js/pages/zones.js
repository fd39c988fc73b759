// Zonas: the portfolio's zones, their open checks and field staff.
import { api } from "../api.js";
import { $, html, render } from "../dom.js";
import { n } from "../format.js";

export async function mount(root) {
  render(root, html`<h2>Zonas</h2>
    <p>Las zonas vienen de la cartera importada. Asigne las zonas a los auxiliares de terreno en Usuarios.</p>
    <p><button type="button" class="btn btn-outline-secondary btn-sm exportar" data-table="tabla-zonas" data-name="zonas.csv">Exportar (CSV)</button></p>
    <table class="table table-sm table-hover align-middle" id="tabla-zonas"><thead><tr><th>Zona</th><th>Cuentas</th><th>Verificaciones abiertas</th><th>Auxiliares de terreno</th></tr></thead>
      <tbody></tbody></table>`);
  const zones = await api("GET", "/api/zones");
  render($("#tabla-zonas tbody", root), zones.length ? html`${zones.map((z) => html`<tr><td>${z.zone}</td>
    <td class="num" data-value="${z.accounts}">${n(z.accounts)}</td>
    <td class="num" data-value="${z.open_field_cases}">${n(z.open_field_cases)}</td>
    <td>${z.field_users.length ? z.field_users.join(", ") : html`<span class="fuera">sin asignar</span>`}</td></tr>`)}`
    : html`<tr><td colspan="4">Importe la cartera para ver sus zonas.</td></tr>`);
}
