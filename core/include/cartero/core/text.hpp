// Small text helpers shared by the importers and the writers. UTF-8 in,
// UTF-8 out.
#pragma once

#include <string>
#include <string_view>

namespace cartero {

std::string_view trim(std::string_view s);

// `s` without a leading UTF-8 byte order mark (Notepad and Excel write one).
std::string_view without_utf8_bom(std::string_view s);

// Lower-cases ASCII and folds the Spanish accented vowels and ñ/ü to plain
// ASCII ("Sí" -> "si", "Facturación" -> "facturacion"); blanks and '-' become
// '_'. Used to compare codes and aliases, never to store text.
std::string fold_code(std::string_view s);

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
