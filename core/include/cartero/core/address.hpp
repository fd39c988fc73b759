// Colombian urban and rural addresses understood: the via (type in any
// spelling, number or name, letter, BIS, cardinal), the generator via after
// `#` / No. / N° / Nro, the plate, the complements (AP, TO, INT, CA, MZ, LT,
// BL, ET, PISO, OF, LC, CONJ, URB, BRR, ED), the non-grid forms (MZ 4 CA 66)
// and rural ones (VDA, KM, FINCA). Pure std code; thread-safe (no state).
// The conventions and their test table: tests/data/addresses.tsv.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cartero {

// complete: via type, via number or name, generator number and plate; or a
// manzana with its casa or lote. incomplete: something of that is missing.
// rural: vereda, kilometre or finca without a grid address. unreadable: not
// an address (empty, all digits, text with no address word, characters no
// address has such as emoji or mis-decoded Windows-1252 "Ã‘", over 200
// bytes) or more than one address in the field.
enum class AddressVerdict { complete, incomplete, rural, unreadable };
std::string_view code(AddressVerdict v);  // "complete", …
// Spanish text for people ("Dirección incompleta").
std::string_view label(AddressVerdict v);

struct AddressComplement {
  std::string type;   // "AP", "TO", "BRR", "VDA", "KM", …; "" for words not understood
  std::string value;  // "201", "LOS PINOS"; may be empty
};

struct ParsedAddress {
  AddressVerdict verdict = AddressVerdict::unreadable;
  // Upper case, DIAN/IGAC abbreviations, accents removed (Ñ kept):
  // "CL 45A BIS B SUR # 12 - 34 AP 201"; empty when unreadable.
  std::string canonical;
  std::string via_type;    // CL KR DG TV AV AC AK CQ AU CRT, or ""
  std::string via;         // number ("45") or name ("EL DORADO")
  std::string via_letter;  // "A", "AA"
  bool via_bis = false;
  std::string via_bis_letter, via_cardinal;
  std::string generator, generator_letter;  // number after '#'
  bool generator_bis = false;
  std::string generator_bis_letter, generator_cardinal;
  std::string plate;     // digits as written ("03")
  std::string cardinal;  // after the plate ("KR 5 # 10 - 20 ESTE")
  std::vector<AddressComplement> complements;  // in the order written
  // Why the verdict is not complete, in English ("no plate", "two addresses").
  std::string note;
};

// Never throws; any bytes give a verdict.
ParsedAddress parse_address(std::string_view text);

// The verdict alone (same rules), without building the canonical form.
AddressVerdict address_verdict(std::string_view text);

// True for the verdicts a letter should not be sent to (incomplete, unreadable).
inline bool unmailable(AddressVerdict v) { return v == AddressVerdict::incomplete || v == AddressVerdict::unreadable; }

// One JSON object: {"input", "canonical", "verdict", "parts": {…}}.
std::string address_json(std::string_view input, const ParsedAddress& a);

// A key that orders addresses for walking: via type, via number
// (numerically), its letter and BIS, generator number (numerically), plate
// (numerically). Addresses not understood sort after the others, by text.
std::string walking_key(const ParsedAddress& a);

}  // namespace cartero
