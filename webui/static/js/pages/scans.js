// Escaneo: scanned files uploaded, then read by the server in the
// background; the jobs and their progress.
import { api, upload } from "../api.js";
import { $, html, render, say } from "../dom.js";
import { dateTime, n } from "../format.js";

export function mount(root, ctx) {
  const timers = new Set();
  const later = (f, ms) => { const t = setTimeout(() => { timers.delete(t); f(); }, ms); timers.add(t); };
  root.stopTimers = () => { for (const t of timers) clearTimeout(t); timers.clear(); };
  render(root, html`<h2>Cargar cartas devueltas escaneadas</h2>
    <p>PDF de varias páginas, TIFF, JPEG o PNG; puede elegir muchos archivos a la vez. La lectura sigue en el servidor
      aunque cierre esta página.</p>
    <form id="escaneos"><label>Archivos <input class="form-control" name="file" type="file" multiple required
      accept=".pdf,.tif,.tiff,.jpg,.jpeg,.png,application/pdf,image/*"></label><button class="btn btn-primary">Cargar</button></form>
    <progress id="subida" max="100" value="0" hidden></progress>
    <p id="estado-carga" role="status"></p>
    <p id="revisar-ahora" hidden><a class="btn btn-primary" href="#revision"></a></p>
    <h3>Historial de cargas</h3>
    <table class="table table-sm table-hover align-middle" id="cargas"><thead><tr><th>Carga</th><th>Inicio</th><th>Por</th><th class="num">Archivos</th><th class="num">Páginas</th><th class="num">Registradas</th>
      <th class="num">Ya registradas</th><th class="num">Por revisar</th><th class="num">Ilegibles</th><th>Estado</th></tr></thead><tbody></tbody></table>`);
  const status = $("#estado-carga", root);
  const bar = $("#subida", root);

  // Each page the job left for a person: its file and page, and why.
  const problems = (j) => (j.problems && j.problems.length ? html`<details class="paginas-problema"><summary>Páginas por revisar o ilegibles (${n(j.problems.length)})</summary>
    <ul class="small mb-0">${j.problems.map((p) => html`<li>${p.file}, página ${n(p.page)}: ${p.status === "unreadable" ? "ilegible" : "por revisar"}${p.note ? ` — ${p.note}` : ""}</li>`)}</ul></details>` : "");

  let polling = false;
  const loadJobs = async () => {
    const jobs = await api("GET", "/api/scans");
    render($("#cargas tbody", root), jobs.length ? html`${jobs.map((j) => html`<tr><td>${j.job}</td><td>${dateTime(j.started_at)}</td>
      <td>${j.user}</td><td class="num">${n(j.files_done)} / ${n(j.files)}</td><td class="num">${n(j.pages)}${j.pages_total ? " / " + n(j.pages_total) : ""}</td>
      <td class="num">${n(j.recorded)}</td><td class="num">${n(j.duplicate)}</td><td class="num">${j.review ? html`<a href="#revision">Revisar ahora (${n(j.review)})</a>` : "0"}</td><td class="num">${n(j.unreadable)}</td>
      <td>${j.state === "failed" ? `Falló: ${j.error}` : ctx.label("scan_states", j.state)}${problems(j)}</td></tr>`)}` : html`<tr><td colspan="10">Sin cargas todavía.</td></tr>`);
    if (jobs.some((j) => j.state === "running") && !polling) {
      polling = true;
      later(() => { polling = false; loadJobs().catch(() => {}); }, 2000);
    }
  };

  $("#escaneos", root).addEventListener("submit", async (e) => {
    e.preventDefault();
    bar.hidden = false;
    bar.value = 0;
    say(status, "Subiendo…");
    let data;
    try {
      data = await upload("/api/scans", new FormData(e.target), (loaded, total) => {
        bar.value = (100 * loaded) / total;
        say(status, `Subiendo: ${Math.round(bar.value)} %`);
      });
    } catch (err) {
      say(status, err.offline ? "Se perdió la conexión durante la subida: cargue de nuevo los archivos." : err.message, false);
      return;
    }
    say(status, `Recibidos ${data.files} archivos; leyendo páginas…`);
    e.target.reset();
    const poll = async () => {
      const job = await api("GET", `/api/scans/${data.job}`);
      bar.value = job.pages_total ? (100 * job.pages) / job.pages_total : 0;
      say(status, `${n(job.pages)}${job.pages_total ? " de " + n(job.pages_total) : ""} páginas leídas: ${n(job.recorded)} registradas, ${n(job.duplicate)} ya registradas, ` +
        `${n(job.review)} por revisar, ${n(job.unreadable)} ilegibles` + (job.state === "done" ? " — terminado." : job.state === "failed" ? ` — falló: ${job.error}` : "…"),
      job.state === "done" ? true : undefined);
      if (job.state === "running") later(() => poll().catch(() => {}), 1000);
      // Pages kept for a person: one click to them.
      const review = $("#revisar-ahora", root);
      review.hidden = !(job.state !== "running" && job.review > 0);
      $("a", review).textContent = `Revisar ahora (${n(job.review)})`;
      loadJobs().catch(() => {});
    };
    poll().catch((err) => say(status, err.message, false));
  });

  return loadJobs();
}

export function unmount(root) { root.stopTimers(); }
