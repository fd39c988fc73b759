// Text as people search it: without accents or case ("ibañez" finds
// "IBÁÑEZ"), and digits without punctuation ("100.000.007" finds 100000007).

export function fold(text) {
  return String(text ?? "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
}

// True when every word of `query` is in `text` (folded; a word of digits
// also matches with its punctuation removed).
export function matches(text, query) {
  const hay = fold(text);
  const digits = hay.replace(/[^0-9a-z ]/g, "");
  return fold(query).split(" ").filter(Boolean).every((word) => {
    const bare = word.replace(/[^0-9a-z]/g, "");
    return hay.includes(word) || (bare && digits.replace(/ /g, "").includes(bare));
  });
}
