// An audit line as a sentence ("root cambió el usuario luis") and its
// before/after as readable changes ("Zonas: Z1 → Z1, Z2"), with the API's
// labels for every code.
import { date, dateTime, instant } from "./format.js";
import { entries, label } from "./labels.js";

// Which label table names the values under a key.
const VALUE_TABLES = { role: "roles", outcome: "outcomes", decision: "outcomes", status: "batch_statuses", cause: "causes",
  notified_causes: "causes", routing: "routes", courier_causes: "causes", kind: "case_kinds", use_type: "use_types",
  billing_type: "billing_types", sanitation: "sanitation", source: "sources", manifest_order: "manifest_orders" };

// Flattens {"a": {"b": 1}} into [["a.b", 1]]; arrays stay values.
export function flatten(value, prefix = "", out = []) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.push([prefix, value]);
  }
  return out;
}

function fieldName(path) {
  const parts = path.split(".");
  // routing.moved -> "Envío por causal: Se trasteó"; thresholds.residential -> "Umbrales: Residencial"
  const head = label("fields", parts[0]);
  if (parts.length === 1) return head;
  const rest = parts.slice(1).map((p) => {
    const cause = entries("causes").find((c) => c.code === p);
    return cause ? cause.label : label("fields", p);
  });
  return `${head}: ${rest.join(" ")}`;
}

export function valueText(path, value) {
  const key = path.split(".")[0];
  const table = VALUE_TABLES[key] || VALUE_TABLES[path.split(".").pop()];
  const one = (v) => {
    if (v === null || v === undefined || v === "") return "sin valor";
    if (v === true) return "sí";
    if (v === false) return "no";
    if (typeof v === "number") return v.toLocaleString("es-CO");
    if (table) return label(table, v);
    // Dates and moments as people read them, in Bogotá.
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return date(v);
    if (instant(v)) return dateTime(v);
    return String(v);
  };
  if (Array.isArray(value)) return value.length ? value.map(one).join(", ") : "ninguna";
  return one(value);
}

// [{field, before, after}] for every value that changed (or was set).
export function changes(before, after) {
  const a = new Map(flatten(before || {}));
  const b = new Map(flatten(after || {}));
  const out = [];
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    if (JSON.stringify(a.get(path)) === JSON.stringify(b.get(path))) continue;
    out.push({ field: fieldName(path), before: a.has(path) ? valueText(path, a.get(path)) : null, after: b.has(path) ? valueText(path, b.get(path)) : null });
  }
  return out;
}

// "root cambió el usuario luis" (the target left out when the verb says it all).
export function sentence(line) {
  const known = entries("audit_actions").find((e) => e.code === line.action);
  const verb = known ? known.label : "registró un cambio en";
  const target = /^(settings\.|login|logout)/.test(line.action) ? "" : line.target;
  return `${line.user} ${verb}${target ? ` ${target}` : ""}`;
}
