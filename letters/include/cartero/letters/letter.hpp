// What one letter says, and who sends it. Plain values.
#pragma once

#include <string>

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
};

// Reads sender settings from JSON text; InputError naming `source` and the
// key for an unknown key or a missing one.
Sender sender_from_json(const std::string& json, const std::string& source);
Sender load_sender(const std::string& path);
// The sender shipped with Cartero (letters/templates/sender.json).
Sender default_sender();

struct LetterContent {
  std::string letter_id;  // "2026-000123"
  std::string payload;    // what both codes carry: "2026-000123-7"
  std::string account_id;
  std::string document_id;
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

}  // namespace cartero::letters
