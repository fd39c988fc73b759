// Cartero in the browser: the session, a menu by role, and a router on the
// location hash that imports the page a role opens when it first opens it
// (a field phone never downloads the admin's pages). Everything goes through
// the JSON API; the server checks every permission, the menu only hides what
// a role cannot use.
import { api, useSession } from "./api.js";
import { $, $$, html, render, say } from "./dom.js";
import { ROLES, causeLabel } from "./labels.js";
import { PAGES, VIEWS, resolve } from "./router.js";
import { download, tableRows, toCsv } from "./csv.js";
import { tell } from "./ui.js";

let session = null;
let current = null; // {view, module, section}
let routing = 0; // the latest navigation wins when modules load out of order

const ctx = {
  session: null,
  causes: [],
  causeLabel: (code) => causeLabel(ctx.causes, code),
  // A notice under the menu (cleared on every navigation).
  notify(text, ok) {
    const box = $("#aviso");
    say(box, text, ok);
    box.hidden = !text;
  },
  // An error of a page's action: said where the user looks.
  fail(err) {
    if (err && err.status === 401) return;
    tell(err && err.message ? err.message : String(err));
  },
};

function leave() {
  if (!current) return;
  try { current.module.unmount?.(current.section); } finally { current.section.remove(); }
  current = null;
}

async function route() {
  if (!session) return;
  const { view, param } = resolve(location.hash, session.role);
  const ticket = ++routing;
  const module = await import(`./pages/${PAGES[view].module}.js`);
  if (ticket !== routing || !session) return;
  leave();
  $("#aviso").hidden = true;
  const section = document.createElement("section");
  section.id = view;
  section.dataset.title = PAGES[view].title;
  $("#vista").append(section);
  current = { view, module, section };
  $$("#menu a").forEach((a) => a.classList.toggle("activo", a.dataset.view === view));
  try {
    await module.mount(section, ctx, param);
  } catch (err) {
    ctx.fail(err);
  }
}

async function show(s) {
  session = s;
  ctx.session = s;
  useSession(s.csrf, expired);
  $("#who").textContent = `${s.user} (${ROLES[s.role] || s.role})`;
  $("#ingreso").hidden = true;
  $("#salir").hidden = false;
  render($("#menu"), html`${VIEWS[s.role].map((v) => html`<a href="#${v}" data-view="${v}">${PAGES[v].title}</a>`)}`);
  ctx.causes = await api("GET", "/api/causes");
  await route();
}

function expired() {
  session = null;
  ctx.session = null;
  useSession("");
  routing++;
  leave();
  render($("#menu"), html``);
  $("#who").textContent = "";
  $("#salir").hidden = true;
  $("#ingreso").hidden = false;
  say($("#error"), "Su sesión terminó: ingrese de nuevo.");
}

window.addEventListener("hashchange", () => route());

$("#ingreso").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  try {
    say($("#error"), "");
    await show(await api("POST", "/api/login", { username: form.get("username"), password: form.get("password") }));
  } catch (err) {
    say($("#error"), err.message);
  }
});

$("#salir").addEventListener("click", async () => {
  try { await api("POST", "/api/logout"); } finally { location.hash = ""; location.reload(); }
});

// Every table with an export button can be downloaded as CSV.
document.addEventListener("click", (e) => {
  const button = e.target.closest("button.exportar");
  if (button) download(button.dataset.name, toCsv(tableRows(document.getElementById(button.dataset.table))));
});

api("GET", "/api/me").then(show).catch(() => {});
