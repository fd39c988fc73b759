// Cartero in the browser: the session, a menu by role, and a router on the
// location hash that imports the page a role opens when it first opens it
// (a field phone never downloads the admin's pages). Everything goes through
// the JSON API; the server checks every permission, the menu only hides what
// a role cannot use.
import { api, useSession } from "./api.js";
import { $, $$, html, render, say } from "./dom.js";
import { causeLabel, entries, label, useLabels } from "./labels.js";
import { PAGES, VIEWS, resolve } from "./router.js";
import { download, tableRows, toCsv } from "./csv.js";
import { tell } from "./ui.js";
import { makeSortable, serverSort, sortBy } from "./table.js";

let session = null;
let current = null; // {view, module, section}
let routing = 0; // the latest navigation wins when modules load out of order

const ctx = {
  session: null,
  causes: [],
  causeLabel,
  label,
  // A notice above the page (cleared on every navigation).
  notify(text, ok) {
    const box = $("#aviso");
    box.textContent = text;
    box.className = `alert ${ok === false ? "alert-danger error" : ok === true ? "alert-success ok" : "alert-info"}`;
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
  section.setAttribute("aria-busy", "true");
  $("#vista").append(section);
  current = { view, module, section };
  document.title = `${PAGES[view].title} · Cartero`;
  $$("#menu a").forEach((a) => {
    a.classList.toggle("active", a.dataset.view === view);
    if (a.dataset.view === view) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  });
  closeMenu();
  try {
    await module.mount(section, ctx, param);
  } catch (err) {
    ctx.fail(err);
  } finally {
    section.removeAttribute("aria-busy");
  }
}

// The phone's folded menu closes once a page is chosen (after it finished opening).
function closeMenu() {
  const nav = $("#navegacion");
  const opening = nav.classList.contains("collapsing");
  if (!nav.classList.contains("show") && !opening) return;
  const menu = window.bootstrap?.Collapse.getOrCreateInstance(nav, { toggle: false });
  if (opening) nav.addEventListener("shown.bs.collapse", () => menu?.hide(), { once: true });
  else menu?.hide();
}

async function show(s) {
  session = s;
  ctx.session = s;
  useSession(s.csrf, expired);
  $("#who").textContent = `${s.user} · ${label("roles", s.role)}`;
  $("#ingreso-caja").hidden = true;
  $("#salir").hidden = false;
  const views = VIEWS[s.role];
  $("#menu-boton").hidden = views.length < 2;
  render($("#menu"), html`${views.map((v) => html`<li class="nav-item"><a class="nav-link" href="#${v}" data-view="${v}" title="${PAGES[v].title}">${PAGES[v].menu || PAGES[v].title}</a></li>`)}`);
  await route();
}

function showLogin(message) {
  $("#ingreso-caja").hidden = false;
  say($("#error"), message || "");
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
  $("#menu-boton").hidden = true;
  showLogin("Su sesión terminó: ingrese de nuevo.");
}

// On a phone every table reads as cards: each cell is given its column's name.
function labelCells(root) {
  for (const table of root.querySelectorAll("table")) {
    makeSortable(table);
    const names = $$("thead th", table).map((th) => th.textContent.trim());
    if (!names.length) continue;
    for (const row of table.tBodies[0]?.rows || []) {
      [...row.cells].forEach((cell, i) => {
        if (cell.colSpan > 1 || !names[i]) cell.removeAttribute("data-label");
        else if (cell.dataset.label !== names[i]) cell.dataset.label = names[i];
      });
    }
  }
}
let labelling = false;
new MutationObserver(() => {
  if (labelling) return;
  labelling = true;
  queueMicrotask(() => { labelCells($("#vista")); labelling = false; });
}).observe($("#vista"), { childList: true, subtree: true });

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
  try {
    await api("POST", "/api/logout");
    navigator.serviceWorker?.controller?.postMessage("logout");
  } finally {
    location.hash = "";
    location.reload();
  }
});

// The app shell stays on the device (sw.js): a phone without signal still opens.
navigator.serviceWorker?.register("/sw.js").catch(() => {});

// Every table with an export button can be downloaded as CSV; a click on a
// column's header sorts the rows shown by it.
document.addEventListener("click", (e) => {
  const header = e.target.closest("#vista th button.ordenar");
  if (header) {
    const th = header.closest("th");
    if (th.closest("table").dataset.serverSort !== undefined) serverSort(th);
    else sortBy(th);
  }
  const button = e.target.closest("button.exportar");
  if (button) download(button.dataset.name, toCsv(tableRows(document.getElementById(button.dataset.table))));
});


(async () => {
  const [tables, brand] = await Promise.all([api("GET", "/api/labels"), api("GET", "/api/brand").catch(() => ({}))]);
  useLabels(tables);
  ctx.causes = entries("causes");
  for (const el of $$(".empresa")) el.textContent = brand.company_name || "";
  let me = null;
  try { me = await api("GET", "/api/me"); } catch { /* not signed in */ }
  if (me) await show(me); else showLogin();
})().catch((err) => showLogin(err.message));
