// The pages each role may open and how a location hash names one of them:
// "#cuenta/123" is the page "cuenta" with the parameter "123".

export const PAGES = {
  tablero: { title: "Tablero", module: "dashboard" },
  cartera: { title: "Cartera", module: "portfolio" },
  lotes: { title: "Lotes", module: "batches" },
  campana: { title: "Efectividad", module: "campaign" },
  buro: { title: "Centrales de riesgo", menu: "Centrales", module: "bureau" },  // short in the menu: one line at 1366 px
  cuenta: { title: "Cuentas", module: "account" },
  carga: { title: "Escaneo", module: "scans" },
  revision: { title: "Revisión", module: "review" },
  registro: { title: "Registro", module: "register" },
  terreno: { title: "Terreno", module: "field" },
  facturacion: { title: "Facturación", module: "billing" },
  usuarios: { title: "Usuarios", module: "users" },
  zonas: { title: "Zonas", module: "zones" },
  ajustes: { title: "Ajustes", module: "settings" },
  auditoria: { title: "Auditoría", module: "audit" },
};

export const VIEWS = {
  admin: ["tablero", "cartera", "lotes", "cuenta", "carga", "revision", "registro", "terreno", "facturacion", "usuarios", "zonas", "ajustes", "auditoria"],
  analyst: ["tablero", "cartera", "lotes", "cuenta", "carga", "revision", "registro", "terreno", "facturacion", "zonas"],
  office: ["carga", "revision", "registro", "cuenta"],
  field: ["terreno"],
  billing: ["facturacion", "cuenta"],
  // Reads what analysts read and approves batches; imports and selects nothing.
  supervisor: ["tablero", "lotes", "campana", "buro", "cuenta"],
};
// The campaign's pages (what the letters recovered, the bureau report), after Lotes.
for (const role of ["admin", "analyst"]) VIEWS[role].splice(VIEWS[role].indexOf("lotes") + 1, 0, "campana", "buro");

// {view, param} for `hash` and `role`: an unknown or forbidden page is the
// role's first page.
export function resolve(hash, role) {
  const views = VIEWS[role] || [];
  const text = String(hash || "").replace(/^#/, "");
  const cut = text.indexOf("/");
  const name = cut < 0 ? text : text.slice(0, cut);
  let param = cut < 0 ? "" : text.slice(cut + 1);
  try { param = decodeURIComponent(param); } catch { /* kept as typed */ }
  if (!views.includes(name)) return { view: views[0] || null, param: "" };
  return { view: name, param };
}

export const link = (view, param) => `#${view}${param === undefined || param === "" ? "" : "/" + encodeURIComponent(param)}`;
