// Return causes: the one place for their codes, their Spanish labels (printed
// on the letter's panel, shown in the UI) and their order on the panel.
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
  other,
};

enum class Route { field, billing, none };

struct CauseInfo {
  ReturnCause cause;
  std::string_view code;   // "nonexistent_address"
  std::string_view label;  // "Dirección inexistente"
  Route default_route;
};

// All ten causes in panel order.
std::span<const CauseInfo> all_causes();
const CauseInfo& cause_info(ReturnCause cause);
// By English code, case-insensitive; nullopt when unknown.
std::optional<ReturnCause> parse_cause_code(std::string_view code);

}  // namespace cartero
