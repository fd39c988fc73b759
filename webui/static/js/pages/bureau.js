// Centrales de riesgo: the accounts whose prior notice has run (Ley 1266
// art. 12, as amended by Ley 2157 de 2021) as of a date, unpaid since the
// notice, not disputed, not held out as control, each with its evidence
// (letters, guías, dates and what became of each letter); downloads. And the
// small debts noticed on one day only, which need a second notice on another
// day before they may be reported: an analyst selects them into a batch.
import { api } from "../api.js";
import { $, html, render, say } from "../dom.js";
import { toast } from "../ui.js";
import { date, n, pesos, todayIso } from "../format.js";

export async function mount(root, ctx) {
  render(root, html`<h2>Reporte a centrales de riesgo</h2>
    <p class="small">Cuentas cuyo aviso previo ya cumplió el plazo y que no han pagado ni reclamado desde el aviso.
      Revise el texto con los abogados antes de reportar.</p>
    <form id="buro-fecha" class="mb-2"><label>A la fecha <input class="form-control" name="as_of" type="date" required></label>
      <button class="btn btn-primary">Ver</button></form>
    <p id="estado-buro" role="status"></p>
    <p id="descargas-buro"></p>
    <table id="tabla-buro" class="table table-sm table-hover align-middle"><thead><tr><th>Cuenta</th><th class="num">Saldo avisado</th>
      <th>Avisos</th><th>Evidencia</th><th>Reportable desde</th></tr></thead><tbody></tbody></table>
    <h3 class="h5 mt-4">Necesitan un segundo aviso</h3>
    <p class="small">Deudas pequeñas (hasta un porcentaje del salario mínimo) avisadas un solo día: la ley pide un segundo aviso
      en otro día, y el plazo corre desde ese segundo aviso. Aún no son reportables.</p>
    <p id="estado-segundo" role="status"></p>
    <table id="tabla-segundo" class="table table-sm table-hover align-middle"><thead><tr><th>Cuenta</th><th class="num">Saldo avisado</th>
      <th>Primer aviso</th></tr></thead><tbody></tbody></table>`);
  const works = ctx.session.role === "admin" || ctx.session.role === "analyst";  // may select a batch
  const form = $("#buro-fecha", root);
  const status = $("#estado-buro", root);
  const outcome = (l) => {
    if (l.outcome === "delivered") return `entregada${l.outcome_on ? ` el ${date(l.outcome_on)}` : ""}`;
    if (l.outcome === "returned") return `devuelta${l.outcome_on ? ` el ${date(l.outcome_on)}` : ""}: ${ctx.causeLabel(l.cause)}`;
    return "sin noticia del courier";
  };
  const show = async (asOf) => {
    say(status, "Calculando…");
    const r = await api("GET", `/api/reports/bureau?as_of=${encodeURIComponent(asOf)}`);
    say(status, `${n(r.total)} cuentas reportables al ${date(r.as_of)} (aviso previo de ${n(r.notice_days)} días)${r.total > r.accounts.length
      ? `; se muestran las primeras ${n(r.accounts.length)}, todas en la descarga` : ""}.`, true);
    const base = `/api/reports/bureau?as_of=${encodeURIComponent(asOf)}&format=`;
    render($("#descargas-buro", root), html`Descargar: <a class="btn btn-sm btn-outline-secondary" href="${base}xlsx" download>Excel</a>
      <a class="btn btn-sm btn-outline-secondary" href="${base}csv" download>CSV</a>`);
    render($("#tabla-buro tbody", root), r.accounts.length ? html`${r.accounts.map((a) => html`<tr>
      <td><a href="#cuenta/${encodeURIComponent(a.account_id)}">${a.account_id}</a></td><td class="num">${pesos(a.balance)}</td>
      <td>${a.small_debt ? "Dos (deuda pequeña)" : "Uno"}</td>
      <td>${a.letters.map((l, i) => html`${i ? html`<br>` : ""}Carta ${l.letter_id}${l.guia ? `, guía ${l.guia}` : ""}, enviada el ${date(l.sent_on)}, ${outcome(l)}`)}</td>
      <td>${date(a.reportable_from)}</td></tr>`)}`
      : html`<tr><td colspan="5">Ninguna cuenta es reportable a esa fecha.</td></tr>`);
    const second = r.second_notice;
    render($("#estado-segundo", root), html`${n(second.total)} cuentas necesitan un segundo aviso al ${date(r.as_of)} (deudas de hasta el ${n(second.small_debt_percent)} % del salario mínimo)${second.total > second.accounts.length
      ? `; se muestran las primeras ${n(second.accounts.length)}, todas en la descarga` : ""}.
      ${works && second.total ? html`<button id="seleccionar-segundo" class="btn btn-sm btn-primary ms-2">Seleccionar en un lote de segundos avisos</button>` : ""}`);
    render($("#tabla-segundo tbody", root), second.accounts.length ? html`${second.accounts.map((a) => html`<tr>
      <td><a href="#cuenta/${encodeURIComponent(a.account_id)}">${a.account_id}</a></td><td class="num">${pesos(a.balance)}</td>
      <td>${a.letters.map((l, i) => html`${i ? html`<br>` : ""}Carta ${l.letter_id}${l.guia ? `, guía ${l.guia}` : ""}, enviada el ${date(l.sent_on)}, ${outcome(l)}`)}</td></tr>`)}`
      : html`<tr><td colspan="3">Ninguna cuenta necesita un segundo aviso a esa fecha.</td></tr>`);
    $("#seleccionar-segundo", root)?.addEventListener("click", async () => {
      try {
        const b = await api("POST", "/api/batches", { cutoff: r.as_of, second_notices: true });
        say($("#estado-segundo", root), `Lote ${b.batch} de segundos avisos guardado como borrador: ${n(b.funnel.selected)} cartas.`, true);
        toast(`Lote ${b.batch} de segundos avisos guardado como borrador.`);
        location.hash = `#lotes/${b.batch}`;
      } catch (err) { say($("#estado-segundo", root), err.message, false); }
    });
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try { await show(form.elements.as_of.value); } catch (err) { say(status, err.message, false); }
  });
  form.elements.as_of.value = todayIso();
  form.requestSubmit();
}
