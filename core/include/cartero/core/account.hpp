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

// One row of the portfolio snapshot (accounts.csv).
struct Account {
  std::string account_id;
  std::string holder_name;
  std::string document_id;
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
