// Cuentas: why an account is in or out of each batch, and its history.
// "#cuenta/ID" opens with the account ID looked up. Analysts, admins and
// supervisors get the certificate ("Constancia") of its latest dispatched letter.
import { api, downloadPost } from "../api.js";
import { $, html, render, say } from "../dom.js";
import { date, dateTime, n, pesos } from "../format.js";

export function mount(root, ctx, param) {
  render(root, html`<h2>¿Por qué está dentro o fuera?</h2>
    <form id="buscar"><label>Cuenta <input class="form-control" name="account" required inputmode="search"></label><button class="btn btn-primary">Buscar</button></form>
    <div id="historia"></div>`);
  const form = $("#buscar", root);
  const box = $("#historia", root);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const account = new FormData(form).get("account").trim();
    try {
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
      render(box, renderAccount(ctx, found));
      const sent = found.history.events.some((ev) => ev.type === "letter" && ev.sent_on);
      if (sent && ["analyst", "admin", "supervisor"].includes(ctx.session.role)) addCertificate(box, found.explanation.account_id);
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
      <span>Titular: <b>${x.holder_name}</b></span><span>Documento: ${x.document_id}</span>
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
      ${ctx.label("sources", ev.source)}, ${ev.registered_by})${ev.observation ? ` — ${ev.observation}` : ""}${ev.scanned_page && ctx.session.role !== "field"
        && html` <a href="/api/returns/${encodeURIComponent(ev.return_id)}/image" target="_blank">ver imagen</a>`}`;
    case "case": return html`${ctx.label("case_kinds", ev.kind)} (${ctx.causeLabel(ev.cause)}): ${ev.status === "open" ? "abierto"
      : `cerrado — ${ctx.label("outcomes", ev.outcome)} por ${ev.closed_by}${ev.closed_at ? ` el ${dateTime(ev.closed_at)}` : ""}`}${ev.note ? ` — ${ev.note}` : ""}`;
    default: return html`Evento sin descripción`;
  }
}
