// Facturación: open clean-ups and address updates, one decision each.
import { api, apiPage } from "../api.js";
import { $, append, html, render } from "../dom.js";
import { n } from "../format.js";
import { CASE_KINDS, label } from "../labels.js";
import { link } from "../router.js";
import { ask } from "../ui.js";

export function mount(root, ctx) {
  let shown = 0;
  render(root, html`<h2>Casos en facturación</h2>
    <p>Saneamiento (predio demolido o lote): al confirmar, la cuenta sale de los lotes siguientes.
      Actualización de dirección: registre la dirección corregida.</p>
    <p><a href="/api/billing/cases?format=csv" download>Exportar casos (CSV)</a></p>
    <ol id="casos-facturacion" class="tarjetas"></ol>
    <button id="mas-facturacion" hidden>Ver más</button>`);
  const list = $("#casos-facturacion", root);
  const more = $("#mas-facturacion", root);

  const load = async (next) => {
    if (!next) shown = 0;
    const page = await apiPage(`/api/billing/cases?offset=${shown}&limit=100`);
    shown += page.rows.length;
    const markup = html`${page.rows.map((c) => html`<li data-id="${c.id}" data-kind="${c.kind}">
      <strong>${label(CASE_KINDS, c.kind)}</strong> · ${c.cause_label} · abierto ${(c.opened_at || "").slice(0, 10)}<br>
      Cuenta <a href="${link("cuenta", c.account_id)}">${c.account_id}</a> — ${c.holder_name},
      ${c.address} (zona ${c.zone}, carta ${c.letter_id})
      <input name="text" placeholder="${c.kind === "address_update" ? "Dirección corregida" : "Motivo (obligatorio para rechazar)"}">
      <div class="acciones"><button data-decision="${c.kind === "address_update" ? "done" : "confirmed"}">
        ${c.kind === "address_update" ? "Dirección actualizada" : "Confirmar saneamiento"}</button>
      <button data-decision="rejected">Rechazar</button></div></li>`)}`;
    if (next) append(list, markup);
    else render(list, page.rows.length ? markup : html`<li>No hay casos abiertos.</li>`);
    more.hidden = shown >= page.total;
    more.textContent = `Ver más (${n(shown)} de ${n(page.total)})`;
  };

  more.addEventListener("click", () => load(true).catch(ctx.fail));
  list.addEventListener("click", async (e) => {
    const decision = e.target.dataset.decision;
    if (!decision) return;
    const item = e.target.closest("li");
    const text = item.querySelector("[name=text]").value.trim();
    if (decision === "confirmed" && !(await ask("¿Confirmar? La cuenta quedará marcada para saneamiento y saldrá de los próximos lotes."))) return;
    try {
      await api("POST", `/api/billing/cases/${item.dataset.id}/decision`, { decision, reason: text, address: text });
      item.remove();
      shown -= 1; // the closed case leaves the list: the next page starts one earlier
      if (!$("li", list)) await load(false);
    } catch (err) {
      ctx.fail(err);
    }
  });
  return load(false);
}
