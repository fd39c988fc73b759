// Cartero in the browser: one page, one section per task, shown by role.
// Everything goes through the JSON API (DESIGN "HTTP API"); the server checks
// every permission, the menu only hides what a role cannot use.
"use strict";

let csrf = "";
let session = null;
let causes = []; // [{code, label}] from the server: the one list of causes

const ROLE_LABELS = { admin: "administrador", analyst: "analista", office: "oficina", field: "terreno", billing: "facturación" };
const VIEWS = {
  admin: ["tablero", "cartera", "lotes", "cuenta", "carga", "revision", "registro", "terreno", "facturacion", "usuarios", "zonas", "ajustes", "auditoria"],
  analyst: ["tablero", "cartera", "lotes", "cuenta", "carga", "revision", "registro", "terreno", "facturacion", "zonas"],
  office: ["carga", "revision", "registro", "cuenta"],
  field: ["terreno"],
  billing: ["facturacion", "cuenta"],
};
const CASE_KINDS = { field_check: "Verificación en terreno", cleanup: "Saneamiento", address_update: "Actualización de dirección" };
const STATUS = { draft: "borrador", generated: "impreso", dispatched: "despachado" };
const SOURCES = { scan: "escaneo", scan_review: "escaneo revisado", hand: "a mano", courier_file: "planilla" };
const ROUTES = { field: "Terreno", billing: "Facturación", none: "Solo registro" };
const OUTCOMES = { address_ok: "Dirección correcta", address_corrected: "Dirección corregida", address_wrong: "Dirección errada",
  demolished: "Predio demolido", vacant_lot: "Lote", confirmed: "Confirmado", rejected: "Rechazado", done: "Actualizada" };

// ---- Helpers ----

// One call to the API: the parsed body and the response. A refusal throws
// the server's Spanish message; no connection throws with `offline` set.
async function send(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    const e = new Error("No hay conexión con el servidor: revise la red e intente de nuevo.");
    e.offline = true;
    throw e;
  }
  let data = null;
  try { data = await response.json(); } catch (err) { data = {}; }
  if (response.status === 401 && session && path !== "/api/login") expired();
  if (!response.ok) {
    const e = new Error(errorText(data) || `Error ${response.status}`);
    e.status = response.status;
    throw e;
  }
  return { data, response };
}

// The API's refusal: {"error": {"code", "message" (Spanish), "args"}}.
function errorText(data) {
  const e = data && data.error;
  return e && typeof e === "object" ? e.message : e;
}

async function api(method, path, body) {
  return (await send(method, path, body)).data;
}

// A GET of a list served in pages: the rows and the list's whole length
// (X-Total-Count).
async function apiPage(path) {
  const { data, response } = await send("GET", path);
  return { rows: data, total: Number(response.headers.get("X-Total-Count") ?? data.length) };
}

function $(selector, root = document) { return root.querySelector(selector); }
function $$(selector, root = document) { return [...root.querySelectorAll(selector)]; }

function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
const n = (v) => Number(v || 0).toLocaleString("es-CO");
const pesos = (v) => "$ " + n(v);
const causeLabel = (code) => (causes.find((c) => c.code === code) || { label: code || "—" }).label;

function say(id, text, ok) {
  const el = document.getElementById(id);
  el.textContent = text;
  el.classList.toggle("error", ok === false);
  el.classList.toggle("ok", ok === true);
}

// Any table on the page as a CSV file (every list can be exported).
function tableToCsv(table) {
  const quote = (v) => `"${String(v).replace(/"/g, '""').trim()}"`;
  return $$("tr", table).map((tr) => $$("th, td", tr).map((c) => quote(c.dataset.value ?? c.innerText)).join(",")).join("\r\n") + "\r\n";
}
function download(name, text) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob(["\ufeff" + text], { type: "text/csv;charset=utf-8" }));
  link.download = name;
  link.click();
}
document.addEventListener("click", (e) => {
  const button = e.target.closest("button.exportar");
  if (button) download(button.dataset.name, tableToCsv(document.getElementById(button.dataset.table)));
});

// Chart.js is loaded only by the pages that draw charts (a field phone never
// downloads it).
let chartLibrary = null;
function loadCharts() {
  chartLibrary ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "vendor/chart.umd.min.js";
    script.onload = () => {
      Chart.defaults.animation = false;  // drawn at once: no half-drawn bars on a slow machine
      resolve();
    };
    script.onerror = () => reject(new Error("No se pudo cargar la librería de gráficos."));
    document.head.appendChild(script);
  });
  return chartLibrary;
}
const charts = {};
async function chart(id, config) {
  await loadCharts();
  // The dashboard's charts fill their box (.lienzo); the batch funnel keeps its canvas' height.
  config.options = { maintainAspectRatio: !document.getElementById(id).closest(".lienzo"), ...config.options };
  if (charts[id]) charts[id].destroy();
  charts[id] = new Chart(document.getElementById(id), config);
}
function funnelChart(id, funnel) {
  const steps = funnel.steps.filter((s) => s.excluded > 0);
  return chart(id, {
    type: "bar",
    data: { labels: ["Cartera", ...steps.map((s) => s.label)],
      datasets: [{ label: "Cuentas que quedan", data: [funnel.total, ...steps.map((s) => s.remaining)], backgroundColor: "#2f6ea5" }] },
    options: { indexAxis: "y", plugins: { legend: { display: false } }, scales: { y: { ticks: { autoSkip: false } } } },
  });
}

// ---- Session and navigation ----

function show(s) {
  session = s;
  csrf = s.csrf;
  $("#who").textContent = `${s.user} (${ROLE_LABELS[s.role] || s.role})`;
  $("#ingreso").hidden = true;
  $("#salir").hidden = false;
  $("#menu").innerHTML = VIEWS[s.role]
    .map((v) => `<a href="#${v}" data-view="${v}">${escapeHtml(document.getElementById(v).dataset.title)}</a>`).join("");
  api("GET", "/api/causes").then((list) => {
    causes = list;
    route();
  });
}

function expired() {
  session = null;
  csrf = "";
  $$("main > section").forEach((s) => { s.hidden = true; });
  $("#menu").innerHTML = "";
  $("#salir").hidden = true;
  $("#ingreso").hidden = false;
  say("error", "Su sesión terminó: ingrese de nuevo.");
}

const LOADERS = {};
function route() {
  if (!session) return;
  const views = VIEWS[session.role];
  const view = views.includes(location.hash.slice(1)) ? location.hash.slice(1) : views[0];
  for (const id of Object.keys(LOADERS)) document.getElementById(id).hidden = id !== view;
  $("#aviso").hidden = true;
  $$("#menu a").forEach((a) => a.classList.toggle("activo", a.dataset.view === view));
  LOADERS[view]().catch((err) => { if (err.status !== 401) alert(err.message); });
}
window.addEventListener("hashchange", route);

$("#ingreso").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  try {
    say("error", "");
    show(await api("POST", "/api/login", { username: form.get("username"), password: form.get("password") }));
  } catch (err) {
    say("error", err.message);
  }
});

$("#salir").addEventListener("click", async () => {
  try { await api("POST", "/api/logout"); } finally { location.hash = ""; location.reload(); }
});

// ---- Tablero ----

LOADERS.tablero = async () => {
  const [batches, cases, list] = await Promise.all([api("GET", "/api/reports/batches"), api("GET", "/api/reports/cases"), api("GET", "/api/batches")]);
  const sent = batches.filter((b) => b.letters > 0).reverse();
  $("#informe tbody").innerHTML = batches.map((b) => `<tr><td>${b.batch}</td><td>${STATUS[b.status] || b.status}</td><td>${b.dispatched_on || "—"}</td>
    <td class="num">${n(b.letters)}</td><td class="num">${n(b.delivered)}</td><td class="num">${n(b.returned)}</td>
    <td class="num">${n(b.pending)}</td><td class="num">${n(b.notified)}</td></tr>`).join("") || `<tr><td colspan="8">Aún no hay lotes.</td></tr>`;
  if (list.length) {
    const latest = await api("GET", `/api/batches/${list[0].id}`);
    await funnelChart("g-embudo", latest.funnel);
  }
  await chart("g-lotes", { type: "bar", data: { labels: sent.map((b) => `Lote ${b.batch}`), datasets: [
    { label: "Entregadas", data: sent.map((b) => b.delivered), backgroundColor: "#3b8b5a" },
    { label: "Devueltas", data: sent.map((b) => b.returned), backgroundColor: "#c0504d" },
    { label: "Pendientes", data: sent.map((b) => b.pending), backgroundColor: "#b8c2cc" }] },
    options: { scales: { x: { stacked: true }, y: { stacked: true } } } });
  const sum = (key) => {
    const totals = {};
    for (const b of sent) for (const [k, v] of Object.entries(b[key])) totals[k] = (totals[k] || 0) + v;
    return totals;
  };
  const byCause = sum("returns_by_cause");
  await chart("g-causas", { type: "bar", data: { labels: causes.map((c) => c.label),
    datasets: [{ label: "Devoluciones", data: causes.map((c) => byCause[c.code] || 0), backgroundColor: "#2f6ea5" }] },
    options: { indexAxis: "y", plugins: { legend: { display: false } }, scales: { y: { ticks: { autoSkip: false } } } } });
  const byZone = Object.entries(sum("returns_by_zone")).sort((a, b) => b[1] - a[1]).slice(0, 30);
  await chart("g-zonas", { type: "bar", data: { labels: byZone.map((z) => z[0]),
    datasets: [{ label: "Devoluciones", data: byZone.map((z) => z[1]), backgroundColor: "#2f6ea5" }] },
    options: { plugins: { legend: { display: false } } } });
  // Each kind with its oldest open case and its deadline, so "by age" reads at a glance.
  await chart("g-casos", { type: "bar", data: { labels: cases.map((c) => [CASE_KINDS[c.kind] || c.kind,
    c.open ? `más antiguo: ${n(c.oldest_days)} d (plazo ${n(c.deadline_days)} d)` : `plazo ${n(c.deadline_days)} d`]), datasets: [
    { label: "Abiertos en plazo", data: cases.map((c) => c.open - c.overdue), backgroundColor: "#2f6ea5" },
    { label: "Vencidos", data: cases.map((c) => c.overdue), backgroundColor: "#c0504d" }] },
    options: { scales: { x: { stacked: true }, y: { stacked: true } } } });
};

// ---- Cartera ----

let rejected = [];
LOADERS.cartera = async () => {};

$("#importar").addEventListener("submit", (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  const bar = $("#subida-cartera");
  const xhr = new XMLHttpRequest();
  xhr.open("POST", `/api/imports/${form.get("kind")}`);
  xhr.setRequestHeader("X-CSRF-Token", csrf);
  bar.hidden = false;
  bar.value = 0;
  say("estado-cartera", "Subiendo el archivo…");
  xhr.upload.onprogress = (p) => {
    if (!p.lengthComputable) return;
    bar.value = (100 * p.loaded) / p.total;
    if (p.loaded === p.total) say("estado-cartera", "Archivo recibido; importando…");
  };
  xhr.onerror = () => say("estado-cartera", "Se perdió la conexión durante la carga: no se importó nada; intente de nuevo.", false);
  xhr.onload = () => {
    let data = {};
    try { data = JSON.parse(xhr.responseText); } catch (err) { /* not JSON */ }
    if (xhr.status !== 200) { say("estado-cartera", errorText(data) || `Error ${xhr.status}`, false); return; }
    rejected = data.rejected;
    say("estado-cartera", `${n(data.read)} filas leídas, ${n(data.imported)} importadas, ${n(rejected.length)} rechazadas ` +
      `(${data.encoding}, separador "${data.delimiter === "\t" ? "tabulador" : data.delimiter}").`, true);
    $("#rechazos tbody").innerHTML = rejected.slice(0, 500)
      .map((r) => `<tr><td>${r.line}</td><td>${escapeHtml(r.field)}</td><td>${escapeHtml(r.reason)}</td></tr>`).join("");
    $("#rechazos").hidden = rejected.length === 0;
    $("#exportar-rechazos").hidden = rejected.length === 0;
  };
  const upload = new FormData();
  upload.append("file", form.get("file"));
  xhr.send(upload);
});

$("#exportar-rechazos").addEventListener("click", () => {
  const quote = (v) => `"${String(v).replace(/"/g, '""')}"`;
  download("filas-rechazadas.csv", "line,field,reason\r\n" + rejected.map((r) => [r.line, r.field, r.reason].map(quote).join(",")).join("\r\n") + "\r\n");
});

// ---- Lotes ----

const USE_TYPES = ["residential", "commercial", "industrial", "official"];
function fillRules(form, s) {
  for (const u of USE_TYPES) form.elements[`t_${u}`].value = s.thresholds[u] ?? "";
  for (const k of ["min_days_past_due", "payment_window_days", "letter_window_days"]) form.elements[k].value = s[k];
  for (const k of ["pending_address_check", "pending_billing_check"]) form.elements[k].checked = s[k];
  if (form.elements.max_letters) form.elements.max_letters.value = s.max_letters ?? "";
}
function readRules(form) {
  const s = { thresholds: {} };
  for (const u of USE_TYPES) {
    const v = form.elements[`t_${u}`].value;
    s.thresholds[u] = v === "" ? null : Number(v);
  }
  for (const k of ["min_days_past_due", "payment_window_days", "letter_window_days"]) s[k] = Number(form.elements[k].value);
  for (const k of ["pending_address_check", "pending_billing_check"]) s[k] = form.elements[k].checked;
  if (form.elements.max_letters) s.max_letters = form.elements.max_letters.value === "" ? null : Number(form.elements.max_letters.value);
  return s;
}
function batchRequest() {
  const form = $("#nuevo");
  const body = { settings: readRules(form) };
  if (form.elements.cutoff.value) body.cutoff = form.elements.cutoff.value;
  if (form.elements.max.value) body.max = Number(form.elements.max.value);
  return body;
}
function showFunnel(funnel, saved) {
  $("#embudo-titulo").textContent = `${saved ? "Lote guardado" : "Vista previa (sin guardar)"}: ` +
    `${n(funnel.total)} cuentas, ${n(funnel.selected)} seleccionadas`;
  $("#embudo-tabla tbody").innerHTML = funnel.steps.filter((s) => s.excluded > 0)
    .map((s) => `<tr><td>${escapeHtml(s.label)}</td><td class="num">${n(s.excluded)}</td><td class="num">${n(s.remaining)}</td></tr>`).join("");
  $("#embudo-tabla").hidden = false;
  return funnelChart("embudo-grafico", funnel);
}

let rulesLoaded = false;
LOADERS.lotes = async () => {
  if (!rulesLoaded) {
    fillRules($("#nuevo"), (await api("GET", "/api/settings")).selection);
    $("#nuevo").elements.cutoff.value = new Date().toISOString().slice(0, 10);
    rulesLoaded = true;
  }
  await loadBatches();
};

async function loadBatches() {
  const rows = await api("GET", "/api/batches");
  $("#tabla-lotes tbody").innerHTML = rows.map((b) => `<tr data-id="${b.id}"><td>${b.id}</td><td>${b.cutoff}</td>
      <td>${STATUS[b.status] || b.status}</td><td class="num">${n(b.accounts)}</td><td class="num">${n(b.selected)}</td>
      <td>${b.status === "dispatched" ? "" : `<button data-action="letters">${b.status === "draft" ? "Imprimir" : "Reimprimir"}</button>`}
      ${b.status === "generated" ? `<button data-action="dispatch">Despachar</button>` : ""}
      <button data-action="detail">Ver</button><span class="archivos"></span></td></tr>`).join("") ||
    `<tr><td colspan="6">Aún no hay lotes: importe la cartera y cree el primero.</td></tr>`;
}

$("#ver-embudo").addEventListener("click", async () => {
  try {
    $("#embudo-titulo").textContent = "Calculando…";
    const result = await api("POST", "/api/batches/preview", batchRequest());
    await showFunnel(result.funnel, false);
    $("#guardar-lote").disabled = false;
  } catch (err) {
    $("#embudo-titulo").textContent = err.message;
  }
});
// Changing a rule asks for a new preview before saving.
$("#nuevo").addEventListener("input", () => { $("#guardar-lote").disabled = true; });

$("#nuevo").addEventListener("submit", async (e) => {
  e.preventDefault();
  try {
    const result = await api("POST", "/api/batches", batchRequest());
    await showFunnel(result.funnel, true);
    $("#guardar-lote").disabled = true;
    say("estado-lote", `Lote ${result.batch} guardado como borrador.`, true);
    await loadBatches();
  } catch (err) {
    $("#embudo-titulo").textContent = err.message;
  }
});

function fileLinks(id, files) {
  return files.map((f) => ` <a href="/api/batches/${id}/files/${encodeURIComponent(f)}" download>${escapeHtml(f)}</a>`).join("");
}

$("#tabla-lotes tbody").addEventListener("click", async (e) => {
  const action = e.target.dataset.action;
  if (!action) return;
  const id = e.target.closest("tr").dataset.id;
  try {
    if (action === "letters") {
      say("estado-lote", `Generando las cartas del lote ${id}…`);
      e.target.disabled = true;
      const result = await api("POST", `/api/batches/${id}/letters`);
      say("estado-lote", `${n(result.letters)} cartas listas para la imprenta.`, true);
      await loadBatches();
      $(`#tabla-lotes tr[data-id="${id}"] .archivos`).innerHTML = fileLinks(id, result.files);
    } else if (action === "dispatch") {
      if (!confirm(`¿Despachar hoy el lote ${id}? Sus cartas contarán como enviadas y el lote no podrá cambiar.`)) return;
      const result = await api("POST", `/api/batches/${id}/dispatch`, {});
      say("estado-lote", `Lote ${id} despachado el ${result.dispatched_on} (${n(result.letters)} cartas).`, true);
      await loadBatches();
    } else {
      await showBatch(id);
    }
  } catch (err) {
    say("estado-lote", err.message, false);
    e.target.disabled = false;
  }
});

async function showBatch(id) {
  const b = await api("GET", `/api/batches/${id}`);
  const r = b.report[0] || {};
  const box = $("#detalle-lote");
  box.hidden = false;
  box.innerHTML = `<h3>Lote ${id}</h3>
    <div class="ficha"><span>Estado: <b>${STATUS[r.status] || r.status || "—"}</b></span><span>Corte: ${r.cutoff || "—"}</span>
    <span>Despacho: ${r.dispatched_on || "—"}</span><span>Cartas: ${n(r.letters)}</span><span>Entregadas: ${n(r.delivered)}</span>
    <span>Devueltas: ${n(r.returned)}</span><span>Pendientes: ${n(r.pending)}</span><span>Notificadas: ${n(r.notified)}</span></div>
    <p>${b.files && b.files.length ? "Archivos:" + fileLinks(id, b.files) : "Aún sin cartas impresas."}</p>
    <table><thead><tr><th>Regla</th><th>Excluidas</th><th>Quedan</th></tr></thead><tbody>
    ${b.funnel.steps.filter((s) => s.excluded > 0).map((s) => `<tr><td>${escapeHtml(s.label)}</td><td class="num">${n(s.excluded)}</td>
      <td class="num">${n(s.remaining)}</td></tr>`).join("")}
    <tr><th>Seleccionadas</th><th class="num">${n(b.funnel.selected)}</th><th></th></tr></tbody></table>
    <h4>Devoluciones por causal</h4><table><tbody>${Object.entries(r.returns_by_cause || {}).filter(([, v]) => v > 0)
      .map(([c, v]) => `<tr><td>${escapeHtml(causeLabel(c))}</td><td class="num">${n(v)}</td></tr>`).join("") || "<tr><td>Ninguna.</td></tr>"}</tbody></table>`;
}

// ---- Cuenta: why in or out, and its history ----

LOADERS.cuenta = async () => {};

$("#buscar").addEventListener("submit", async (e) => {
  e.preventDefault();
  const account = new FormData(e.target).get("account").trim();
  const box = $("#historia");
  try {
    box.innerHTML = renderAccount(await api("GET", `/api/accounts/${encodeURIComponent(account)}`));
  } catch (err) {
    box.innerHTML = `<p class="error">${escapeHtml(err.message)}</p>`;
  }
});

function renderAccount({ explanation: x, history: h }) {
  const facts = [x.fact_sanitation && `Saneamiento confirmado por facturación: ${escapeHtml(x.fact_sanitation)}`,
    x.fact_address && `Dirección corregida: ${escapeHtml(x.fact_address)}`].filter(Boolean);
  const card = x.in_portfolio ? `<div class="ficha">
      <span>Titular: <b>${escapeHtml(x.holder_name)}</b></span><span>Documento: ${escapeHtml(x.document_id)}</span>
      <span>Dirección: ${escapeHtml(x.address || "(vacía)")}</span><span>Barrio: ${escapeHtml(x.neighborhood)}</span>
      <span>Zona: ${escapeHtml(x.zone)}</span><span>Uso: ${escapeHtml(x.use_type)}</span><span>Facturación: ${escapeHtml(x.billing_type)}</span>
      <span>Saldo: ${pesos(x.balance)}</span><span>Días de mora: ${n(x.days_past_due)}</span>
      <span>Cobro jurídico: ${x.legal_collection ? "sí" : "no"}</span><span>Saneamiento: ${escapeHtml(x.sanitation || "ninguno")}</span></div>`
    : `<p>La cuenta ${escapeHtml(x.account_id)} no está en la cartera importada hoy.</p>`;
  const batches = x.batches.filter((b) => b.in_portfolio).map((b) => `<tr><td>${b.batch}</td><td>${b.cutoff}</td><td>${STATUS[b.status] || b.status}</td>
      <td>${b.selected ? `<span class="dentro">Seleccionada (puesto ${n(b.rank)})</span>`
        : `<span class="fuera">Fuera:</span> ${b.reasons.map((r) => `${escapeHtml(r.label)} <small>(${r.code})</small>`).join("; ")}`}</td></tr>`).join("");
  const events = h.events.map((ev) => `<li><b>${escapeHtml((ev.date || "").slice(0, 10))}</b> ${eventText(ev)}</li>`).join("");
  return `<h3>Cuenta ${escapeHtml(x.account_id)}</h3>${card}${facts.length ? `<p>${facts.join("<br>")}</p>` : ""}
    <h4>En cada lote</h4>${batches ? `<table><thead><tr><th>Lote</th><th>Corte</th><th>Estado</th><th>Resultado</th></tr></thead><tbody>${batches}</tbody></table>`
      : "<p>No estuvo en ningún lote.</p>"}
    <h4>Historia</h4><ol class="linea-tiempo">${events || "<li>Sin cartas, devoluciones ni casos.</li>"}</ol>`;
}

function eventText(ev) {
  switch (ev.type) {
    case "letter": return `Carta ${escapeHtml(ev.letter_id)} del lote ${escapeHtml(ev.batch)} por ${pesos(ev.balance)}` +
      (ev.sent_on ? `, enviada el ${escapeHtml(ev.sent_on)}` : ", sin despachar");
    case "prior_letter": return "Carta enviada antes de Cartero";
    case "delivered": return `Carta ${escapeHtml(ev.letter_id)} entregada`;
    case "returned": return `Carta ${escapeHtml(ev.letter_id)} devuelta: <b>${escapeHtml(causeLabel(ev.cause))}</b> (registro n.º ${escapeHtml(ev.return_id)}, ` +
      `${escapeHtml(SOURCES[ev.source] || ev.source)}, ${escapeHtml(ev.registered_by)})` + (ev.observation ? ` — ${escapeHtml(ev.observation)}` : "") +
      (ev.scanned_page && session.role !== "field" ? ` <a href="/api/returns/${encodeURIComponent(ev.return_id)}/image" target="_blank">ver imagen</a>` : "");
    case "case": return `${escapeHtml(CASE_KINDS[ev.kind] || ev.kind)} (${escapeHtml(causeLabel(ev.cause))}): ` +
      (ev.status === "open" ? "abierto" : `cerrado — ${escapeHtml(OUTCOMES[ev.outcome] || ev.outcome)} por ${escapeHtml(ev.closed_by)}`) +
      (ev.note ? ` — ${escapeHtml(ev.note)}` : "");
    default: return escapeHtml(JSON.stringify(ev));
  }
}

// ---- Escaneo: upload, then the server reads in the background ----

LOADERS.carga = () => loadJobs();

async function loadJobs() {
  const jobs = await api("GET", "/api/scans");
  $("#cargas tbody").innerHTML = jobs.map((j) => `<tr><td>${j.job}</td><td>${escapeHtml(j.started_at.replace("T", " ").slice(0, 16))}</td>
    <td>${escapeHtml(j.user)}</td><td class="num">${n(j.files_done)} / ${n(j.files)}</td><td class="num">${n(j.pages)}${j.pages_total ? " / " + n(j.pages_total) : ""}</td>
    <td class="num">${n(j.recorded)}</td><td class="num">${n(j.duplicate)}</td><td class="num">${n(j.review)}</td><td class="num">${n(j.unreadable)}</td>
    <td>${{ running: "leyendo…", done: "terminada", failed: "falló: " + escapeHtml(j.error) }[j.state]}</td></tr>`).join("") ||
    `<tr><td colspan="10">Sin cargas todavía.</td></tr>`;
  if (jobs.some((j) => j.state === "running") && !$("#carga").hidden) setTimeout(() => loadJobs().catch(() => {}), 2000);
}

$("#escaneos").addEventListener("submit", (e) => {
  e.preventDefault();
  const bar = $("#subida");
  const xhr = new XMLHttpRequest();
  xhr.open("POST", "/api/scans");
  xhr.setRequestHeader("X-CSRF-Token", csrf);
  bar.hidden = false;
  bar.value = 0;
  say("estado-carga", "Subiendo…");
  xhr.upload.onprogress = (p) => {
    if (!p.lengthComputable) return;
    bar.value = (100 * p.loaded) / p.total;
    say("estado-carga", `Subiendo: ${Math.round(bar.value)} %`);
  };
  xhr.onerror = () => say("estado-carga", "Se perdió la conexión durante la subida: cargue de nuevo los archivos.", false);
  xhr.onload = () => {
    let data = {};
    try { data = JSON.parse(xhr.responseText); } catch (err) { /* not JSON */ }
    if (xhr.status !== 202) { say("estado-carga", errorText(data) || `Error ${xhr.status}`, false); return; }
    say("estado-carga", `Recibidos ${data.files} archivos; leyendo páginas…`);
    e.target.reset();
    const poll = async () => {
      const job = await api("GET", `/api/scans/${data.job}`);
      bar.value = job.pages_total ? (100 * job.pages) / job.pages_total : 0;
      say("estado-carga", `${n(job.pages)}${job.pages_total ? " de " + n(job.pages_total) : ""} páginas leídas: ${n(job.recorded)} registradas, ${n(job.duplicate)} ya registradas, ` +
        `${n(job.review)} por revisar, ${n(job.unreadable)} ilegibles` + (job.state === "done" ? " — terminado." : job.state === "failed" ? ` — falló: ${job.error}` : "…"),
        job.state === "done" ? true : undefined);
      if (job.state === "running") setTimeout(poll, 1000);
      loadJobs().catch(() => {});
    };
    poll();
  };
  xhr.send(new FormData(e.target));
});

// ---- Revisión: one page at a time, by keyboard ----

let queue = [];
let current = 0;
LOADERS.revision = async () => {
  queue = await api("GET", "/api/review");
  current = Math.min(current, Math.max(0, queue.length - 1));
  renderReview();
};

function renderReview() {
  $("#cola tbody").innerHTML = queue.map((p, i) => `<tr data-index="${i}" class="${i === current ? "elegida" : ""}"><td>${p.page_id}</td>
    <td>${escapeHtml(p.note_label || p.note)}</td><td>${escapeHtml(p.letter_id || "—")}</td><td>${escapeHtml((p.scanned_at || "").slice(0, 16))}</td></tr>`).join("");
  const box = $("#revision-actual");
  if (!queue.length) {
    box.innerHTML = "<p>No hay páginas por revisar.</p>";
    return;
  }
  const p = queue[current];
  box.innerHTML = `<div class="revisar" data-id="${p.page_id}">
    <div><a href="/api/review/${p.page_id}/page" target="_blank"><img class="pagina" src="/api/review/${p.page_id}/page" alt="Página ${p.page_id}"></a></div>
    <form id="confirmar">
      <p><b>Página ${current + 1} de ${queue.length}</b> — ${escapeHtml(p.note_label || p.note)}</p>
      <img class="recorte" src="/api/review/${p.page_id}/code" alt="Códigos de la carta">
      <label>Carta (número o código) <input name="letter" value="${escapeHtml(p.letter_id)}" required></label>
      <img class="recorte" src="/api/review/${p.page_id}/panel" alt="Panel de causales">
      <ul class="causales">${causes.map((c, i) => `<li><label><input type="radio" name="cause" value="${c.code}" ${c.code === p.cause ? "checked" : ""}>
        <kbd>${(i + 1) % 10}</kbd> ${escapeHtml(c.label)}</label></li>`).join("")}</ul>
      <button class="principal">Confirmar (Enter)</button> <span id="estado-revision" role="status"></span>
    </form></div>`;
  $("#confirmar").addEventListener("submit", confirmCurrent);
}

async function confirmCurrent(e) {
  e?.preventDefault();
  const form = $("#confirmar");
  const cause = form.elements.cause.value;
  if (!cause) { say("estado-revision", "Elija la causal (teclas 1 a 0).", false); return; }
  try {
    const result = await api("POST", `/api/review/${queue[current].page_id}`, { letter_id: form.elements.letter.value, cause });
    queue.splice(current, 1);
    current = Math.min(current, Math.max(0, queue.length - 1));
    renderReview();
    say("aviso", `Registrada con el n.º ${result.return_id}.`, true);
    $("#aviso").hidden = false;
  } catch (err) {
    say("estado-revision", err.message, false);
  }
}

$("#cola tbody").addEventListener("click", (e) => {
  const row = e.target.closest("tr");
  if (!row) return;
  current = Number(row.dataset.index);
  renderReview();
});

document.addEventListener("keydown", (e) => {
  if ($("#revision").hidden || !queue.length || e.ctrlKey || e.altKey || e.metaKey) return;
  const typing = e.target.matches("input[type=text], input:not([type]), textarea");
  if (!typing && /^[0-9]$/.test(e.key)) {
    const index = e.key === "0" ? 9 : Number(e.key) - 1;
    const radio = $$("#confirmar input[name=cause]")[index];
    if (radio) radio.checked = true;
    e.preventDefault();
  } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    current = Math.max(0, Math.min(queue.length - 1, current + (e.key === "ArrowDown" ? 1 : -1)));
    renderReview();
    e.preventDefault();
  } else if (e.key === "Enter" && !typing && e.target.tagName !== "BUTTON") {
    confirmCurrent();
    e.preventDefault();
  }
});


// ---- Registro ----

let registerFilter = "";
let lastReturn = null;
LOADERS.registro = async () => {
  const select = $("#filtros select[name=cause]");
  if (select.options.length === 1) select.innerHTML += causes.map((c) => `<option value="${c.code}">${escapeHtml(c.label)}</option>`).join("");
  await loadRegister(false);
};

async function loadRegister(more) {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($("#filtros"))) if (v) params.set(k, v);
  registerFilter = params.toString();
  $("#exportar-registro").href = `/api/returns?format=csv${registerFilter ? "&" + registerFilter : ""}`;
  if (more && lastReturn) params.set("before", lastReturn);
  params.set("limit", "200");
  const rows = await api("GET", `/api/returns?${params}`);
  const html = rows.map((r) => `<tr><td>${r.return_id}</td><td>${escapeHtml(r.letter_id)}</td>
    <td><a href="#cuenta" data-account="${escapeHtml(r.account_id)}">${escapeHtml(r.account_id)}</a></td><td>${escapeHtml(r.holder_name)}</td>
    <td>${escapeHtml(r.zone)}</td><td>${escapeHtml(r.cause_label)}${r.observation ? ` — ${escapeHtml(r.observation)}` : ""}</td>
    <td>${escapeHtml(r.returned_on)}</td><td>${escapeHtml(r.registered_by)}</td><td>${escapeHtml(SOURCES[r.source] || r.source)}</td>
    <td>${r.scan_page_id ? `<button data-image="${r.return_id}">Ver</button>` : "—"}</td></tr>`).join("");
  if (more) $("#tabla-registro tbody").insertAdjacentHTML("beforeend", html);
  else $("#tabla-registro tbody").innerHTML = html || `<tr><td colspan="10">No hay devoluciones con esos filtros.</td></tr>`;
  lastReturn = rows.length ? rows[rows.length - 1].return_id : lastReturn;
  $("#mas-registro").hidden = rows.length < 200;
}

$("#filtros").addEventListener("submit", (e) => {
  e.preventDefault();
  lastReturn = null;
  loadRegister(false).catch((err) => alert(err.message));
});
$("#mas-registro").addEventListener("click", () => loadRegister(true).catch((err) => alert(err.message)));
$("#tabla-registro tbody").addEventListener("click", (e) => {
  const id = e.target.dataset.image;
  if (id) {
    $("#visor img").src = `/api/returns/${id}/image`;
    $("#visor").showModal();
  }
  const account = e.target.dataset.account;
  if (account) {
    $("#buscar input[name=account]").value = account;
    setTimeout(() => $("#buscar").requestSubmit(), 0);
  }
});

// ---- Terreno: a phone, maybe a slow or lost connection ----

const PENDING_KEY = "cartero.pendientes";
const pending = () => JSON.parse(localStorage.getItem(PENDING_KEY) || "[]");
function savePending(list) {
  localStorage.setItem(PENDING_KEY, JSON.stringify(list));
  const p = $("#pendientes");
  p.hidden = list.length === 0;
  p.textContent = `${list.length} resultado(s) guardados en el teléfono; se enviarán al volver la conexión.`;
}
// Outcomes recorded without a connection are kept and sent later, in order.
async function flushPending() {
  let list = pending();
  while (list.length && session) {
    try {
      await api("POST", `/api/field/cases/${list[0].id}/outcome`, list[0].body);
    } catch (err) {
      if (err.offline) break;
      say("aviso", `El caso ${list[0].id} no se pudo registrar: ${err.message}`, false);
      $("#aviso").hidden = false;
    }
    list = list.slice(1);
    savePending(list);
  }
}
window.addEventListener("online", () => flushPending());
setInterval(() => { if (pending().length) flushPending(); }, 15000);

LOADERS.terreno = async () => {
  const select = $("#zona select");
  if (!select.options.length) {
    const zones = session.role === "field" ? session.zones.map((z) => ({ zone: z, open_field_cases: null }))
      : (await api("GET", "/api/zones")).sort((a, b) => b.open_field_cases - a.open_field_cases);
    select.innerHTML = zones.map((z) => `<option value="${escapeHtml(z.zone)}">${escapeHtml(z.zone)}` +
      `${z.open_field_cases === null ? "" : ` (${n(z.open_field_cases)} abiertos)`}</option>`).join("");
  }
  savePending(pending());
  flushPending();
};

let fieldZone = "";
let fieldShown = 0;
async function loadField(zone, more) {
  $("#hoja-ruta").href = `/api/field/sheet?zone=${encodeURIComponent(zone)}`;
  $("#lista-csv").href = `/api/field/lists?zone=${encodeURIComponent(zone)}&format=csv`;
  if (!more) fieldShown = 0;
  fieldZone = zone;
  const waiting = new Set(pending().map((p) => String(p.id)));
  const page = await apiPage(`/api/field/lists?zone=${encodeURIComponent(zone)}&offset=${fieldShown}&limit=100`);
  fieldShown += page.rows.length;
  const cases = page.rows.filter((c) => !waiting.has(String(c.id)));
  const html = cases.map((c) => `<li data-id="${c.id}"><strong>${escapeHtml(c.address)}</strong>
      ${c.neighborhood ? `, ${escapeHtml(c.neighborhood)}` : ""}<br>${escapeHtml(c.holder_name)} · cuenta ${escapeHtml(c.account_id)} ·
      <em>${escapeHtml(c.cause_label)}</em>
      <div class="acciones"><button data-outcome="address_ok">Correcta</button><button data-outcome="address_wrong">Errada</button>
      <button data-outcome="demolished">Demolido</button><button data-outcome="vacant_lot">Lote</button></div>
      <input name="address" placeholder="Dirección corregida" autocomplete="off">
      <div class="acciones"><button data-outcome="address_corrected">Guardar dirección corregida</button></div></li>`).join("");
  if (more) $("#casos-terreno").insertAdjacentHTML("beforeend", html);
  else $("#casos-terreno").innerHTML = html || "<li>No hay casos abiertos en esta zona.</li>";
  $("#mas-terreno").hidden = fieldShown >= page.total;
  $("#mas-terreno").textContent = `Ver más (${n(fieldShown)} de ${n(page.total)})`;
}
$("#mas-terreno").addEventListener("click", () => loadField(fieldZone, true).catch((err) => alert(err.message)));

$("#zona").addEventListener("submit", (e) => {
  e.preventDefault();
  loadField(new FormData(e.target).get("zone")).catch((err) => alert(err.message));
});

$("#casos-terreno").addEventListener("click", async (e) => {
  const outcome = e.target.dataset.outcome;
  if (!outcome) return;
  const item = e.target.closest("li");
  const body = { outcome, address: item.querySelector("[name=address]").value.trim() };
  if (outcome === "address_corrected" && !body.address) {
    alert("Escriba la dirección corregida.");
    return;
  }
  $$("button", item).forEach((b) => { b.disabled = true; });
  try {
    await api("POST", `/api/field/cases/${item.dataset.id}/outcome`, body);
    item.remove();
    fieldShown -= 1;
    if (!$("#casos-terreno li")) $("#casos-terreno").innerHTML = "<li>No hay casos abiertos en esta zona.</li>";
  } catch (err) {
    if (err.offline) {
      savePending([...pending(), { id: item.dataset.id, body }]);
      item.remove();
    } else {
      alert(err.message);
      $$("button", item).forEach((b) => { b.disabled = false; });
    }
  }
});

// ---- Facturación ----

let billingShown = 0;
LOADERS.facturacion = async (more) => {
  if (more !== true) billingShown = 0;
  const page = await apiPage(`/api/billing/cases?offset=${billingShown}&limit=100`);
  billingShown += page.rows.length;
  const html = page.rows.map((c) => `<li data-id="${c.id}" data-kind="${c.kind}">
      <strong>${escapeHtml(CASE_KINDS[c.kind] || c.kind)}</strong> · ${escapeHtml(c.cause_label)} · abierto ${escapeHtml((c.opened_at || "").slice(0, 10))}<br>
      Cuenta <a href="#cuenta" data-account="${escapeHtml(c.account_id)}">${escapeHtml(c.account_id)}</a> — ${escapeHtml(c.holder_name)},
      ${escapeHtml(c.address)} (zona ${escapeHtml(c.zone)}, carta ${escapeHtml(c.letter_id)})
      <input name="text" placeholder="${c.kind === "address_update" ? "Dirección corregida" : "Motivo (obligatorio para rechazar)"}">
      <div class="acciones"><button data-decision="${c.kind === "address_update" ? "done" : "confirmed"}">
        ${c.kind === "address_update" ? "Dirección actualizada" : "Confirmar saneamiento"}</button>
      <button data-decision="rejected">Rechazar</button></div></li>`).join("");
  if (more === true) $("#casos-facturacion").insertAdjacentHTML("beforeend", html);
  else $("#casos-facturacion").innerHTML = html || "<li>No hay casos abiertos.</li>";
  $("#mas-facturacion").hidden = billingShown >= page.total;
  $("#mas-facturacion").textContent = `Ver más (${n(billingShown)} de ${n(page.total)})`;
};
$("#mas-facturacion").addEventListener("click", () => LOADERS.facturacion(true).catch((err) => alert(err.message)));

$("#casos-facturacion").addEventListener("click", async (e) => {
  const account = e.target.dataset.account;
  if (account) {
    $("#buscar input[name=account]").value = account;
    setTimeout(() => $("#buscar").requestSubmit(), 0);
    return;
  }
  const decision = e.target.dataset.decision;
  if (!decision) return;
  const item = e.target.closest("li");
  const text = item.querySelector("[name=text]").value.trim();
  if (decision === "confirmed" && !confirm("¿Confirmar? La cuenta quedará marcada para saneamiento y saldrá de los próximos lotes.")) return;
  try {
    await api("POST", `/api/billing/cases/${item.dataset.id}/decision`, { decision, reason: text, address: text });
    item.remove();
    billingShown -= 1;  // the closed case leaves the list: the next page starts one earlier
    if (!$("#casos-facturacion li")) await LOADERS.facturacion();
  } catch (err) {
    alert(err.message);
  }
});

// ---- Usuarios ----

const roleOptions = (selected) => Object.entries(ROLE_LABELS)
  .map(([code, label]) => `<option value="${code}" ${code === selected ? "selected" : ""}>${label}</option>`).join("");
const zoneList = (text) => text.split(",").map((z) => z.trim()).filter(Boolean);

LOADERS.usuarios = async () => {
  const users = await api("GET", "/api/users");
  $("#nuevo-usuario select[name=role]").innerHTML = roleOptions("analyst");
  $("#tabla-usuarios tbody").innerHTML = users.map((u) => `<tr data-name="${escapeHtml(u.name)}"><td>${escapeHtml(u.name)}</td>
    <td><select name="role">${roleOptions(u.role)}</select></td><td><input name="zones" value="${escapeHtml(u.zones.join(","))}" size="12"></td>
    <td><input name="active" type="checkbox" ${u.disabled ? "" : "checked"}></td>
    <td><button data-action="save">Guardar</button> <button data-action="password">Cambiar contraseña</button></td></tr>`).join("");
};

$("#tabla-usuarios tbody").addEventListener("click", async (e) => {
  const action = e.target.dataset.action;
  if (!action) return;
  const row = e.target.closest("tr");
  const name = row.dataset.name;
  try {
    if (action === "save") {
      await api("PUT", `/api/users/${encodeURIComponent(name)}`, { role: $("[name=role]", row).value,
        zones: zoneList($("[name=zones]", row).value), disabled: !$("[name=active]", row).checked });
      say("estado-usuarios", `Usuario ${name} actualizado; sus sesiones abiertas se cerraron.`, true);
    } else {
      const password = prompt(`Nueva contraseña para ${name} (mínimo 8 caracteres):`);
      if (!password) return;
      await api("POST", `/api/users/${encodeURIComponent(name)}/password`, { password });
      say("estado-usuarios", `Contraseña de ${name} cambiada.`, true);
    }
  } catch (err) {
    say("estado-usuarios", err.message, false);
  }
});

$("#nuevo-usuario").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  try {
    await api("POST", "/api/users", { name: form.get("name"), role: form.get("role"), zones: zoneList(form.get("zones") || ""), password: form.get("password") });
    say("estado-usuarios", `Usuario ${form.get("name")} creado.`, true);
    e.target.reset();
    await LOADERS.usuarios();
  } catch (err) {
    say("estado-usuarios", err.message, false);
  }
});

// ---- Zonas ----

LOADERS.zonas = async () => {
  const zones = await api("GET", "/api/zones");
  $("#tabla-zonas tbody").innerHTML = zones.map((z) => `<tr><td>${escapeHtml(z.zone)}</td><td class="num" data-value="${z.accounts}">${n(z.accounts)}</td>
    <td class="num" data-value="${z.open_field_cases}">${n(z.open_field_cases)}</td>
    <td>${z.field_users.length ? escapeHtml(z.field_users.join(", ")) : "<span class='fuera'>sin asignar</span>"}</td></tr>`).join("") ||
    `<tr><td colspan="4">Importe la cartera para ver sus zonas.</td></tr>`;
};

// ---- Ajustes ----

LOADERS.ajustes = async () => {
  const s = await api("GET", "/api/settings");
  fillRules($("#ajustes-seleccion"), s.selection);
  const r = s.returns;
  $("#ruteo tbody").innerHTML = causes.map((c) => `<tr><td>${escapeHtml(c.label)}</td>
    <td><select name="route_${c.code}">${Object.entries(ROUTES).map(([code, label]) =>
      `<option value="${code}" ${r.routing[c.code] === code ? "selected" : ""}>${label}</option>`).join("")}</select></td>
    <td><input type="checkbox" name="notified_${c.code}" ${r.notified_causes.includes(c.code) ? "checked" : ""}></td></tr>`).join("");
  const form = $("#ajustes-devoluciones");
  form.elements.courier_causes.value = Object.entries(r.courier_causes).map(([name, code]) => `${name} = ${code}`).join("\n");
  form.elements.field_deadline_days.value = r.field_deadline_days;
  form.elements.billing_deadline_days.value = r.billing_deadline_days;
};

$("#ajustes-seleccion").addEventListener("submit", async (e) => {
  e.preventDefault();
  try {
    await api("PUT", "/api/settings/selection", readRules(e.target));
    rulesLoaded = false;
    say("estado-ajustes-seleccion", "Reglas guardadas: los próximos lotes las usan.", true);
  } catch (err) {
    say("estado-ajustes-seleccion", err.message, false);
  }
});

$("#ajustes-devoluciones").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.target;
  const body = { routing: {}, courier_causes: {}, notified_causes: [],
    field_deadline_days: Number(form.elements.field_deadline_days.value), billing_deadline_days: Number(form.elements.billing_deadline_days.value) };
  for (const c of causes) {
    body.routing[c.code] = form.elements[`route_${c.code}`].value;
    if (form.elements[`notified_${c.code}`].checked) body.notified_causes.push(c.code);
  }
  for (const line of form.elements.courier_causes.value.split("\n")) {
    if (!line.trim()) continue;
    const at = line.lastIndexOf("=");
    if (at < 0) { say("estado-ajustes-devoluciones", `Falta "= causal" en: ${line}`, false); return; }
    body.courier_causes[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  try {
    await api("PUT", "/api/settings/returns", body);
    say("estado-ajustes-devoluciones", "Ajustes de devoluciones guardados.", true);
  } catch (err) {
    say("estado-ajustes-devoluciones", err.message, false);
  }
});

// ---- Auditoría ----

let lastAudit = null;
LOADERS.auditoria = () => loadAudit(false);

async function loadAudit(more) {
  const params = new URLSearchParams({ limit: "100" });
  const user = $("#filtro-auditoria input[name=user]").value.trim();
  if (user) params.set("user", user);
  if (more && lastAudit) params.set("before", lastAudit);
  const rows = await api("GET", `/api/audit?${params}`);
  const json = (v) => (v && Object.keys(v).length ? `<pre class="json">${escapeHtml(JSON.stringify(v, null, 1))}</pre>` : "");
  const html = rows.map((a) => `<tr><td>${escapeHtml(a.at.replace("T", " ").replace("Z", ""))}</td><td>${escapeHtml(a.user)}</td>
    <td>${escapeHtml(a.action)}</td><td>${escapeHtml(a.target)}</td><td data-value="${escapeHtml(JSON.stringify(a.before))}">${json(a.before)}</td>
    <td data-value="${escapeHtml(JSON.stringify(a.after))}">${json(a.after)}</td></tr>`).join("");
  if (more) $("#tabla-auditoria tbody").insertAdjacentHTML("beforeend", html);
  else $("#tabla-auditoria tbody").innerHTML = html;
  lastAudit = rows.length ? rows[rows.length - 1].id : lastAudit;
  $("#mas-auditoria").hidden = rows.length < 100;
}
$("#filtro-auditoria").addEventListener("submit", (e) => {
  e.preventDefault();
  lastAudit = null;
  loadAudit(false).catch((err) => alert(err.message));
});
$("#mas-auditoria").addEventListener("click", () => loadAudit(true).catch((err) => alert(err.message)));

api("GET", "/api/me").then(show).catch(() => {});
