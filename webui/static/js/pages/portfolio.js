// Cartera: the portfolio export uploaded with a progress bar, and the rows
// refused with their line, field and reason.
import { api, upload } from "../api.js";
import { $, html, render, say } from "../dom.js";
import { csvLine, download } from "../csv.js";
import { n } from "../format.js";
import { ask, toast } from "../ui.js";

export function mount(root) {
  let rejected = [];
  render(root, html`<h2>Cargar la cartera</h2>
    <p>Exportación del sistema comercial en CSV (UTF-8 o Windows-1252; separador coma, punto y coma o tabulador) o Excel (.xlsx, la
      primera hoja). Las cuentas reemplazan la foto anterior; lo registrado por facturación y terreno se conserva, y la importación
      anterior se puede restaurar.</p>
    <form id="importar">
      <label>Archivo <select class="form-select" name="kind"><option value="accounts">cuentas</option><option value="payments">pagos</option>
        <option value="letters">cartas anteriores</option><option value="returns">devoluciones del courier</option>
        <option value="deliveries">entregas del courier</option><option value="claims">reclamos (Ley 142)</option>
        <option value="contacts">gestiones de contacto (Ley 2300)</option></select></label>
      <label>CSV o Excel <input class="form-control" name="file" type="file" accept=".csv,.txt,.xlsx" required></label>
      <label><input class="form-check-input" type="checkbox" name="accept"> Importar aunque haya filas rechazadas</label>
      <button class="btn btn-primary">Importar</button>
      <button class="btn btn-outline-secondary" type="button" id="deshacer-importacion">Restaurar la importación anterior</button>
    </form>
    <details id="columnas-esperadas"><summary>Columnas que se esperan y plantilla</summary><div></div></details>
    <progress id="subida-cartera" max="100" value="0" hidden></progress>
    <p id="estado-cartera" role="status"></p>
    <button class="btn btn-outline-secondary btn-sm" id="exportar-rechazos" hidden>Exportar filas rechazadas (CSV)</button>
    <table class="table table-sm table-hover align-middle" id="rechazos" hidden><thead><tr><th>Línea</th><th>Campo</th><th>Motivo</th></tr></thead><tbody></tbody></table>`);
  const status = $("#estado-cartera", root);
  const bar = $("#subida-cartera", root);

  $("#importar", root).addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    bar.hidden = false;
    bar.value = 0;
    say(status, "Subiendo el archivo…");
    const send = (query) => {
      const body = new FormData();
      body.append("file", form.get("file"));
      return upload(`/api/imports/${form.get("kind")}${query}`, body, (loaded, total) => {
        bar.value = (100 * loaded) / total;
        if (loaded === total) say(status, "Archivo recibido; importando…");
      });
    };
    const query = form.get("accept") ? "?accept_rejected=1" : "";
    try {
      let data;
      try {
        data = await send(query);
      } catch (err) {
        // A smaller portfolio than the one in force: the server asks first.
        if (err.status !== 409 || !(await ask(err.message, { title: "¿Reemplazar la cartera?", confirm: "Reemplazar", danger: true }))) throw err;
        data = await send(`${query ? query + "&" : "?"}replace_smaller=1`);
      }
      rejected = data.rejected;
      toast(rejected.length ? `Importación hecha, con ${n(rejected.length)} filas rechazadas.` : "Importación hecha.");
      const how = data.format === "xlsx" ? `hoja «${data.sheet}»`
        : `${data.encoding}, separador "${data.delimiter === "\t" ? "tabulador" : data.delimiter}"`;
      const dates = data.date_format ? `; fechas leídas como ${data.date_format}` +
        ({ file: " (lo dice el archivo)", profile: " (perfil de importación)", default: " (supuesto: ningún día pasa de 12)" }[data.date_format_from] || "") : "";
      say(status, data.imported === undefined
        ? `${n(data.read)} filas leídas, ${n(data.recorded)} registradas, ${n(data.duplicates.length)} ya registradas, ${n(rejected.length)} rechazadas.`
        : `${n(data.read)} filas leídas, ${n(data.imported)} importadas, ${n(rejected.length)} rechazadas, ${n(data.rounded)} valores con centavos redondeados (${how}${dates}).` +
          (data.unknown_document_types ? ` ${n(data.unknown_document_types)} cuentas tienen un tipo de documento desconocido (como «${data.unknown_document_type}»): se guarda como viene y la carta dice «Señores» solo si el documento es un NIT; asígnelo en el perfil de importación.` : ""), true);
      render($("#rechazos tbody", root), html`${rejected.slice(0, 500)
        .map((r) => html`<tr><td>${r.line}</td><td>${r.field}</td><td>${r.reason}</td></tr>`)}`);
      $("#rechazos", root).hidden = rejected.length === 0;
      $("#exportar-rechazos", root).hidden = rejected.length === 0;
    } catch (err) {
      say(status, err.offline ? "Se perdió la conexión durante la carga: no se importó nada; intente de nuevo." : err.message, false);
    }
  });

  $("#deshacer-importacion", root).addEventListener("click", async () => {
    const kind = new FormData($("#importar", root)).get("kind");
    if (!["accounts", "payments", "letters", "claims", "contacts"].includes(kind)) {
      return say(status, "Solo cuentas, pagos, cartas anteriores, reclamos y gestiones de contacto se restauran.", false);
    }
    if (!(await ask("La actual queda guardada y se puede volver a ella.", { title: "¿Restaurar la importación anterior?", confirm: "Restaurar" }))) return;
    try {
      const u = await api("POST", `/api/imports/${kind}/undo`);
      say(status, `Restaurada la importación anterior (${u.restored_file || "sin archivo"}): ${n(u.restored)} filas en lugar de ${n(u.replaced)}.`, true);
      toast("Importación anterior restaurada.");
    } catch (err) {
      say(status, err.message, false);
    }
  });

  api("GET", "/api/imports/columns").then((all) => {
    const names = { accounts: "Cuentas", payments: "Pagos", letters: "Cartas anteriores", returns: "Devoluciones del courier", deliveries: "Entregas del courier",
      claims: "Reclamos", contacts: "Gestiones de contacto" };
    render($("#columnas-esperadas div", root), html`${Object.entries(all).map(([kind, cols]) => html`<p><strong>${names[kind] || kind}</strong>:
      ${cols.map((c) => html`<span class="me-2">${c.name}${c.required ? " *" : ""}</span>`)}
      <a href="/api/imports/${kind}/template" download>plantilla</a></p>`)}<p>* obligatoria. También sirven los nombres en inglés y otros
      usuales (cuenta, NIU, titular, deuda, edad de mora…); el perfil de importación del administrador añade más.</p>`);
  }).catch(() => {});

  $("#exportar-rechazos", root).addEventListener("click", () => {
    download("filas-rechazadas.csv", [csvLine(["line", "field", "reason"]), ...rejected.map((r) => csvLine([r.line, r.field, r.reason]))].join("\r\n") + "\r\n");
  });
}
