// Terreno: a zone's open address checks on a phone, one tap per outcome.
// Outcomes recorded without a connection wait in the outbox and are sent,
// in order, when the connection is back.
import { api, apiPage } from "../api.js";
import { $, $$, append, html, render } from "../dom.js";
import { n } from "../format.js";
import { Outbox } from "../outbox.js";
import { tell } from "../ui.js";

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
  p.textContent = `${list.length} resultado(s) guardados en el teléfono; se enviarán al volver la conexión.`;
}

const flush = () => { if (view?.ctx.session) outbox.flush().catch(() => {}); };
let timer = null;

export async function mount(root, ctx) {
  view = { root, ctx };
  let zone = "";
  let shown = 0;
  render(root, html`<h2>Verificación de direcciones</h2>
    <form id="zona"><label>Zona <select name="zone"></select></label><button>Ver lista</button>
      <a id="hoja-ruta" href="#" target="_blank">Hoja de ruta (PDF)</a> <a id="lista-csv" href="#" download>Lista (CSV)</a></form>
    <p id="pendientes" role="status" hidden></p>
    <ol id="casos-terreno" class="tarjetas"></ol>
    <button id="mas-terreno" hidden>Ver más</button>`);
  const list = $("#casos-terreno", root);
  const more = $("#mas-terreno", root);

  const load = async (next) => {
    $("#hoja-ruta", root).href = `/api/field/sheet?zone=${encodeURIComponent(zone)}`;
    $("#lista-csv", root).href = `/api/field/lists?zone=${encodeURIComponent(zone)}&format=csv`;
    if (!next) shown = 0;
    const waiting = new Set(outbox.items().map((p) => String(p.id)));
    const page = await apiPage(`/api/field/lists?zone=${encodeURIComponent(zone)}&offset=${shown}&limit=100`);
    shown += page.rows.length;
    const markup = html`${page.rows.filter((c) => !waiting.has(String(c.id))).map((c) => html`<li data-id="${c.id}"><strong>${c.address}</strong>
      ${c.neighborhood ? `, ${c.neighborhood}` : ""}<br>${c.holder_name} · cuenta ${c.account_id} · <em>${c.cause_label}</em>
      <div class="acciones"><button data-outcome="address_ok">Correcta</button><button data-outcome="address_wrong">Errada</button>
      <button data-outcome="demolished">Demolido</button><button data-outcome="vacant_lot">Lote</button></div>
      <input name="address" placeholder="Dirección corregida" autocomplete="off">
      <div class="acciones"><button data-outcome="address_corrected">Guardar dirección corregida</button></div></li>`)}`;
    if (next) append(list, markup);
    else render(list, page.rows.length ? markup : html`<li>No hay casos abiertos en esta zona.</li>`);
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
    const outcome = e.target.dataset.outcome;
    if (!outcome) return;
    const item = e.target.closest("li");
    const body = { outcome, address: item.querySelector("[name=address]").value.trim() };
    if (outcome === "address_corrected" && !body.address) {
      tell("Escriba la dirección corregida.");
      return;
    }
    $$("button", item).forEach((b) => { b.disabled = true; });
    try {
      await api("POST", `/api/field/cases/${item.dataset.id}/outcome`, body);
      item.remove();
      shown -= 1;
      if (!$("li", list)) render(list, html`<li>No hay casos abiertos en esta zona.</li>`);
    } catch (err) {
      if (err.offline) {
        outbox.add({ id: item.dataset.id, body });
        item.remove();
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
}

export function unmount() {
  window.removeEventListener("online", flush);
  clearInterval(timer);
  view = null;
}
