// dom.js: every interpolated value is escaped unless it is markup made by html``.
import { test } from "node:test";
import assert from "node:assert/strict";
import { escapeHtml, html, isHtml, render } from "../../webui/static/js/dom.js";

test("a holder's name with markup is shown as text, never run", () => {
  const name = `<img src=x onerror="alert(1)">O'Brien & Hijos`;
  assert.equal(html`<td>${name}</td>`.toString(),
    "<td>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;O&#39;Brien &amp; Hijos</td>");
});

test("an attribute value cannot close its quotes", () => {
  const zone = `Z1" onclick="steal()`;
  assert.equal(html`<option value="${zone}">`.toString(), `<option value="Z1&quot; onclick=&quot;steal()">`);
});

test("nested markup and lists of markup are kept; their values escaped once", () => {
  const rows = ["a<b", "c&d"].map((v) => html`<li>${v}</li>`);
  assert.equal(html`<ul>${rows}</ul>`.toString(), "<ul><li>a&lt;b</li><li>c&amp;d</li></ul>");
});

test("null, undefined and false print nothing; 0 prints 0", () => {
  assert.equal(html`[${null}${undefined}${false}${0}]`.toString(), "[0]");
  assert.equal(html`${1 > 2 && html`<b>no</b>`}`.toString(), "");
});

test("a plain string that looks like markup is not markup", () => {
  assert.equal(isHtml("<b>x</b>"), false);
  assert.equal(isHtml(html`<b>x</b>`), true);
  assert.equal(html`${"<b>x</b>"}`.toString(), "&lt;b&gt;x&lt;/b&gt;");
});

test("render refuses anything but html`` markup", () => {
  const element = { innerHTML: "" };
  assert.throws(() => render(element, "<b>unescaped</b>"), TypeError);
  render(element, html`<b>${"<i>"}</b>`);
  assert.equal(element.innerHTML, "<b>&lt;i&gt;</b>");
});

test("escapeHtml escapes the five characters that matter", () => {
  assert.equal(escapeHtml(`&<>"'`), "&amp;&lt;&gt;&quot;&#39;");
  assert.equal(escapeHtml(undefined), "");
});
