#include "cartero/core/account.hpp"

#include "cartero/core/text.hpp"

namespace cartero {

std::string_view code(UseType v) {
  switch (v) {
    case UseType::residential: return "residential";
    case UseType::commercial: return "commercial";
    case UseType::industrial: return "industrial";
    case UseType::official: return "official";
  }
  return "";
}

std::string_view code(BillingType v) { return v == BillingType::direct ? "direct" : "joint"; }

std::string_view code(Sanitation v) {
  switch (v) {
    case Sanitation::none: return "";
    case Sanitation::demolished: return "demolished";
    case Sanitation::vacant_lot: return "vacant_lot";
    case Sanitation::double_billing: return "double_billing";
  }
  return "";
}

std::optional<UseType> parse_use_type(std::string_view text) {
  // Canonical codes (what the database holds) first, without folding.
  for (auto v : {UseType::residential, UseType::commercial, UseType::industrial, UseType::official}) {
    if (text == code(v)) return v;
  }
  const std::string s = fold_code(text);
  if (s == "residential" || s == "residencial") return UseType::residential;
  if (s == "commercial" || s == "comercial") return UseType::commercial;
  if (s == "industrial") return UseType::industrial;
  if (s == "official" || s == "oficial") return UseType::official;
  return std::nullopt;
}

std::optional<BillingType> parse_billing_type(std::string_view text) {
  if (text == "direct") return BillingType::direct;
  if (text == "joint") return BillingType::joint;
  const std::string s = fold_code(text);
  if (s == "direct" || s == "directa") return BillingType::direct;
  if (s == "joint" || s == "conjunta") return BillingType::joint;
  return std::nullopt;
}

std::optional<Sanitation> parse_sanitation(std::string_view text) {
  if (text.empty()) return Sanitation::none;
  for (auto v : {Sanitation::demolished, Sanitation::vacant_lot, Sanitation::double_billing}) {
    if (text == code(v)) return v;
  }
  const std::string s = fold_code(text);
  if (s.empty() || s == "none" || s == "ninguno" || s == "ninguna") return Sanitation::none;
  if (s == "demolished" || s == "demolido") return Sanitation::demolished;
  if (s == "vacant_lot" || s == "lote") return Sanitation::vacant_lot;
  if (s == "double_billing" || s == "doble_facturacion") return Sanitation::double_billing;
  return std::nullopt;
}

std::optional<bool> parse_flag(std::string_view text) {
  const std::string s = fold_code(text);
  if (s.empty() || s == "0" || s == "false" || s == "no" || s == "n") return false;
  if (s == "1" || s == "true" || s == "yes" || s == "si" || s == "s" || s == "y") return true;
  return std::nullopt;
}

}  // namespace cartero
