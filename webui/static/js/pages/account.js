// Cuentas: why an account is in or out of each batch, and its history.
// "#cuenta/ID" opens with the account ID looked up. The search box finds
// accounts by number in any punctuation, holder, document or address.
// Analysts, admins and supervisors get the certificate ("Constancia") of
// its latest dispatched letter.
import { api, apiPage, downloadPost } from "../api.js";
import { link } from "../router.js";
import { askForm, toast } from "../ui.js";
import { $, append, html, render, say } from "../dom.js";
import { date, dateTime, n, pesos } from "../format.js";

export function mount(root, ctx, param) {
  render(root, html`<h2>¿Por qué está dentro o fuera?</h2>
    <form id="buscar" role="search"><label>Cuenta, titular, documento o dirección <input class="form-control" name="account" required type="search"
      placeholder="100.000.007, ibáñez, 52123456, cl 45 12-30" autocomplete="off"></label><button class="btn btn-primary">Buscar</button></form>
    <div id="coincidencias"></div>
    <div id="historia"></div>`);
  const form = $("#buscar", root);
  const box = $("#historia", root);
  const matchesBox = $("#coincidencias", root);
  let current = "";
  // The account's page: why in or out, its history, and its Constancia for
  // those who file it once a letter went out.
  const show = (found) => {
    render(box, renderAccount(ctx, found));
    const sent = found.history.events.some((ev) => ev.type === "letter" && ev.sent_on);
    if (sent && ["analyst", "admin", "supervisor"].includes(ctx.session.role)) addCertificate(box, found.explanation.account_id);
  };
  const open = async (account) => {
    current = account;
    show(await api("GET", `/api/accounts/${encodeURIComponent(account)}`));
  };
  // A closed case reopened from the account's history (billing, analyst, admin).
  box.addEventListener("click", async (e) => {
    const button = e.target.closest("button[data-reopen]");
    if (!button) return;
    const id = button.dataset.reopen;
    const answer = await askForm({ title: `Reabrir el caso ${id}`, confirm: "Reabrir caso",
      body: html`<p>El caso vuelve a su lista (terreno o facturación) y su resultado se borra; lo que registró sobre la cuenta (dirección,
        confirmación, saneamiento) vuelve a como estaba, y el caso que abrió se retira si sigue abierto.</p><label class="form-label" for="reabrir-motivo">Motivo</label>
        <textarea class="form-control" id="reabrir-motivo" name="reason" rows="2" required></textarea>` });
    if (!answer) return;
    try {
      const r = await api("POST", `/api/cases/${id}/reopen`, { reason: answer.get("reason").trim() });
      toast(`Caso ${id} reabierto${r.facts_restored ? "; lo que registró sobre la cuenta se deshizo" : ""}${r.facts_kept
        ? "; lo que registró sobre la cuenta se conserva porque se registró algo después" : ""}${r.follow_up_withdrawn ? `; se retiró el caso ${r.follow_up_withdrawn}` : ""}.`);
      await open(current);
    } catch (err) {
      ctx.fail(err);
    }
  });
  // Several accounts match: a page of them, sorted by the server when a
  // header is clicked, "Ver más" for the next.
  let sort = null;
  const matchRows = (rows) => html`${rows.map((a) => html`<tr data-account="${a.account_id}"><td><a href="${link("cuenta", a.account_id)}">${a.account_id}</a></td>
    <td>${a.holder_name}</td><td>${a.document_id}</td><td>${a.address}</td><td>${a.zone}</td><td>${pesos(a.balance)}</td></tr>`)}`;
  const counted = (shown, total) => `${n(total)} cuentas coinciden${total > shown ? ` (se muestran ${n(shown)})` : ""}.`;
  const fetchMatches = (query, offset) => apiPage(`/api/accounts?q=${encodeURIComponent(query)}&limit=50&offset=${offset}${
    sort ? `&sort=${sort.key}&dir=${sort.dir}` : ""}`);
  const showMatches = (query, page) => {
    sort = null;
    render(matchesBox, html`<p role="status" id="total-coincidencias">${counted(page.rows.length, page.total)}</p>
      <table class="table table-sm table-hover align-middle" id="tabla-coincidencias" data-server-sort><thead><tr><th data-sort="account">Cuenta</th>
      <th data-sort="holder">Titular</th><th>Documento</th><th>Dirección</th><th data-sort="zone">Zona</th><th data-sort="balance">Saldo</th></tr></thead>
      <tbody>${matchRows(page.rows)}</tbody></table>
      <button class="btn btn-outline-primary" id="mas-coincidencias" ${page.total > page.rows.length ? "" : html`hidden`}>Ver más</button>`);
    const table = $("#tabla-coincidencias", matchesBox);
    const more = $("#mas-coincidencias", matchesBox);
    const load = async (next) => {
      const shown = next ? table.tBodies[0].rows.length : 0;
      const p = await fetchMatches(query, shown);
      if (next) append(table.tBodies[0], matchRows(p.rows));
      else render(table.tBodies[0], matchRows(p.rows));
      const now = table.tBodies[0].rows.length;
      $("#total-coincidencias", matchesBox).textContent = counted(now, p.total);
      more.hidden = now >= p.total;
    };
    table.addEventListener("ordenar", (e) => { sort = e.detail; load(false).catch(ctx.fail); });
    more.addEventListener("click", () => load(true).catch(ctx.fail));
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const account = new FormData(form).get("account").trim();
    render(matchesBox, html``);
    try {
      // Several accounts match: a list to choose from; one: it opens.
      const page = await apiPage(`/api/accounts?q=${encodeURIComponent(account)}&limit=50`).catch((err) => {
        if (err.status === 403) return null;
        throw err;
      });
      // The number typed in any punctuation: that account, whatever else contains it.
      const bare = (text) => text.normalize("NFD").replace(/[^0-9A-Za-z]/g, "").toLowerCase();
      if (page && page.rows.length && bare(page.rows[0].account_id) === bare(account)) {
        await open(page.rows[0].account_id);
        return;
      }
      if (page && page.total > 1) {
        render(box, html``);
        showMatches(account, page);
        return;
      }
      if (page && page.total === 1) {
        await open(page.rows[0].account_id);
        return;
      }
      let found;
      try {
        found = await api("GET", `/api/accounts/${encodeURIComponent(account)}`);
      } catch (err) {
        // "100.000.007" or "100 000 007": the number without its punctuation.
        const bare = account.replace(/[\s.,-]/g, "");
        if (err.status !== 404 || bare === account || !bare) throw err;
        found = await api("GET", `/api/accounts/${encodeURIComponent(bare)}`);
        form.elements.account.value = bare;
      }
      current = form.elements.account.value.trim();
      show(found);
    } catch (err) {
      render(box, html`<p class="error">${err.message}</p>`);
    }
  });
  if (param) {
    form.elements.account.value = param;
    form.requestSubmit();
  }
}

// "Constancia": the PDF a lawyer can file for the account's latest dispatched letter.
function addCertificate(box, account) {
  const line = document.createElement("p");
  render(line, html`<button type="button" class="btn btn-sm btn-outline-primary" id="constancia">Constancia de envío (PDF)</button>
    <span id="estado-constancia" role="status" class="ms-2"></span>`);
  $("h3", box).after(line);
  const button = $("#constancia", line);
  button.addEventListener("click", async () => {
    const status = $("#estado-constancia", line);
    button.disabled = true;
    say(status, "Generando la constancia…");
    try {
      say(status, `Constancia descargada: ${await downloadPost(`/api/accounts/${encodeURIComponent(account)}/certificate`)}.`, true);
    } catch (err) {
      say(status, err.message, false);
    } finally {
      button.disabled = false;
    }
  });
}

function renderAccount(ctx, { explanation: x, history: h }) {
  const facts = [x.fact_sanitation && `Saneamiento confirmado por facturación: ${ctx.label("sanitation", x.fact_sanitation)}`,
    x.fact_address && `Dirección corregida: ${x.fact_address}`].filter(Boolean);
  const card = x.in_portfolio ? html`<div class="ficha">
      <span>Titular: <b>${x.holder_name}</b> (${x.holder_is_business ? "empresa: la carta dice «Señores»" : "persona: la carta dice «Señor(a)»"})</span>
      <span>Tipo de documento: ${x.document_type_label || "(no informado)"}</span><span>Documento: ${x.document_id}</span>
      <span>Dirección: ${x.address || "(vacía)"} (${x.address_source_label}; ${x.address_verdict_label})</span><span>Barrio: ${x.neighborhood}</span>
      <span>Zona: ${x.zone}</span><span>Uso: ${ctx.label("use_types", x.use_type)}</span><span>Facturación: ${ctx.label("billing_types", x.billing_type)}</span>
      <span>Saldo: ${pesos(x.balance)}</span><span>Días de mora: ${n(x.days_past_due)}</span>
      <span>Cobro jurídico: ${x.legal_collection ? "sí" : "no"}</span><span>Saneamiento: ${x.sanitation ? ctx.label("sanitation", x.sanitation) : "ninguno"}</span></div>`
    : html`<p>La cuenta ${x.account_id} no está en la cartera importada hoy.</p>`;
  const batches = x.batches.filter((b) => b.in_portfolio).map((b) => html`<tr><td>${b.batch}</td><td>${date(b.cutoff)}</td><td>${ctx.label("batch_statuses", b.status)}</td>
      <td>${b.selected ? html`<span class="dentro">Seleccionada (puesto ${n(b.rank)})</span>`
        : html`<span class="fuera">Fuera:</span> ${b.reasons.map((r, i) => html`${i ? "; " : ""}${r.label || ctx.label("reasons", r.code)}`)}`}</td></tr>`);
  const events = h.events.map((ev) => html`<li><b>${date(ev.date)}</b> ${eventText(ctx, ev)}</li>`);
  return html`<h3>Cuenta ${x.account_id}</h3>${card}${facts.length ? html`<p>${facts.map((f, i) => html`${i ? html`<br>` : ""}${f}`)}</p>` : ""}
    <h4>En cada lote</h4>${batches.length ? html`<table class="table table-sm table-hover align-middle"><thead><tr><th>Lote</th><th>Corte</th><th>Estado</th><th>Resultado</th></tr></thead><tbody>${batches}</tbody></table>`
      : html`<p>No estuvo en ningún lote.</p>`}
    <h4>Historia</h4><ol class="linea-tiempo">${events.length ? events : html`<li>Sin cartas, devoluciones ni casos.</li>`}</ol>`;
}

function eventText(ctx, ev) {
  switch (ev.type) {
    case "letter": return html`Carta ${ev.letter_id} del lote ${ev.batch} por ${pesos(ev.balance)}${ev.sent_on ? `, enviada el ${date(ev.sent_on)}` : ", sin despachar"}`;
    case "prior_letter": return html`Carta enviada antes de Cartero`;
    case "delivered": return html`Carta ${ev.letter_id} entregada`;
    case "returned": return html`Carta ${ev.letter_id} devuelta: <b>${ctx.causeLabel(ev.cause)}</b> (registro n.º ${ev.return_id},
      ${ctx.label("sources", ev.source)}, ${ev.registered_by})${ev.observation ? ` — ${ev.observation}` : ""}${ev.voided_at
        ? html` <span class="badge text-bg-secondary">Anulada</span> ${ev.void_reason} (${ev.voided_by}, ${dateTime(ev.voided_at)})` : ""}${ev.scanned_page && ctx.session.role !== "field"
        && html` <a href="/api/returns/${encodeURIComponent(ev.return_id)}/image" target="_blank">ver imagen</a>`}`;
    case "case": return html`${ctx.label("case_kinds", ev.kind)} (${ctx.causeLabel(ev.cause)}): ${ev.status === "open" ? "abierto"
      : `cerrado — ${ctx.label("outcomes", ev.outcome)} por ${ev.closed_by}${ev.closed_at ? ` el ${dateTime(ev.closed_at)}` : ""}`}${ev.note ? ` — ${ev.note}` : ""}${
      ev.status === "closed" && !["return_voided", "withdrawn"].includes(ev.outcome) && ["billing", "analyst", "admin"].includes(ctx.session.role) && ev.case_id
        ? html` <button class="btn btn-sm btn-outline-secondary" data-reopen="${ev.case_id}">Reabrir</button>` : ""}`;
    default: return html`Evento sin descripción`;
  }
}
