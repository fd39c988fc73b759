#include "cartero/core/causes.hpp"

#include <array>

#include "cartero/core/text.hpp"

namespace cartero {

namespace {

constexpr std::array<CauseInfo, 10> k_causes = {{
    {ReturnCause::nonexistent_address, "nonexistent_address", "Dirección inexistente", Route::field},
    {ReturnCause::deficient_address, "deficient_address", "Dirección deficiente / incompleta", Route::field},
    {ReturnCause::demolished, "demolished", "Predio demolido", Route::billing},
    {ReturnCause::vacant_lot, "vacant_lot", "Lote", Route::billing},
    {ReturnCause::refused, "refused", "Rehusado", Route::none},
    {ReturnCause::unknown_addressee, "unknown_addressee", "Destinatario desconocido", Route::none},
    {ReturnCause::moved, "moved", "No reside / cambió de domicilio", Route::none},
    {ReturnCause::closed, "closed", "Cerrado", Route::none},
    {ReturnCause::deceased, "deceased", "Fallecido", Route::none},
    {ReturnCause::other, "other", "Otro", Route::none},
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

}  // namespace cartero
