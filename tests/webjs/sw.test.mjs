// sw.js: the shell kept on the phone holds every module the field page
// needs, so the page opens without signal (a module left out breaks it).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const STATIC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../webui/static");

function imports(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = fs.readFileSync(path.join(STATIC, file), "utf8");
  for (const m of text.matchAll(/^import\s[^;]*?from\s+"(\.[^"]+)";/gms)) imports(path.posix.join(path.posix.dirname(file), m[1]), seen);
  return seen;
}

test("the service worker keeps every module main.js and the field page import", () => {
  const sw = fs.readFileSync(path.join(STATIC, "sw.js"), "utf8");
  const shell = JSON.parse(sw.match(/const SHELL = (\[[^\]]*\]);/s)[1].replace(/\s+/g, " "));
  const needed = [...imports("js/main.js"), ...imports("js/pages/field.js")];
  for (const file of needed) assert.ok(shell.includes(file), `${file} is not in sw.js's SHELL`);
  for (const file of shell) assert.ok(fs.existsSync(path.join(STATIC, file)) || file.startsWith("vendor/"), `${file} does not exist`);
});
