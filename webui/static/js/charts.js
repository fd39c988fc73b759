// Chart.js (npm, served from vendor/) is loaded only by the pages that draw
// charts: a field phone never downloads it. Every chart has titled axes,
// labels wrapped instead of clipped and its values written on the bars.

let library = null;

// Writes each bar's value at its end (stacked bars: inside the segment).
const barValues = {
  id: "valores",
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    // A dataset with `values: false` (an interval, a marker) is drawn bare.
    const horizontal = chart.options.indexAxis === "y";
    const stacked = chart.options.scales?.x?.stacked;
    ctx.save();
    ctx.font = "600 11px system-ui, sans-serif";
    chart.data.datasets.forEach((set, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.hidden || set.values === false) return;
      meta.data.forEach((bar, j) => {
        const value = set.data[j];
        if (!value) return;
        const text = Number(value).toLocaleString("es-CO");
        if (stacked) {
          const size = horizontal ? Math.abs(bar.x - bar.base) : Math.abs(bar.base - bar.y);
          if (size < 16) return;
          ctx.fillStyle = "#fff";
          ctx.textAlign = "center";
          ctx.textBaseline = "middle";
          ctx.fillText(text, horizontal ? (bar.x + bar.base) / 2 : bar.x, horizontal ? bar.y : (bar.y + bar.base) / 2);
        } else {
          ctx.fillStyle = "#1d2733";
          ctx.textAlign = horizontal ? "left" : "center";
          ctx.textBaseline = horizontal ? "middle" : "bottom";
          ctx.fillText(text, horizontal ? bar.x + 4 : bar.x, horizontal ? bar.y : bar.y - 2);
        }
      });
    });
    ctx.restore();
  },
};

export function loadCharts() {
  library ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL("../vendor/chart.umd.min.js", import.meta.url).href;
    script.onload = () => {
      window.Chart.defaults.animation = false; // drawn at once: no half-drawn bars on a slow machine
      window.Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
      window.Chart.defaults.color = "#33404d";
      window.Chart.register(barValues);
      resolve(window.Chart);
    };
    script.onerror = () => { library = null; reject(new Error("No se pudo cargar la librería de gráficos.")); };
    document.head.appendChild(script);
  });
  return library;
}

// A label cut into lines of about `width` characters (Chart.js draws an
// array as lines), so long cause names are never clipped.
export function wrap(text, width = 18) {
  const lines = [];
  let line = "";
  for (const word of String(text).split(/\s+/)) {
    if (line && (line + " " + word).length > width) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 1 ? lines : lines[0] || "";
}

// An axis' title.
export const axis = (text, more = {}) => ({ title: { display: true, text, font: { weight: "600" } }, ...more });

// Draws `config` on the canvas, replacing the chart it had. Charts fill
// their box (.lienzo), whose height is fixed.
export async function chart(canvas, config) {
  const Chart = await loadCharts();
  config.options = { maintainAspectRatio: false, ...config.options };
  Chart.getChart(canvas)?.destroy();
  return new Chart(canvas, config);
}

export function destroyCharts(root) {
  if (!window.Chart) return;
  for (const canvas of root.querySelectorAll("canvas")) window.Chart.getChart(canvas)?.destroy();
}

// The funnel: the portfolio, then what remains after each rule that left
// accounts out, with the counts on the bars.
export function funnelChart(canvas, funnel) {
  const steps = funnel.steps.filter((s) => s.excluded > 0);
  return chart(canvas, {
    type: "bar",
    data: { labels: ["Cartera", ...steps.map((s) => wrap(s.label, 22))],
      datasets: [{ label: "Cuentas que quedan", data: [funnel.total, ...steps.map((s) => s.remaining)], backgroundColor: "#1f5f99" }] },
    options: { indexAxis: "y", layout: { padding: { right: 40 } }, plugins: { legend: { display: false } },
      scales: { y: { ticks: { autoSkip: false } }, x: axis("Cuentas que quedan", { beginAtZero: true }) } },
  });
}
