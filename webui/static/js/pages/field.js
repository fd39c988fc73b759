// Terreno: a zone's open address checks on a phone, one tap per outcome,
// with a map link per address. Outcomes recorded without a connection wait
// in the outbox, stamped with the tap's time, and are sent in order when the
// connection is back.
import { api, apiPage } from "../api.js";
import { $, $$, append, html, render } from "../dom.js";
import { n } from "../format.js";
import { Outbox } from "../outbox.js";
import { ask, tell, toast } from "../ui.js";

let view = null; // {root, ctx} while the page is shown

const outbox = new Outbox({
  storage: localStorage,
  key: "cartero.pendientes",
  send: (item) => api("POST", `/api/field/cases/${item.id}/outcome`, item.body),
  onChange: (list) => showPending(list),
  onRefused: (item, err) => view?.ctx.notify(`El caso ${item.id} no se pudo registrar: ${err.message}`, false),
});

function showPending(list) {
  const p = view && $("#pendientes", view.root);
  if (!p) return;
  p.hidden = list.length === 0;
  p.textContent = `Pendiente de envío (${list.length}): se enviará al volver la conexión.`;
}

const flush = () => { if (view?.ctx.session) outbox.flush().catch(() => {}); };
let timer = null;

// A search of the address in a maps app (opens the phone's maps).
const mapLink = (c) => `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent([c.address, c.neighborhood, "Colombia"].filter(Boolean).join(", "))}`;

// Outcomes that take the account out of the next batches ask first.
const WEIGHTY = { demolished: "Predio demolido", vacant_lot: "Lote" };

export async function mount(root, ctx) {
  view = { root, ctx };
  let zone = "";
  let shown = 0;
  render(root, html`<h2>Verificación de direcciones</h2>
    <form id="zona"><label>Zona <select class="form-select" name="zone"></select></label><button class="btn btn-primary">Ver lista</button>
      <a class="btn btn-outline-secondary" id="hoja-ruta" href="#" target="_blank">Hoja de ruta (PDF)</a>
      <a class="btn btn-outline-secondary" id="lista-csv" href="#" download>Lista (CSV)</a></form>
    <p id="guardado" class="text-success fw-semibold" role="status" hidden>Guardado ✓</p>
    <p id="pendientes" class="alert alert-warning py-2" role="status" hidden></p>
    <p id="total-terreno" class="text-body-secondary small"></p>
    <ol id="casos-terreno" class="tarjetas"></ol>
    <button class="btn btn-outline-primary w-100" id="mas-terreno" hidden>Ver más</button>`);
  const list = $("#casos-terreno", root);
  const more = $("#mas-terreno", root);

  const load = async (next) => {
    $("#hoja-ruta", root).href = `/api/field/sheet?zone=${encodeURIComponent(zone)}`;
    $("#lista-csv", root).href = `/api/field/lists?zone=${encodeURIComponent(zone)}&format=csv`;
    if (!next) shown = 0;
    const waiting = new Set(outbox.items().map((p) => String(p.id)));
    const page = await apiPage(`/api/field/lists?zone=${encodeURIComponent(zone)}&offset=${shown}&limit=100`);
    shown += page.rows.length;
    const markup = html`${page.rows.filter((c) => !waiting.has(String(c.id))).map((c) => html`<li data-id="${c.id}">
      <div class="d-flex justify-content-between gap-2"><strong>${c.address}${c.neighborhood ? `, ${c.neighborhood}` : ""}</strong>
        <a class="btn btn-sm btn-outline-secondary flex-shrink-0" href="${mapLink(c)}" target="_blank" rel="noopener">Mapa</a></div>
      ${c.holder_name} · cuenta ${c.account_id} · <em>${c.cause_label}</em>
      <div class="acciones"><button class="btn btn-outline-success" data-outcome="address_ok">Correcta</button>
      <button class="btn btn-outline-danger" data-outcome="address_wrong">Errada</button>
      <button class="btn btn-outline-secondary" data-outcome="demolished">Demolido</button><button class="btn btn-outline-secondary" data-outcome="vacant_lot">Lote</button></div>
      <input class="form-control" name="address" placeholder="Dirección corregida" autocomplete="off" aria-label="Dirección corregida de ${c.address}">
      <div class="acciones"><button class="btn btn-primary" data-outcome="address_corrected">Guardar dirección corregida</button></div></li>`)}`;
    if (next) append(list, markup);
    else render(list, page.rows.length ? markup : html`<li>No hay casos abiertos en esta zona.</li>`);
    $("#total-terreno", root).textContent = `${n(page.total)} casos abiertos en la zona ${zone}.`;
    more.hidden = shown >= page.total;
    more.textContent = `Ver más (${n(shown)} de ${n(page.total)})`;
  };

  more.addEventListener("click", () => load(true).catch(ctx.fail));
  $("#zona", root).addEventListener("submit", (e) => {
    e.preventDefault();
    zone = new FormData(e.target).get("zone");
    load(false).catch(ctx.fail);
  });

  list.addEventListener("click", async (e) => {
    const button = e.target.closest("button[data-outcome]");
    if (!button) return;
    const outcome = button.dataset.outcome;
    const item = button.closest("li");
    // The visit is when the tap happened, whenever it reaches the server.
    const body = { outcome, address: item.querySelector("[name=address]").value.trim(), visited_at: new Date().toISOString() };
    if (outcome === "address_corrected" && !body.address) {
      tell("Escriba la dirección corregida.");
      return;
    }
    if (WEIGHTY[outcome] && !(await ask(`¿Registrar «${WEIGHTY[outcome]}» para ${item.querySelector("strong").textContent}? La cuenta pasará a facturación para saneamiento.`,
      { title: "Confirmar resultado", confirm: "Registrar" }))) return;
    $$("button", item).forEach((b) => { b.disabled = true; });
    const saved = $("#guardado", root);
    try {
      await api("POST", `/api/field/cases/${item.dataset.id}/outcome`, body);
      item.remove();
      shown -= 1;
      saved.hidden = false;
      toast("Guardado ✓");
      if (!$("li", list)) render(list, html`<li>No hay casos abiertos en esta zona.</li>`);
    } catch (err) {
      if (err.offline) {
        outbox.add({ id: item.dataset.id, body });
        item.remove();
        saved.hidden = true;
      } else {
        tell(err.message);
        $$("button", item).forEach((b) => { b.disabled = false; });
      }
    }
  });

  window.addEventListener("online", flush);
  timer = setInterval(() => { if (outbox.items().length) flush(); }, 15000);
  showPending(outbox.items());
  flush();

  const select = $("#zona select", root);
  const zones = ctx.session.role === "field" ? ctx.session.zones.map((z) => ({ zone: z, open_field_cases: null }))
    : (await api("GET", "/api/zones")).sort((a, b) => b.open_field_cases - a.open_field_cases);
  render(select, html`${zones.map((z) => html`<option value="${z.zone}">${z.zone}${z.open_field_cases === null ? "" : ` (${n(z.open_field_cases)} abiertos)`}</option>`)}`);
  // The lists of every assigned zone are read once now, so the phone keeps
  // them (sw.js) for when there is no signal.
  if (ctx.session.role === "field" && navigator.onLine) {
    for (const z of zones) fetch(`/api/field/lists?zone=${encodeURIComponent(z.zone)}&offset=0&limit=100`).catch(() => {});
  }
  // One zone: its list at once.
  if (zones.length === 1) {
    zone = zones[0].zone;
    await load(false);
  }
}

export function unmount() {
  window.removeEventListener("online", flush);
  clearInterval(timer);
  view = null;
}
