// Small text helpers shared by the importers and the writers. UTF-8 in,
// UTF-8 out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cartero {

std::string_view trim(std::string_view s);

// `s` without a leading UTF-8 byte order mark (Notepad and Excel write one).
std::string_view without_utf8_bom(std::string_view s);

// Lower-cases ASCII and folds the Spanish accented vowels and ñ/ü to plain
// ASCII ("Sí" -> "si", "Facturación" -> "facturacion"); blanks and '-' become
// '_'. Used to compare codes and aliases, never to store text.
std::string fold_code(std::string_view s);

// Text as people search it, stored in the folded search columns and applied
// to what they type: ASCII lower case without accents ("Ibáñez" ->
// "ibanez"), '%' and '_' kept (typed, they are text to find, not
// wildcards), every other character a blank, blanks collapsed ("CL 45 #
// 12-30" -> "cl 45 12 30"). Other non-ASCII letters become blanks.
std::string fold_search(std::string_view s);
// The same with no blanks at all: a number in any punctuation
// ("100.000.007", "100 000 007") gives its bare digits ("100000007").
std::string bare_search(std::string_view s);
// A LIKE pattern finding `text` anywhere, with '%', '_' and '\' escaped
// (use with `ESCAPE '\'`).
std::string like_contains(std::string_view text);
// The distinct words of folded search text, as the word tables (migration
// 32) hold them: split at blanks, the " | " separators dropped, in their
// first order.
std::vector<std::string> search_words(std::string_view folded);
// The least text greater than every text starting with `prefix` (its last
// byte raised; words are ASCII), so that `word >= prefix AND word < end`
// finds the words starting with it by an index in byte order.
std::string prefix_end(std::string_view prefix);

// True when `s` is valid UTF-8.
bool is_valid_utf8(std::string_view s);

// Converts Windows-1252 text to UTF-8.
std::string cp1252_to_utf8(std::string_view s);

// A cell of a spreadsheet people open (CSV, XLSX) as text that Excel or
// LibreOffice will never evaluate (OWASP "CSV injection"): a value starting
// with '=', '+', '-', '@', tab or carriage return gets a leading apostrophe;
// plain numbers ("-5000", "+57 300") and everything else are unchanged.
// The one rule for every file people open: core/csv.hpp's CsvWriter and
// people_export's CSV and XLSX writers apply it to every text cell.
std::string spreadsheet_text(std::string_view cell);
bool starts_like_formula(std::string_view cell);

// Converts UTF-8 text to Windows-1252 (the WinAnsi encoding of PDF fonts);
// characters it cannot represent become '?'.
std::string utf8_to_cp1252(std::string_view s);

// A value as it came, in single quotes and cut at 60 bytes, for the
// messages that name a rejected value ("'30/02/2026' is not a date").
std::string quoted(std::string_view s);

}  // namespace cartero
