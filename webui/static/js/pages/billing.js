// Facturación: open clean-ups and address updates, one decision each, with
// links to the account, the scanned letter and a message after each decision.
import { api, apiPage } from "../api.js";
import { $, append, html, render } from "../dom.js";
import { date, n } from "../format.js";
import { link } from "../router.js";
import { ask, toast } from "../ui.js";

export function mount(root, ctx) {
  let shown = 0;
  render(root, html`<h2>Casos en facturación</h2>
    <p class="ayuda">Saneamiento (predio demolido o lote): al confirmar, la cuenta sale de los lotes siguientes.
      Actualización de dirección: registre la dirección corregida.</p>
    <p class="d-flex flex-wrap gap-2 align-items-center"><a class="btn btn-outline-secondary btn-sm" href="/api/billing/cases?format=csv" download>Exportar casos (CSV)</a>
      <span id="total-facturacion" class="text-body-secondary small"></span></p>
    <ol id="casos-facturacion" class="tarjetas"></ol>
    <button class="btn btn-outline-primary w-100" id="mas-facturacion" hidden>Ver más</button>`);
  const list = $("#casos-facturacion", root);
  const more = $("#mas-facturacion", root);

  const load = async (next) => {
    if (!next) shown = 0;
    const page = await apiPage(`/api/billing/cases?offset=${shown}&limit=100`);
    shown += page.rows.length;
    const markup = html`${page.rows.map((c) => html`<li data-id="${c.id}" data-kind="${c.kind}">
      <div class="d-flex flex-wrap justify-content-between gap-1"><strong>${ctx.label("case_kinds", c.kind)} · ${c.cause_label}</strong>
        <span class="small text-body-secondary">abierto el ${date(c.opened_at)}</span></div>
      <div class="small">Cuenta <a href="${link("cuenta", c.account_id)}">${c.account_id}</a> — ${c.holder_name}, ${c.address} (zona ${c.zone}) ·
        carta ${c.letter_id}${c.return_id ? html` · <a href="/api/returns/${c.return_id}/image" target="_blank" rel="noopener">ver carta escaneada</a>` : ""}
        · <a href="${link("cuenta", c.account_id)}">hallazgo de terreno e historia</a></div>
      <input class="form-control form-control-sm" name="text" aria-label="${c.kind === "address_update" ? "Dirección corregida" : "Motivo del rechazo"}"
        placeholder="${c.kind === "address_update" ? "Dirección corregida" : "Motivo (obligatorio para rechazar)"}">
      <div class="acciones"><button class="btn btn-primary btn-sm" data-decision="${c.kind === "address_update" ? "done" : "confirmed"}">
        ${c.kind === "address_update" ? "Dirección actualizada" : "Confirmar saneamiento"}</button>
      <button class="btn btn-outline-danger btn-sm" data-decision="rejected">Rechazar</button></div></li>`)}`;
    if (next) append(list, markup);
    else render(list, page.rows.length ? markup : html`<li>No hay casos abiertos.</li>`);
    $("#total-facturacion", root).textContent = `${n(page.total)} casos abiertos.`;
    more.hidden = shown >= page.total;
    more.textContent = `Ver más (${n(shown)} de ${n(page.total)})`;
  };

  more.addEventListener("click", () => load(true).catch(ctx.fail));
  list.addEventListener("click", async (e) => {
    const button = e.target.closest("button[data-decision]");
    if (!button) return;
    const decision = button.dataset.decision;
    const item = button.closest("li");
    const text = item.querySelector("[name=text]").value.trim();
    if (decision === "confirmed" && !(await ask("La cuenta quedará marcada para saneamiento y saldrá de los próximos lotes.",
      { title: "¿Confirmar el saneamiento?", confirm: "Confirmar" }))) return;
    try {
      await api("POST", `/api/billing/cases/${item.dataset.id}/decision`, { decision, reason: text, address: text });
      item.remove();
      shown -= 1; // the closed case leaves the list: the next page starts one earlier
      toast(`Caso ${item.dataset.id}: ${ctx.label("outcomes", decision).toLowerCase()}.`);
      if (!$("li", list)) await load(false);
    } catch (err) {
      ctx.fail(err);
    }
  });
  return load(false);
}
