// Return causes: the one place for their codes, their Spanish labels (printed
// on the letter's panel, shown in the UI), their legal effect and their order
// on the panel. They are the causes 4-72 (the national postal operator)
// returns letters with, plus the utility's own (demolished, vacant lot); 4-72's
// "Apartado clausurado" and "Dirección errada" are address causes
// (nonexistent_address).
// Routing of each cause is a setting of `returns/`; the default is here so
// that every folder agrees on it.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace cartero {

enum class ReturnCause {
  nonexistent_address,
  deficient_address,
  demolished,
  vacant_lot,
  refused,
  unknown_addressee,
  moved,
  closed,
  deceased,
  unclaimed,      // No reclamado: left at the post office, never collected
  not_contacted,  // No contactado: nobody there on the courier's visits
  force_majeure,  // Fuerza mayor: the area could not be reached
  other,
};

enum class Route { field, billing, none };

// What a return with the cause means for the notice the letter carried.
enum class LegalEffect {
  address_invalid,   // the address does not lead to the property: not notified, the address must be corrected
  addressee_absent,  // the addressee is not at the address: not notified
  refused,           // delivered and refused: the delivery was attempted (reports may count it as notified)
  not_delivered,     // not delivered for a reason outside the address: not notified, send again
};

struct CauseInfo {
  ReturnCause cause;
  std::string_view code;   // "nonexistent_address"
  std::string_view label;  // "Dirección inexistente"
  Route default_route;
  LegalEffect effect;
};

// All causes in panel order.
std::span<const CauseInfo> all_causes();
const CauseInfo& cause_info(ReturnCause cause);
// By English code, case-insensitive; nullopt when unknown.
std::optional<ReturnCause> parse_cause_code(std::string_view code);
// "address_invalid", "addressee_absent", "refused", "not_delivered".
std::string_view legal_effect_code(LegalEffect effect);
// The effect in Spanish, for people: "No notificado: la dirección debe corregirse".
std::string_view legal_effect_label(LegalEffect effect);

}  // namespace cartero
