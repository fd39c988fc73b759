// Spanish names for the codes the API sends (the causes come from the API
// itself: /api/causes).

export const ROLES = { admin: "administrador", analyst: "analista", office: "oficina", field: "terreno", billing: "facturación" };
export const CASE_KINDS = { field_check: "Verificación en terreno", cleanup: "Saneamiento", address_update: "Actualización de dirección" };
export const STATUS = { draft: "borrador", generated: "impreso", dispatched: "despachado" };
export const SOURCES = { scan: "escaneo", scan_review: "escaneo revisado", hand: "a mano", courier_file: "planilla" };
export const ROUTES = { field: "Terreno", billing: "Facturación", none: "Solo registro" };
export const OUTCOMES = {
  address_ok: "Dirección correcta", address_corrected: "Dirección corregida", address_wrong: "Dirección errada",
  demolished: "Predio demolido", vacant_lot: "Lote", confirmed: "Confirmado", rejected: "Rechazado", done: "Actualizada",
};

// The label of `code` in `table`, or the code itself when the table lacks it.
export const label = (table, code) => (code in table ? table[code] : code);

// The label of a cause code in the API's list [{code, label}].
export function causeLabel(causes, code) {
  const found = causes.find((c) => c.code === code);
  return found ? found.label : code || "—";
}

// Why a page needs a person, in the page's language.
const NOTES = [
  ["no cause box is marked", "No se marcó ninguna causal"],
  ["more than one cause box is marked", "Hay más de una causal marcada"],
  ["the mark is faint or unclear", "La marca es tenue o dudosa"],
  ["name different letters", "Los dos códigos nombran cartas distintas"],
  ["is not a letter Cartero printed", "La carta no fue impresa por Cartero"],
  ["never dispatched", "La carta es de un lote no despachado"],
  ["could not be aligned", "No se pudo alinear la página"],
];
export function noteInSpanish(note) {
  const known = NOTES.find(([en]) => (note || "").includes(en));
  return known ? known[1] : note;
}
