// Ajustes: the selection rules and the returns' routing, courier names and
// deadlines (the admin's).
import { api } from "../api.js";
import { $, html, render, say } from "../dom.js";
import { entries } from "../labels.js";
import { toast } from "../ui.js";
import { fillRules, readRules, ruleChecks, ruleFields } from "../rules.js";

export async function mount(root, ctx) {
  render(root, html`<h2>Reglas de selección</h2>
    <form id="ajustes-seleccion" class="reglas">
      ${ruleFields("Mora mínima (días)")}
      <label>Cupo por lote <input class="form-control" name="max_letters" type="number" min="1" placeholder="sin cupo"></label>
      ${ruleChecks}
      <button class="btn btn-primary">Guardar reglas</button>
    </form>
    <p id="estado-ajustes-seleccion" role="status"></p>
    <h2>Devoluciones</h2>
    <form id="ajustes-devoluciones">
      <table class="table table-sm table-hover align-middle" id="ruteo"><thead><tr><th>Causal</th><th>Se envía a</th><th>Cuenta como notificada</th></tr></thead><tbody></tbody></table>
      <label class="ancho">Nombres de causal del mensajero (uno por línea: NOMBRE = causal de Cartero)
        <textarea class="form-control" name="courier_causes" rows="5" placeholder="DEVUELTO POR PORTERIA = Rehusado"></textarea></label>
      <label>Plazo de terreno (días) <input class="form-control" name="field_deadline_days" type="number" min="1" required></label>
      <label>Plazo de facturación (días) <input class="form-control" name="billing_deadline_days" type="number" min="1" required></label>
      <button class="btn btn-primary">Guardar ajustes de devoluciones</button>
    </form>
    <p id="estado-ajustes-devoluciones" role="status"></p>`);
  const selection = $("#ajustes-seleccion", root);
  const returns = $("#ajustes-devoluciones", root);

  selection.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api("PUT", "/api/settings/selection", readRules(selection));
      say($("#estado-ajustes-seleccion", root), "Reglas guardadas: los próximos lotes las usan.", true);
      toast("Reglas de selección guardadas.");
    } catch (err) {
      say($("#estado-ajustes-seleccion", root), err.message, false);
    }
  });

  returns.addEventListener("submit", async (e) => {
    e.preventDefault();
    const status = $("#estado-ajustes-devoluciones", root);
    const f = returns.elements;
    const body = { routing: {}, courier_causes: {}, notified_causes: [],
      field_deadline_days: Number(f.field_deadline_days.value), billing_deadline_days: Number(f.billing_deadline_days.value) };
    for (const c of ctx.causes) {
      body.routing[c.code] = f[`route_${c.code}`].value;
      if (f[`notified_${c.code}`].checked) body.notified_causes.push(c.code);
    }
    for (const line of f.courier_causes.value.split("\n")) {
      if (!line.trim()) continue;
      const at = line.lastIndexOf("=");
      if (at < 0) { say(status, `Falta "= causal" en: ${line}`, false); return; }
      // The cause by its label ("Rehusado") or its code.
      const said = line.slice(at + 1).trim();
      const cause = ctx.causes.find((c) => c.label.toLowerCase() === said.toLowerCase());
      body.courier_causes[line.slice(0, at).trim()] = cause ? cause.code : said;
    }
    try {
      await api("PUT", "/api/settings/returns", body);
      say(status, "Ajustes de devoluciones guardados.", true);
      toast("Ajustes de devoluciones guardados.");
    } catch (err) {
      say(status, err.message, false);
    }
  });

  const s = await api("GET", "/api/settings");
  fillRules(selection, s.selection);
  const r = s.returns;
  render($("#ruteo tbody", root), html`${ctx.causes.map((c) => html`<tr><td>${c.label}</td>
    <td><select class="form-select" name="route_${c.code}" aria-label="${c.label}: se envía a">${entries("routes").map((o) =>
      html`<option value="${o.code}" ${r.routing[c.code] === o.code ? html`selected` : ""}>${o.label}</option>`)}</select></td>
    <td><input class="form-check-input" type="checkbox" name="notified_${c.code}" aria-label="${c.label}: cuenta como notificada" ${r.notified_causes.includes(c.code) ? html`checked` : ""}></td></tr>`)}`);
  returns.elements.courier_causes.value = Object.entries(r.courier_causes).map(([name, code]) => `${name} = ${ctx.causeLabel(code)}`).join("\n");
  returns.elements.field_deadline_days.value = r.field_deadline_days;
  returns.elements.billing_deadline_days.value = r.billing_deadline_days;
}
