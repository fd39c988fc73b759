// The code that identifies a letter when it comes back.
//
// A letter id is the year and a consecutive number: "2026-000123". The
// payload both barcodes carry adds a check character: "2026-000123-7". The
// check is ISO 7064 MOD 11-2 over the id's digits (a digit or 'X'); it
// catches every single wrong digit and every swap of two adjacent digits, so
// one misread cannot name another letter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cartero::letters {

// "2026-000123"; numbers beyond 999999 just get more digits.
std::string make_letter_id(int year, std::int64_t number);

// The check character of an id's digits ('0'..'9' or 'X').
char check_character(std::string_view letter_id);

// "2026-000123" -> "2026-000123-7".
std::string make_payload(std::string_view letter_id);

// The letter id a payload names, or nullopt when the text is not one of our
// payloads (wrong shape or wrong check character): a foreign barcode or a
// misread. Surrounding blanks are ignored.
std::optional<std::string> letter_id_from_payload(std::string_view payload);

}  // namespace cartero::letters
