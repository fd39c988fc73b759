#include "cartero/core/causes.hpp"

#include <array>

#include "cartero/core/text.hpp"

namespace cartero {

namespace {

constexpr std::array<CauseInfo, 13> k_causes = {{
    {ReturnCause::nonexistent_address, "nonexistent_address", "Dirección inexistente", Route::field, LegalEffect::address_invalid},
    {ReturnCause::deficient_address, "deficient_address", "Dirección deficiente", Route::field, LegalEffect::address_invalid},
    {ReturnCause::demolished, "demolished", "Predio demolido", Route::billing, LegalEffect::address_invalid},
    {ReturnCause::vacant_lot, "vacant_lot", "Lote", Route::billing, LegalEffect::address_invalid},
    {ReturnCause::refused, "refused", "Rehusado", Route::none, LegalEffect::refused},
    {ReturnCause::unknown_addressee, "unknown_addressee", "Destinatario desconocido", Route::none, LegalEffect::addressee_absent},
    {ReturnCause::moved, "moved", "No reside", Route::none, LegalEffect::addressee_absent},
    {ReturnCause::closed, "closed", "Cerrado", Route::none, LegalEffect::not_delivered},
    {ReturnCause::deceased, "deceased", "Fallecido", Route::none, LegalEffect::addressee_absent},
    {ReturnCause::unclaimed, "unclaimed", "No reclamado", Route::none, LegalEffect::not_delivered},
    {ReturnCause::not_contacted, "not_contacted", "No contactado", Route::none, LegalEffect::not_delivered},
    {ReturnCause::force_majeure, "force_majeure", "Fuerza mayor", Route::none, LegalEffect::not_delivered},
    {ReturnCause::other, "other", "Otro", Route::none, LegalEffect::not_delivered},
}};

}  // namespace

std::span<const CauseInfo> all_causes() { return k_causes; }

const CauseInfo& cause_info(ReturnCause cause) { return k_causes[static_cast<std::size_t>(cause)]; }

std::optional<ReturnCause> parse_cause_code(std::string_view code) {
  const std::string folded = fold_code(code);
  for (const auto& info : k_causes) {
    if (info.code == folded) return info.cause;
  }
  return std::nullopt;
}

std::string_view legal_effect_code(LegalEffect effect) {
  switch (effect) {
    case LegalEffect::address_invalid: return "address_invalid";
    case LegalEffect::addressee_absent: return "addressee_absent";
    case LegalEffect::refused: return "refused";
    case LegalEffect::not_delivered: return "not_delivered";
  }
  return "not_delivered";
}

std::string_view legal_effect_label(LegalEffect effect) {
  switch (effect) {
    case LegalEffect::address_invalid: return "No notificado: la dirección no lleva al predio y debe corregirse";
    case LegalEffect::addressee_absent: return "No notificado: el destinatario no está en la dirección";
    case LegalEffect::refused: return "Entrega intentada: el destinatario rehusó recibir";
    case LegalEffect::not_delivered: return "No notificado: no se entregó, puede enviarse de nuevo";
  }
  return "";
}

}  // namespace cartero
