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

// Why a page needs a person, in the page's language: the label the API
// sends with the note's code (pages read before notes had codes keep their
// English note).
export const noteLabel = (page) => page.note_label || page.note || "—";
