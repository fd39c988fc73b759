// Questions in modals and results in toasts (Bootstrap's), never the
// browser's alert, confirm or prompt.
import { $, html, render } from "./dom.js";

let count = 0;
const bootstrap = () => window.bootstrap;

// A modal with a form: resolves with its FormData when confirmed, null when
// dismissed. `body` is html`` markup (fields, a question).
export function askForm({ title, body, confirm = "Aceptar", cancel = "Cancelar", danger = false }) {
  const id = `modal-${++count}`;
  const box = document.createElement("div");
  box.className = "modal fade";
  box.tabIndex = -1;
  box.setAttribute("aria-labelledby", `${id}-titulo`);
  render(box, html`<div class="modal-dialog modal-dialog-centered"><form class="modal-content" novalidate>
    <div class="modal-header"><h2 class="modal-title fs-5" id="${id}-titulo">${title}</h2>
      <button type="button" class="btn-close" data-bs-dismiss="modal" aria-label="Cerrar"></button></div>
    <div class="modal-body">${body}</div>
    <div class="modal-footer"><button type="button" class="btn btn-outline-secondary" data-bs-dismiss="modal">${cancel}</button>
      <button class="btn ${danger ? "btn-danger" : "btn-primary"}" id="modal-si">${confirm}</button></div></form></div>`);
  document.body.append(box);
  const modal = new (bootstrap().Modal)(box);
  return new Promise((resolve) => {
    let answer = null;
    let shown = false;
    // Bootstrap ignores hide() while the modal is still opening: wait for it.
    const close = () => {
      if (shown) modal.hide();
      else box.addEventListener("shown.bs.modal", () => modal.hide(), { once: true });
    };
    const form = $("form", box);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!form.checkValidity()) { form.classList.add("was-validated"); return; }
      answer = new FormData(form);
      resolve(answer);
      close();
    });
    box.addEventListener("shown.bs.modal", () => {
      shown = true;
      ($("input:not([type=hidden]), select, textarea", box) || $("#modal-si", box)).focus();
    });
    box.addEventListener("hidden.bs.modal", () => {
      modal.dispose();
      box.remove();
      resolve(answer);
    });
    modal.show();
  });
}

// A yes/no question: true when confirmed.
export async function ask(message, options = {}) {
  return (await askForm({ title: options.title || "Confirmar", body: html`<p class="mb-0">${message}</p>`, ...options })) !== null;
}

// A result: green for done, red for refused, blue for news. With `action`
// ({label, run}) the toast offers it (an "Deshacer") until it goes.
export function toast(message, { kind = "success", action = null, delay = 6000 } = {}) {
  const box = document.createElement("div");
  box.className = `toast align-items-center border-0 text-bg-${kind === "danger" ? "danger" : kind === "info" ? "primary" : "success"}`;
  box.setAttribute("role", kind === "danger" ? "alert" : "status");
  box.setAttribute("aria-atomic", "true");
  render(box, html`<div class="d-flex align-items-center"><div class="toast-body">${message}</div>
    ${action && html`<button type="button" class="btn btn-light btn-sm ms-auto deshacer">${action.label}</button>`}
    <button type="button" class="btn-close btn-close-white me-2 ${action ? "ms-2" : "ms-auto"}" data-bs-dismiss="toast" aria-label="Cerrar"></button></div>`);
  $("#avisos").append(box);
  const t = new (bootstrap().Toast)(box, { delay });
  if (action) {
    $(".deshacer", box).addEventListener("click", () => {
      t.hide();
      action.run();
    });
  }
  box.addEventListener("hidden.bs.toast", () => { t.dispose(); box.remove(); });
  t.show();
  return t;
}

export function tell(message) { toast(message, { kind: "danger", delay: 9000 }); }
