#include "cartero/selection/reasons.hpp"

#include <array>
#include <bit>

namespace cartero::selection {

namespace {

struct ReasonInfo {
  std::string_view code;
  std::string_view label;
};

constexpr std::array<ReasonInfo, k_reason_count> k_reasons = {{
    {"missing_address", "Sin dirección"},
    {"no_threshold", "Tipo de uso sin umbral de cobro"},
    {"below_threshold", "Saldo no supera el umbral"},
    {"not_delinquent", "Mora no supera los días mínimos"},
    {"legal_collection", "En cobro jurídico"},
    {"sanitation", "Marcada para saneamiento"},
    {"recent_payment", "Abono reciente"},
    {"recent_letter", "Carta enviada en el último bimestre"},
    {"pending_address_check", "Dirección pendiente de verificación en terreno"},
    {"pending_billing_check", "Caso abierto en facturación"},
    {"over_capacity", "Fuera del cupo del lote"},
    {"address_incomplete", "Dirección incompleta o ilegible: enviada a verificación en terreno"},
    {"control_group", "Grupo de control: sin aviso este ciclo, para medir el efecto de las cartas"},
    {"missing_holder_name", "Sin nombre del titular"},
    {"open_claim", "Reclamo o recurso en trámite"},
    {"payment_agreement", "Acuerdo de pago vigente"},
    {"deceased_holder", "Titular fallecido"},
    {"insolvency", "En proceso de insolvencia"},
    {"recent_contact", "Contactado por otro canal en los últimos días"},
}};

}  // namespace

std::string_view code(Reason r) { return k_reasons[static_cast<std::size_t>(r)].code; }
std::string_view label(Reason r) { return k_reasons[static_cast<std::size_t>(r)].label; }

std::optional<Reason> parse_reason(std::string_view c) {
  for (std::size_t i = 0; i < k_reasons.size(); ++i) {
    if (k_reasons[i].code == c) return static_cast<Reason>(i);
  }
  return std::nullopt;
}

Reason Reasons::first() const {
  for (const Reason r : k_reason_order) {
    if (has(r)) return r;
  }
  return static_cast<Reason>(std::countr_zero(m_bits));
}

std::string Reasons::joined() const {
  std::string out;
  for (const Reason r : k_reason_order) {
    if (!has(r)) continue;
    if (!out.empty()) out.push_back(';');
    out += k_reasons[static_cast<std::size_t>(r)].code;
  }
  return out;
}

}  // namespace cartero::selection
