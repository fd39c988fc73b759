// The portfolio as the utility exports it: accounts, payments and the letters
// sent before Cartero. Plain values, std only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cartero/core/date.hpp"
#include "cartero/core/money.hpp"

namespace cartero {

enum class UseType { residential, commercial, industrial, official };
enum class BillingType { direct, joint };
enum class Sanitation { none, demolished, vacant_lot, double_billing };

// The English code written in files and the database ("residential", ...).
std::string_view code(UseType v);
std::string_view code(BillingType v);
std::string_view code(Sanitation v);  // none -> ""

// Codes and their Spanish aliases, case-insensitive, accents optional
// ("Residencial", "comercial", "DEMOLIDO", "doble facturación").
std::optional<UseType> parse_use_type(std::string_view text);
std::optional<BillingType> parse_billing_type(std::string_view text);
// Empty text is Sanitation::none.
std::optional<Sanitation> parse_sanitation(std::string_view text);
// 1/0, true/false, yes/no, si/sí/no; empty is false.
std::optional<bool> parse_flag(std::string_view text);

// The holder's identity document type, by the code Colombian registries and
// the DIAN use: "CC" (cédula de ciudadanía), "CE" (de extranjería), "TI"
// (tarjeta de identidad), "RC" (registro civil), "TE" (tarjeta de
// extranjería), "PP" (pasaporte), "PEP", "PPT", "DIE" (documento de
// identificación extranjero), "CD" (carné diplomático), "NUIP" and "NIT".
// The code a written type stands for: the code or its Spanish name in any
// case, with or without dots, blanks or accents ("C.C.", "Cédula de
// ciudadanía", "N.I.T.", "Pasaporte", "PA"), the DIAN's numeric code ("13",
// "31"), or "RUT" (the tax registry, whose number is the NIT). nullopt for
// an empty or unknown text.
std::optional<std::string_view> parse_document_type(std::string_view text);
// The Spanish name of a code ("Cédula de ciudadanía", "NIT"); any other
// text is returned as it is.
std::string_view document_type_label(std::string_view type);
// Whether the holder is a business (the letter says "Señores", else
// "Señor(a)"). A known document type decides: NIT is a business, any other
// a person. Without one (empty, or a value parse_document_type does not
// know) the document id does: a NIT's shape (9 digits starting with 8 or 9,
// with or without dots and the check digit: "900.123.456-7", or "NIT" in
// it) is a business.
bool holder_is_business(std::string_view document_type, std::string_view document_id);

// One row of the portfolio snapshot (accounts.csv).
struct Account {
  std::string account_id;
  std::string holder_name;
  std::string document_id;
  // The export's document type: a code of parse_document_type, or the value
  // as written when it is not one; empty when the export has none.
  std::string document_type;
  UseType use_type = UseType::residential;
  std::string address;
  std::string neighborhood;
  std::string city;
  std::string zone;
  BillingType billing_type = BillingType::direct;
  Pesos balance = 0;
  int days_past_due = 0;
  bool legal_collection = false;
  Sanitation sanitation = Sanitation::none;
};

// One row of payments.csv.
struct Payment {
  std::string account_id;
  Date paid_on;
  Pesos amount = 0;
};

// One row of letters.csv: a letter sent before Cartero.
struct PriorLetter {
  std::string account_id;
  Date sent_on;
};

}  // namespace cartero
