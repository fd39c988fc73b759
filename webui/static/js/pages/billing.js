// Facturación: open clean-ups and address updates, one decision each, with
// links to the account, the scanned letter and a message after each decision.
import { api, apiPage } from "../api.js";
import { $, append, html, render } from "../dom.js";
import { date, n } from "../format.js";
import { link } from "../router.js";
import { ask, toast } from "../ui.js";
import { entries } from "../labels.js";

export function mount(root, ctx) {
  let shown = 0;
  render(root, html`<h2>Casos en facturación</h2>
    <p class="ayuda">Saneamiento (predio demolido o lote): al confirmar, la cuenta sale de los lotes siguientes.
      Actualización de dirección: registre la dirección corregida.</p>
    <p class="d-flex flex-wrap gap-2 align-items-center"><a class="btn btn-outline-secondary btn-sm" href="/api/billing/cases?format=csv" download>Exportar casos (CSV)</a>
      <a class="btn btn-outline-secondary btn-sm" href="/api/billing/cases?format=xlsx" download>Excel</a>
      <span id="total-facturacion" class="text-body-secondary small"></span></p>
    <form id="filtro-facturacion" role="search">
      <label>Buscar <input class="form-control" name="q" type="search" placeholder="Cuenta, titular, dirección o zona" autocomplete="off"></label>
      <label>Tipo <select class="form-select" name="kind"><option value="">Todos</option>${entries("case_kinds").filter((k) => k.code !== "field_check")
        .map((k) => html`<option value="${k.code}">${k.label}</option>`)}</select></label>
      <label>Orden <select class="form-select" name="order"><option value="old">Más antiguos primero</option><option value="new">Más recientes primero</option>
        <option value="zone">Por zona</option><option value="holder">Por titular</option></select></label>
    </form>
    <p id="filtrados-facturacion" class="small text-body-secondary" role="status"></p>
    <ol id="casos-facturacion" class="tarjetas"></ol>
    <button class="btn btn-outline-primary w-100" id="mas-facturacion" hidden>Ver más</button>`);
  const list = $("#casos-facturacion", root);
  const more = $("#mas-facturacion", root);

  // Search, kind and order are the server's: the whole list, not the page shown.
  const filterForm = $("#filtro-facturacion", root);
  const query = () => {
    const f = new FormData(filterForm);
    const params = new URLSearchParams({ offset: String(shown), limit: "100" });
    if (f.get("q").trim()) params.set("q", f.get("q").trim());
    if (f.get("kind")) params.set("kind", f.get("kind"));
    const [sort, dir] = { old: ["opened", "asc"], new: ["opened", "desc"], zone: ["zone", "asc"], holder: ["holder", "asc"] }[f.get("order")];
    params.set("sort", sort);
    params.set("dir", dir);
    return params;
  };
  const load = async (next) => {
    if (!next) shown = 0;
    const page = await apiPage(`/api/billing/cases?${query()}`);
    shown += page.rows.length;
    const markup = html`${page.rows.map((c) => html`<li data-id="${c.id}" data-kind="${c.kind}" data-opened="${c.opened_at}" data-zone="${c.zone}">
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
    const f = new FormData(filterForm);
    const filtering = f.get("q").trim() || f.get("kind");
    if (next) append(list, markup);
    else render(list, page.rows.length ? markup : html`<li>${filtering ? "Ningún caso abierto coincide." : "No hay casos abiertos."}</li>`);
    $("#total-facturacion", root).textContent = `${n(page.total)} casos abiertos${filtering ? " coinciden" : ""}.`;
    $("#filtrados-facturacion", root).textContent = `${n(shown)} de ${n(page.total)} casos${filtering ? " que coinciden" : ""}.`;
    more.hidden = shown >= page.total;
    more.textContent = `Ver más (${n(shown)} de ${n(page.total)})`;
  };

  let typing = null;
  filterForm.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => load(false).catch(ctx.fail), 250);
  });
  filterForm.addEventListener("submit", (e) => e.preventDefault());

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
