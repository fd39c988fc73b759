// The settings of the returns side, in one JSON file (`--config` of the
// commands that register, import and report returns):
//   {"routing": {"moved": "field", "refused": "none", …},
//    "courier_causes": {"DEVUELTO POR PORTERIA": "refused", …},
//    "notified_causes": ["refused", "moved"],
//    "field_deadline_days": 15, "billing_deadline_days": 30}
// Every key is optional; what is absent keeps its default.
#pragma once

#include <string>

#include "cartero/returns/cases.hpp"
#include "cartero/returns/courier_import.hpp"
#include "cartero/returns/reports.hpp"

namespace cartero::returns {

struct ReturnSettings {
  Routing routing;
  CourierCauses courier = CourierCauses::defaults();
  ReportSettings report;
};

// InputError naming `source` and the key for an unknown key, cause or route.
ReturnSettings return_settings_from_json(const std::string& json, const std::string& source);
ReturnSettings load_return_settings(const std::string& path);

}  // namespace cartero::returns
