// Markup from data without injection: `html` escapes every interpolated
// value unless it is itself markup made by `html` (or a list of such), and
// `render`/`append` accept nothing else, so no innerHTML ever receives text
// that was not escaped.

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// Markup known to be safe: only `html` makes it.
class Html {
  #text;
  constructor(text) { this.#text = text; }
  toString() { return this.#text; }
}

function piece(value) {
  if (value instanceof Html) return value.toString();
  if (Array.isArray(value)) return value.map(piece).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(value);
}

// html`<td>${name}</td>`: `name` is escaped; null, undefined and false print
// nothing (so `${cond && html`…`}` works); arrays are joined.
export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((value, i) => { out += piece(value) + strings[i + 1]; });
  return new Html(out);
}

export function isHtml(value) { return value instanceof Html; }

function checked(content) {
  if (!(content instanceof Html)) throw new TypeError("render() takes markup made by html``");
  return content.toString();
}

// Replaces the element's content.
export function render(element, content) { element.innerHTML = checked(content); }

// Adds after the element's content.
export function append(element, content) { element.insertAdjacentHTML("beforeend", checked(content)); }

// Replaces the element itself.
export function replace(element, content) {
  const template = document.createElement("template");
  template.innerHTML = checked(content);
  element.replaceWith(template.content);
}

export function $(selector, root = document) { return root.querySelector(selector); }
export function $$(selector, root = document) { return [...root.querySelectorAll(selector)]; }

// Sets a status line: its text and whether it says success or failure.
export function say(element, text, ok) {
  if (!element) return;
  element.textContent = text;
  element.classList.toggle("error", ok === false);
  element.classList.toggle("ok", ok === true);
}
