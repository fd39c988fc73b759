// The settings of the returns side, in one JSON file (`--config` of the
// commands that register, import and report returns):
//   {"routing": {"moved": "field", "refused": "none", …},
//    "courier_causes": {"DEVUELTO POR PORTERIA": "refused", …},
//    "notified_causes": ["refused", "moved"],
//    "field_deadline_days": 15, "billing_deadline_days": 30}
// Every key is optional; what is absent keeps its default.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "cartero/core/database.hpp"
#include "cartero/returns/cases.hpp"
#include "cartero/returns/courier_import.hpp"
#include "cartero/returns/reports.hpp"

namespace cartero::returns {

struct ReturnSettings {
  Routing routing;
  CourierCauses courier = CourierCauses::defaults();
  // The courier's names the settings add, as they were written (`courier`
  // holds them folded, with the built-in ones).
  std::map<std::string, ReturnCause> courier_names;
  ReportSettings report;
};

// InputError naming `source` and the key for an unknown key, cause or route.
ReturnSettings return_settings_from_json(const std::string& json, const std::string& source);
ReturnSettings load_return_settings(const std::string& path);
// Every setting as JSON: the route of each cause, the courier's
// names added to the built-in ones, the notified causes and the deadlines.
// return_settings_from_json reads it back to the same settings.
std::string return_settings_to_json(const ReturnSettings& s);

// The name the returns settings are stored under (core/stored_settings.hpp).
inline constexpr const char* k_return_settings_name = "returns";
// The settings an admin saved, or the defaults when none were saved.
ReturnSettings current_return_settings(Database& db);
// `--config FILE` when given, else the stored settings.
ReturnSettings return_settings_for(Database& db, const std::optional<std::string>& config_path);

}  // namespace cartero::returns
