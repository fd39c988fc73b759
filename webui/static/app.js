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
  if (session.role === "analyst" || session.role === "admin") {
    document.getElementById("lotes").hidden = false;
    loadBatches();
  }
}

async function loadBatches() {
  const rows = await api("GET", "/api/batches");
  document.querySelector("#lotes tbody").innerHTML = rows
    .map((b) => `<tr><td>${b.id}</td><td>${b.cutoff}</td><td>${b.status}</td><td>${b.accounts}</td><td>${b.selected}</td></tr>`)
    .join("");
}

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

api("GET", "/api/me").then(show).catch(() => {});
