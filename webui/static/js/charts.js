// Chart.js (npm, served from vendor/) is loaded only by the pages that draw
// charts: a field phone never downloads it.

let library = null;
export function loadCharts() {
  library ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL("../vendor/chart.umd.min.js", import.meta.url).href;
    script.onload = () => {
      window.Chart.defaults.animation = false; // drawn at once: no half-drawn bars on a slow machine
      resolve(window.Chart);
    };
    script.onerror = () => { library = null; reject(new Error("No se pudo cargar la librería de gráficos.")); };
    document.head.appendChild(script);
  });
  return library;
}

// Draws `config` on the canvas, replacing the chart it had.
export async function chart(canvas, config) {
  const Chart = await loadCharts();
  // The dashboard's charts fill their box (.lienzo); the batch funnel keeps its canvas' height.
  config.options = { maintainAspectRatio: !canvas.closest(".lienzo"), ...config.options };
  Chart.getChart(canvas)?.destroy();
  return new Chart(canvas, config);
}

export function destroyCharts(root) {
  if (!window.Chart) return;
  for (const canvas of root.querySelectorAll("canvas")) window.Chart.getChart(canvas)?.destroy();
}

export function funnelChart(canvas, funnel) {
  const steps = funnel.steps.filter((s) => s.excluded > 0);
  return chart(canvas, {
    type: "bar",
    data: { labels: ["Cartera", ...steps.map((s) => s.label)],
      datasets: [{ label: "Cuentas que quedan", data: [funnel.total, ...steps.map((s) => s.remaining)], backgroundColor: "#2f6ea5" }] },
    options: { indexAxis: "y", plugins: { legend: { display: false } }, scales: { y: { ticks: { autoSkip: false } } } },
  });
}
