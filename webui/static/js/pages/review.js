// Revisión: the pages kept for a person, one at a time, by keyboard: 1–9, 0
// pick the cause, Enter confirms, ↓/↑ move through the queue.
import { api } from "../api.js";
import { $, $$, html, render, say } from "../dom.js";
import { noteLabel } from "../labels.js";
import { dateTime } from "../format.js";
import { toast } from "../ui.js";

let onKey = null;

export async function mount(root, ctx) {
  let queue = [];
  let current = 0;
  render(root, html`<h2>Devoluciones por revisar</h2>
    <p class="ayuda">Teclado: <kbd>1</kbd>–<kbd>9</kbd>, <kbd>0</kbd> eligen la causal; <kbd>Enter</kbd> confirma;
      <kbd>↓</kbd>/<kbd>↑</kbd> pasan a la siguiente o la anterior página.</p>
    <div id="revision-actual"></div>
    <table class="table table-sm table-hover align-middle" id="cola" data-sortable="no"><thead><tr><th>Página</th><th>Motivo</th><th>Carta leída</th><th>Escaneada</th></tr></thead><tbody></tbody></table>`);

  const show = () => {
    render($("#cola tbody", root), html`${queue.map((p, i) => html`<tr data-index="${i}" class="${i === current ? "elegida" : ""}"><td>${p.page_id}</td>
      <td>${noteLabel(p)}</td><td>${p.letter_id || "—"}</td><td>${dateTime(p.scanned_at)}</td></tr>`)}`);
    const box = $("#revision-actual", root);
    if (!queue.length) {
      render(box, html`<p>No hay páginas por revisar.</p>`);
      return;
    }
    const p = queue[current];
    render(box, html`<div class="revisar" data-id="${p.page_id}">
      <div><a href="/api/review/${p.page_id}/page" target="_blank"><img class="pagina" src="/api/review/${p.page_id}/page" alt="Página ${p.page_id}"></a></div>
      <form id="confirmar">
        <p><b>Página ${current + 1} de ${queue.length}</b> — ${noteLabel(p)}</p>
        <img class="recorte" src="/api/review/${p.page_id}/code" alt="Códigos de la carta">
        <label>Carta (número o código) <input class="form-control" name="letter" value="${p.letter_id}" required
          aria-describedby="formato-carta"></label>
        <div id="formato-carta" class="form-text mb-2">Formato: 2026-000123 (año y consecutivo) o el código leído de la carta.</div>
        <img class="recorte" src="/api/review/${p.page_id}/panel" alt="Panel de causales">
        <ul class="causales">${ctx.causes.map((c, i) => html`<li><label><input class="form-check-input" type="radio" name="cause" value="${c.code}" ${c.code === p.cause ? html`checked` : ""}>
          <kbd>${(i + 1) % 10}</kbd> ${c.label}</label></li>`)}</ul>
        <label class="d-block mb-2">Observación del mensajero (opcional) <input class="form-control" name="observation" maxlength="500"
          placeholder="Lo que escribió en las líneas de observación"></label>
        <button class="btn btn-primary">Confirmar (Enter)</button> <span id="estado-revision" role="status"></span>
      </form></div>`);
    $("#confirmar", root).addEventListener("submit", confirm);
  };

  async function confirm(e) {
    e?.preventDefault();
    const form = $("#confirmar", root);
    const cause = form.elements.cause.value;
    if (!cause) { say($("#estado-revision", root), "Elija la causal (teclas 1 a 0).", false); return; }
    try {
      const page = queue[current];
      const result = await api("POST", `/api/review/${page.page_id}`, { letter_id: form.elements.letter.value, cause, observation: form.elements.observation.value.trim() });
      queue.splice(current, 1);
      current = Math.min(current, Math.max(0, queue.length - 1));
      show();
      // A few seconds to take it back: the return voided, the page back here.
      toast(`Registrada con el n.º ${result.return_id}.`, { delay: 8000, action: { label: "Deshacer", run: () => undo(page) } });
    } catch (err) {
      say($("#estado-revision", root), err.message, false);
    }
  }

  async function undo(page) {
    try {
      await api("POST", `/api/review/${page.page_id}/undo`);
      queue = await api("GET", "/api/review");
      current = Math.max(0, queue.findIndex((p) => p.page_id === page.page_id));
      show();
      toast(`Confirmación deshecha: la página ${page.page_id} vuelve a la revisión y su devolución queda anulada.`, { kind: "info" });
    } catch (err) {
      ctx.fail(err);
    }
  }

  $("#cola tbody", root).addEventListener("click", (e) => {
    const row = e.target.closest("tr");
    if (!row) return;
    current = Number(row.dataset.index);
    show();
  });

  onKey = (e) => {
    if (!queue.length || e.ctrlKey || e.altKey || e.metaKey) return;
    const typing = e.target.matches("input[type=text], input:not([type]), textarea");
    if (!typing && /^[0-9]$/.test(e.key)) {
      const index = e.key === "0" ? 9 : Number(e.key) - 1;
      const radio = $$("#confirmar input[name=cause]", root)[index];
      if (radio) radio.checked = true;
      e.preventDefault();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      current = Math.max(0, Math.min(queue.length - 1, current + (e.key === "ArrowDown" ? 1 : -1)));
      show();
      e.preventDefault();
    } else if (e.key === "Enter" && !typing && e.target.tagName !== "BUTTON") {
      confirm();
      e.preventDefault();
    }
  };
  document.addEventListener("keydown", onKey);

  queue = await api("GET", "/api/review");
  show();
}

export function unmount() {
  document.removeEventListener("keydown", onKey);
  onKey = null;
}
