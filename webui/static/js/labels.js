// Spanish names for the codes the API sends, from the API's own label
// tables (GET /api/labels): the page never shows a code.

let tables = {};

// The tables as the API sent them: {name: [{code, label}, ...]}.
export function useLabels(json) { tables = json || {}; }

// [{code, label}] of a table, in the API's order.
export const entries = (table) => tables[table] || [];

// The label of `code` in `table`; the code itself only when the table does
// not know it (an empty code is "—").
export function label(table, code) {
  if (code === null || code === undefined || code === "") return "—";
  const found = entries(table).find((e) => e.code === code);
  return found ? found.label : String(code);
}

export const causeLabel = (code) => label("causes", code);

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
