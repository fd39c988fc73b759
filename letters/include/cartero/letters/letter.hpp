// What one letter says, and who sends it. Plain values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "cartero/core/account.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/money.hpp"

namespace cartero::letters {

// The sender block and signature (settings: a JSON file with these keys).
struct Sender {
  std::string company_name;
  std::string company_nit;
  std::string company_address;
  std::string company_city;
  std::string company_phone;
  std::string company_web;
  std::string signer_name;
  std::string signer_title;
  // Optional: a legal-notice paragraph ({{legal_notice}} in the template)
  // and the company's logo, a PNG file (a path relative to the sender file),
  // printed left of the sender block.
  std::string legal_notice;
  std::string logo;      // the path as written in the file
  std::string logo_png;  // the PNG's bytes, read and checked when loaded
};

// The largest logo accepted.
inline constexpr std::size_t k_max_logo_bytes = 2 * 1024 * 1024;

// Reads sender settings from JSON text; InputError naming `source` and the
// key for an unknown key or a missing one. A "logo" is read relative to
// `base_dir` and must be a PNG without transparency (PDF/A-1) of at most
// 2 MB.
Sender sender_from_json(const std::string& json, const std::string& source, const std::string& base_dir = ".");
// The sender as JSON, the logo named by its SHA-256: what is kept with a
// batch as the sender block its letters were printed with.
std::string sender_to_json(const Sender& s);
// Checks a logo's bytes; InputError naming `source` when they are not a PNG
// the letters can carry.
void check_logo(const std::string& png, const std::string& source);
Sender load_sender(const std::string& path);
// The sender shipped with Cartero (letters/templates/sender.json).
Sender default_sender();

struct LetterContent {
  std::string letter_id;  // "2026-000123"
  std::string payload;    // what both codes carry: "2026-000123-7"
  std::string account_id;
  std::string document_id;
  std::string document_type;  // the export's ("NIT", "CC"…, or as written), else empty
  std::string holder_name;
  std::string address;
  std::string neighborhood;
  std::string city;
  std::string zone;
  Pesos balance = 0;
  int days_past_due = 0;
  Date cutoff;     // the batch's cutoff: the balance is at this date
  Date issued_on;  // the letter's date
};

// Decided in core from the export's document type or, without one, the
// document id (kept here under its earlier name).
using cartero::holder_is_business;
// "Señores" for a business, "Señor(a)" for a person, as holder_is_business decides.
std::string salutation(const LetterContent& l);

}  // namespace cartero::letters
