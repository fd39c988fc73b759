// Cartero in the browser: log in, list batches, create one and see its
// funnel, ask why an account is in or out. Uses the JSON API only.
let csrf = "";
let funnelChart = null;

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function show(session) {
  csrf = session.csrf;
  document.getElementById("who").textContent = `${session.user} (${session.role})`;
  document.getElementById("ingreso").hidden = true;
  document.getElementById("salir").hidden = false;
  document.getElementById("cuenta").hidden = false;
  const role = session.role;
  if (role === "analyst" || role === "admin") {
    document.getElementById("cartera").hidden = false;
    document.getElementById("lotes").hidden = false;
    loadBatches();
  }
  if (role === "office" || role === "analyst" || role === "admin") {
    document.getElementById("carga").hidden = false;
    document.getElementById("revision").hidden = false;
    loadReview();
  }
  if (role === "field") {
    document.getElementById("terreno").hidden = false;
    document.querySelector("#zona select").innerHTML = session.zones.map((z) => `<option>${z}</option>`).join("");
  }
  if (role === "analyst" || role === "admin") {
    document.getElementById("tablero").hidden = false;
    loadDashboard();
  }
  if (role === "admin") {
    document.getElementById("usuarios").hidden = false;
    loadUsers();
  }
  if (role === "billing" || role === "analyst" || role === "admin") {
    document.getElementById("facturacion").hidden = false;
    loadBilling();
  }
}

let causes = [];  // [{code, label}] from the server: the one list of causes

// Why a page needs a person, in the page's language.
const NOTES = [
  ["no cause box is marked", "No se marcó ninguna causal"],
  ["more than one cause box is marked", "Hay más de una causal marcada"],
  ["the mark is faint or unclear", "La marca es tenue o dudosa"],
  ["name different letters", "Los dos códigos nombran cartas distintas"],
  ["is not a letter Cartero printed", "La carta no fue impresa por Cartero"],
  ["never dispatched", "La carta es de un lote no despachado"],
  ["could not be aligned", "No se pudo alinear la página"],
];
function noteInSpanish(note) {
  const known = NOTES.find(([en]) => (note || "").includes(en));
  return known ? known[1] : note;
}

function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

async function loadReview() {
  if (!causes.length) causes = await api("GET", "/api/causes");
  const pages = await api("GET", "/api/review");
  document.querySelector("#revision tbody").innerHTML = pages
    .map((p) => `<tr data-id="${p.page_id}"><td>${p.page_id}</td>
      <td><img src="/api/review/${p.page_id}/code" alt="códigos" height="60"> <img src="/api/review/${p.page_id}/panel" alt="causales" height="60"></td>
      <td>${escapeHtml(noteInSpanish(p.note))}</td>
      <td><input name="letter" value="${escapeHtml(p.letter_id)}" size="12"></td>
      <td><select name="cause">${causes.map((c) => `<option value="${c.code}" ${c.code === p.cause ? "selected" : ""}>${escapeHtml(c.label)}</option>`).join("")}</select></td>
      <td><button class="confirmar">Confirmar</button></td></tr>`)
    .join("");
}

document.querySelector("#revision tbody").addEventListener("click", async (e) => {
  if (!e.target.classList.contains("confirmar")) return;
  const row = e.target.closest("tr");
  const body = { letter_id: row.querySelector("[name=letter]").value, cause: row.querySelector("[name=cause]").value };
  try {
    await api("POST", `/api/review/${row.dataset.id}`, body);
    loadReview();
  } catch (err) {
    alert(err.message);
  }
});

async function loadField(zone) {
  document.getElementById("hoja-ruta").href = `/api/field/sheet?zone=${encodeURIComponent(zone)}`;
  const cases = await api("GET", `/api/field/lists?zone=${encodeURIComponent(zone)}`);
  document.getElementById("casos-terreno").innerHTML = cases
    .map((c) => `<li data-id="${c.id}"><strong>${escapeHtml(c.address)}</strong>, ${escapeHtml(c.neighborhood)} — ${escapeHtml(c.holder_name)}
      (cuenta ${escapeHtml(c.account_id)}, ${escapeHtml(c.cause_label)})<br>
      <button data-outcome="address_ok">Correcta</button> <button data-outcome="address_wrong">Errada</button>
      <button data-outcome="demolished">Demolido</button> <button data-outcome="vacant_lot">Lote</button>
      <input name="address" placeholder="Dirección corregida"> <button data-outcome="address_corrected">Corregir</button></li>`)
    .join("") || "<li>No hay casos abiertos en esta zona.</li>";
}

document.getElementById("zona").addEventListener("submit", (e) => {
  e.preventDefault();
  loadField(new FormData(e.target).get("zone"));
});

document.getElementById("casos-terreno").addEventListener("click", async (e) => {
  const outcome = e.target.dataset.outcome;
  if (!outcome) return;
  const item = e.target.closest("li");
  try {
    await api("POST", `/api/field/cases/${item.dataset.id}/outcome`, { outcome, address: item.querySelector("[name=address]").value });
    item.remove();
  } catch (err) {
    alert(err.message);
  }
});

async function loadBilling() {
  const cases = await api("GET", "/api/billing/cases");
  document.getElementById("casos-facturacion").innerHTML = cases
    .map((c) => `<li data-id="${c.id}" data-kind="${c.kind}"><strong>${escapeHtml(c.kind)}</strong> cuenta ${escapeHtml(c.account_id)}
      — ${escapeHtml(c.holder_name)}, ${escapeHtml(c.address)} (${escapeHtml(c.cause_label)})<br>
      <input name="text" placeholder="${c.kind === "address_update" ? "Dirección corregida" : "Motivo del rechazo"}">
      <button data-decision="${c.kind === "address_update" ? "done" : "confirmed"}">Confirmar</button>
      <button data-decision="rejected">Rechazar</button></li>`)
    .join("") || "<li>No hay casos abiertos.</li>";
}

document.getElementById("casos-facturacion").addEventListener("click", async (e) => {
  const decision = e.target.dataset.decision;
  if (!decision) return;
  const item = e.target.closest("li");
  const text = item.querySelector("[name=text]").value;
  const body = { decision, reason: text, address: text };
  try {
    await api("POST", `/api/billing/cases/${item.dataset.id}/decision`, body);
    item.remove();
  } catch (err) {
    alert(err.message);
  }
});

async function loadBatches() {
  const rows = await api("GET", "/api/batches");
  document.querySelector("#lotes tbody").innerHTML = rows
    .map((b) => `<tr data-id="${b.id}"><td>${b.id}</td><td>${b.cutoff}</td><td>${b.status}</td><td>${b.accounts}</td><td>${b.selected}</td>
      <td>${b.status === "dispatched" ? "despachado" : `<button data-action="letters">Imprimir</button>`}
      ${b.status === "generated" ? `<button data-action="dispatch">Despachar</button>` : ""}<span class="archivos"></span></td></tr>`)
    .join("");
}

document.querySelector("#lotes tbody").addEventListener("click", async (e) => {
  const action = e.target.dataset.action;
  if (!action) return;
  const row = e.target.closest("tr");
  const id = row.dataset.id;
  const state = document.getElementById("estado-lote");
  try {
    if (action === "letters") {
      state.textContent = `Generando las cartas del lote ${id}…`;
      const result = await api("POST", `/api/batches/${id}/letters`);
      state.textContent = `${result.letters} cartas listas.`;
      await loadBatches();
      document.querySelector(`#lotes tr[data-id="${id}"] .archivos`).innerHTML = result.files
        .map((f) => ` <a href="/api/batches/${id}/files/${f}" download>${f}</a>`).join("");
    } else if (confirm(`¿Despachar hoy el lote ${id}? Sus cartas contarán como enviadas.`)) {
      const result = await api("POST", `/api/batches/${id}/dispatch`, {});
      state.textContent = `Lote ${id} despachado el ${result.dispatched_on} (${result.letters} cartas).`;
      loadBatches();
    }
  } catch (err) {
    state.textContent = err.message;
  }
});

// The funnel as a horizontal bar chart (Chart.js): accounts left after each rule.
function drawFunnel(funnel) {
  document.getElementById("embudo-titulo").textContent =
    `Embudo: ${funnel.total.toLocaleString("es-CO")} cuentas, ${funnel.selected.toLocaleString("es-CO")} seleccionadas`;
  const steps = funnel.steps.filter((s) => s.excluded > 0);
  if (funnelChart) funnelChart.destroy();
  funnelChart = new Chart(document.getElementById("embudo-grafico"), {
    type: "bar",
    data: {
      labels: ["Cartera", ...steps.map((s) => s.label)],
      datasets: [{ label: "Cuentas que quedan", data: [funnel.total, ...steps.map((s) => s.remaining)], backgroundColor: "#2f6ea5" }],
    },
    options: { indexAxis: "y", plugins: { legend: { display: false } } },
  });
}

document.getElementById("ingreso").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  try {
    show(await api("POST", "/api/login", { username: form.get("username"), password: form.get("password") }));
  } catch (err) {
    document.getElementById("error").textContent = err.message;
  }
});

document.getElementById("nuevo").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  const body = {};
  if (form.get("cutoff")) body.cutoff = form.get("cutoff");
  if (form.get("max")) body.max = Number(form.get("max"));
  try {
    const result = await api("POST", "/api/batches", body);
    drawFunnel(result.funnel);
    loadBatches();
  } catch (err) {
    document.getElementById("embudo-titulo").textContent = err.message;
  }
});

document.getElementById("buscar").addEventListener("submit", async (e) => {
  e.preventDefault();
  const account = new FormData(e.target).get("account");
  try {
    document.getElementById("historia").textContent = JSON.stringify(await api("GET", `/api/accounts/${encodeURIComponent(account)}`), null, 2);
  } catch (err) {
    document.getElementById("historia").textContent = err.message;
  }
});

document.getElementById("salir").addEventListener("click", async () => {
  await api("POST", "/api/logout");
  location.reload();
});

const charts = {};
function chart(id, config) {
  if (charts[id]) charts[id].destroy();
  charts[id] = new Chart(document.getElementById(id), config);
}

// The reports as charts: delivered vs returned per batch, returns by cause
// and by zone (all batches), open cases against their deadlines.
async function loadDashboard() {
  if (!causes.length) causes = await api("GET", "/api/causes");
  const batches = (await api("GET", "/api/reports/batches")).filter((b) => b.letters > 0).reverse();
  const cases = await api("GET", "/api/reports/cases");
  chart("g-lotes", { type: "bar", data: { labels: batches.map((b) => `Lote ${b.batch}`), datasets: [
    { label: "Entregadas", data: batches.map((b) => b.delivered), backgroundColor: "#3b8b5a" },
    { label: "Devueltas", data: batches.map((b) => b.returned), backgroundColor: "#c0504d" },
    { label: "Pendientes", data: batches.map((b) => b.pending), backgroundColor: "#b8c2cc" }] },
    options: { scales: { x: { stacked: true }, y: { stacked: true } } } });
  const sum = (key) => {
    const totals = {};
    for (const b of batches) for (const [k, n] of Object.entries(b[key])) totals[k] = (totals[k] || 0) + n;
    return totals;
  };
  const byCause = sum("returns_by_cause");
  chart("g-causas", { type: "bar", data: { labels: causes.map((c) => c.label),
    datasets: [{ label: "Devoluciones", data: causes.map((c) => byCause[c.code] || 0), backgroundColor: "#2f6ea5" }] },
    options: { indexAxis: "y", plugins: { legend: { display: false } } } });
  const byZone = sum("returns_by_zone");
  chart("g-zonas", { type: "bar", data: { labels: Object.keys(byZone),
    datasets: [{ label: "Devoluciones", data: Object.values(byZone), backgroundColor: "#2f6ea5" }] },
    options: { plugins: { legend: { display: false } } } });
  const names = { field_check: "Verificación en terreno", cleanup: "Saneamiento", address_update: "Actualización de dirección" };
  chart("g-casos", { type: "bar", data: { labels: cases.map((c) => names[c.kind] || c.kind), datasets: [
    { label: "Abiertos a tiempo", data: cases.map((c) => c.open - c.overdue), backgroundColor: "#2f6ea5" },
    { label: "Vencidos", data: cases.map((c) => c.overdue), backgroundColor: "#c0504d" }] },
    options: { scales: { x: { stacked: true }, y: { stacked: true } } } });
}

async function loadUsers() {
  const users = await api("GET", "/api/users");
  document.getElementById("lista-usuarios").innerHTML = users
    .map((u) => `<li>${escapeHtml(u.name)} — ${escapeHtml(u.role)}${u.zones.length ? " (" + escapeHtml(u.zones.join(", ")) + ")" : ""}</li>`)
    .join("");
}

document.getElementById("nuevo-usuario").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  const zones = (form.get("zones") || "").split(",").map((z) => z.trim()).filter(Boolean);
  try {
    await api("POST", "/api/users", { name: form.get("name"), role: form.get("role"), zones, password: form.get("password") });
    document.getElementById("estado-usuarios").textContent = "Usuario creado.";
    e.target.reset();
    loadUsers();
  } catch (err) {
    document.getElementById("estado-usuarios").textContent = err.message;
  }
});

let rejected = [];

// A portfolio export uploaded with a progress bar; the rejected rows are
// listed and can be exported.
document.getElementById("importar").addEventListener("submit", (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  const bar = document.getElementById("subida-cartera");
  const state = document.getElementById("estado-cartera");
  const xhr = new XMLHttpRequest();
  xhr.open("POST", `/api/imports/${form.get("kind")}`);
  xhr.setRequestHeader("X-CSRF-Token", csrf);
  bar.hidden = false;
  xhr.upload.onprogress = (p) => { if (p.lengthComputable) bar.value = (100 * p.loaded) / p.total; };
  xhr.onload = () => {
    const data = JSON.parse(xhr.responseText);
    if (xhr.status !== 200) { state.textContent = data.error; return; }
    rejected = data.rejected;
    state.textContent = `${data.read.toLocaleString("es-CO")} filas leídas, ${data.imported.toLocaleString("es-CO")} importadas, ` +
      `${rejected.length.toLocaleString("es-CO")} rechazadas (${data.encoding}, separador "${data.delimiter}").`;
    document.querySelector("#rechazos tbody").innerHTML = rejected.slice(0, 200)
      .map((r) => `<tr><td>${r.line}</td><td>${escapeHtml(r.field)}</td><td>${escapeHtml(r.reason)}</td></tr>`).join("");
    document.getElementById("rechazos").hidden = rejected.length === 0;
    document.getElementById("exportar-rechazos").hidden = rejected.length === 0;
  };
  const upload = new FormData();
  upload.append("file", form.get("file"));
  xhr.send(upload);
});

document.getElementById("exportar-rechazos").addEventListener("click", () => {
  const quote = (v) => `"${String(v).replace(/"/g, '""')}"`;
  const csv = "line,field,reason\r\n" + rejected.map((r) => [r.line, r.field, r.reason].map(quote).join(",")).join("\r\n") + "\r\n";
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  link.download = "filas-rechazadas.csv";
  link.click();
});

// Upload with a progress bar; the server goes on reading the pages even if
// this page is closed, and the page polls the job until it is done.
document.getElementById("escaneos").addEventListener("submit", (e) => {
  e.preventDefault();
  const bar = document.getElementById("subida");
  const state = document.getElementById("estado-carga");
  const xhr = new XMLHttpRequest();
  xhr.open("POST", "/api/scans");
  xhr.setRequestHeader("X-CSRF-Token", csrf);
  bar.hidden = false;
  xhr.upload.onprogress = (p) => { if (p.lengthComputable) bar.value = (100 * p.loaded) / p.total; };
  xhr.onload = () => {
    const data = JSON.parse(xhr.responseText);
    if (xhr.status !== 202) { state.textContent = data.error; return; }
    state.textContent = `Recibidos ${data.files} archivos; leyendo páginas…`;
    const poll = async () => {
      const job = await api("GET", `/api/scans/${data.job}`);
      state.textContent = `${job.pages} páginas leídas: ${job.recorded} registradas, ${job.duplicate} ya registradas, ` +
        `${job.review} por revisar, ${job.unreadable} ilegibles` + (job.state === "done" ? " — terminado." : "…");
      if (job.state === "running") setTimeout(poll, 1000); else loadReview();
    };
    poll();
  };
  xhr.send(new FormData(e.target));
});

api("GET", "/api/me").then(show).catch(() => {});
