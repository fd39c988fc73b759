// Cartera: the portfolio export uploaded with a progress bar, and the rows
// refused with their line, field and reason.
import { upload } from "../api.js";
import { $, html, render, say } from "../dom.js";
import { csvLine, download } from "../csv.js";
import { n } from "../format.js";

export function mount(root) {
  let rejected = [];
  render(root, html`<h2>Cargar la cartera</h2>
    <p>Exportación del sistema comercial en CSV (UTF-8 o Windows-1252; separador coma, punto y coma o tabulador).
      Las cuentas reemplazan la foto anterior; lo registrado por facturación y terreno se conserva.</p>
    <form id="importar">
      <label>Archivo <select class="form-select" name="kind"><option value="accounts">cuentas</option><option value="payments">pagos</option>
        <option value="letters">cartas anteriores</option></select></label>
      <label>CSV <input class="form-control" name="file" type="file" accept=".csv,.txt" required></label>
      <button class="btn btn-primary">Importar</button>
    </form>
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
    const body = new FormData();
    body.append("file", form.get("file"));
    try {
      const data = await upload(`/api/imports/${form.get("kind")}`, body, (loaded, total) => {
        bar.value = (100 * loaded) / total;
        if (loaded === total) say(status, "Archivo recibido; importando…");
      });
      rejected = data.rejected;
      say(status, `${n(data.read)} filas leídas, ${n(data.imported)} importadas, ${n(rejected.length)} rechazadas ` +
        `(${data.encoding}, separador "${data.delimiter === "\t" ? "tabulador" : data.delimiter}").`, true);
      render($("#rechazos tbody", root), html`${rejected.slice(0, 500)
        .map((r) => html`<tr><td>${r.line}</td><td>${r.field}</td><td>${r.reason}</td></tr>`)}`);
      $("#rechazos", root).hidden = rejected.length === 0;
      $("#exportar-rechazos", root).hidden = rejected.length === 0;
    } catch (err) {
      say(status, err.offline ? "Se perdió la conexión durante la carga: no se importó nada; intente de nuevo." : err.message, false);
    }
  });

  $("#exportar-rechazos", root).addEventListener("click", () => {
    download("filas-rechazadas.csv", [csvLine(["line", "field", "reason"]), ...rejected.map((r) => csvLine([r.line, r.field, r.reason]))].join("\r\n") + "\r\n");
  });
}
