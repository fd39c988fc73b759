// Any list as a CSV file (every list can be exported), with a BOM so
// spreadsheets read it as UTF-8.

export function csvLine(values) {
  return values.map((v) => `"${String(v ?? "").replace(/"/g, '""').trim()}"`).join(",");
}

export function toCsv(rows) {
  return rows.map(csvLine).join("\r\n") + "\r\n";
}

// A table's cells as rows (a cell's data-value wins over its text).
export function tableRows(table) {
  return [...table.querySelectorAll("tr")]
    .map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.dataset.value ?? c.innerText));
}

export function download(name, text) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob(["\ufeff" + text], { type: "text/csv;charset=utf-8" }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}
