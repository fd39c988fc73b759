// Sorting a table's rows by a column, as people read the values: numbers
// by value ("1.234" after "999"), dates by date (dd/mm/aaaa), text
// alphabetically ignoring accents and case.

const collator = new Intl.Collator("es", { sensitivity: "base", numeric: true });

// What a cell sorts by: a number, or a text.
export function sortKey(text) {
  const t = String(text ?? "").trim();
  const day = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}))?$/.exec(t);
  if (day) return Number(`${day[3]}${day[2]}${day[1]}${day[4] || "00"}${day[5] || "00"}`);
  const money = t.replace(/^\$\s*/, "").replace(/\./g, "").replace(",", ".");
  if (/^-?\d+(\.\d+)?$/.test(money)) return Number(money);
  return t;
}

export function compareKeys(a, b) {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return collator.compare(a, b);
}

// Sorts `rows` (arrays of cell texts) by column `index`; stable.
export function sortRows(rows, index, ascending = true) {
  return rows.map((r, i) => [sortKey(r[index]), i, r])
    .sort((x, y) => compareKeys(x[0], y[0]) * (ascending ? 1 : -1) || x[1] - y[1]).map((x) => x[2]);
}

// Makes every header of `table` a button that sorts its rows (click again:
// the other way); headers marked .sin-orden and tables data-sortable="no"
// are left alone. A paged list (data-server-sort) is sorted by the server:
// only its headers with a data-sort key (the list's whitelist) sort.
export function makeSortable(table) {
  if (table.dataset.sortable === "no" || !table.tHead) return;
  const server = table.dataset.serverSort !== undefined;
  for (const th of table.tHead.querySelectorAll("th")) {
    if (th.querySelector("button") || th.classList.contains("sin-orden") || !th.textContent.trim()) continue;
    if (server && !th.dataset.sort) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ordenar";
    button.textContent = th.textContent.trim();
    th.textContent = "";
    th.append(button);
    if (!th.hasAttribute("aria-sort")) th.setAttribute("aria-sort", "none");
  }
  phoneSorter(table);
  // "Ordenar por" only while there are rows to sort.
  const sorter = table.previousElementSibling;
  if (sorter?.classList.contains("orden-movil")) {
    sorter.hidden = [...(table.tBodies[0]?.rows || [])].filter((r) => !(r.cells.length === 1 && r.cells[0].colSpan > 1)).length < 2;
  }
}

// On a phone a table reads as cards and its headers are hidden: an
// "Ordenar por" list above it sorts by the same columns, either way.
function phoneSorter(table) {
  const headers = [...table.tHead.querySelectorAll("th[aria-sort]")];
  if (!headers.length || table.previousElementSibling?.classList.contains("orden-movil")) return;
  const label = document.createElement("label");
  label.className = "orden-movil";
  label.append("Ordenar por");
  const select = document.createElement("select");
  select.className = "form-select form-select-sm";
  select.add(new Option("—", ""));
  headers.forEach((th, i) => {
    const name = th.textContent.trim();
    select.add(new Option(`${name} ▲`, `${i}:asc`));
    select.add(new Option(`${name} ▼`, `${i}:desc`));
  });
  select.addEventListener("change", () => {
    if (!select.value) return;
    const [i, dir] = select.value.split(":");
    const th = headers[Number(i)];
    th.setAttribute("aria-sort", dir === "asc" ? "none" : "ascending");  // the click turns it the way asked
    if (table.dataset.serverSort !== undefined) serverSort(th);
    else sortBy(th);
  });
  label.append(select);
  table.before(label);
}

// The order of a paged list, asked of the server: the header's key and the
// other way from what it shows, marked with aria-sort (and its ▲/▼), told
// to the page by an "ordenar" event ({key, dir}) that reloads the list.
export function serverSort(th) {
  const table = th.closest("table");
  const ascending = th.getAttribute("aria-sort") !== "ascending";
  for (const other of table.tHead.querySelectorAll("th[aria-sort]")) other.setAttribute("aria-sort", "none");
  th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  table.dispatchEvent(new CustomEvent("ordenar", { detail: { key: th.dataset.sort, dir: ascending ? "asc" : "desc" } }));
}

export function sortBy(th) {
  const table = th.closest("table");
  const body = table.tBodies[0];
  const rows = [...body.rows];
  if (!rows.length || rows.some((r) => r.cells.length === 1 && r.cells[0].colSpan > 1)) return;
  const index = [...th.parentElement.children].indexOf(th);
  const ascending = th.getAttribute("aria-sort") !== "ascending";
  for (const other of table.tHead.querySelectorAll("th[aria-sort]")) other.setAttribute("aria-sort", "none");
  th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  const keyed = rows.map((r, i) => [sortKey(r.cells[index]?.dataset.value ?? r.cells[index]?.textContent), i, r]);
  keyed.sort((x, y) => compareKeys(x[0], y[0]) * (ascending ? 1 : -1) || x[1] - y[1]);
  for (const [, , row] of keyed) body.append(row);
}
