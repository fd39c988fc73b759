// The settings an admin saves (selection rules; returns routing, courier
// names, deadlines), read and written the same way from the web UI and the
// command line: checked whole, stored, and audited with before and after.
#pragma once

#include <string>

#include "cartero/core/database.hpp"

namespace cartero::webui {

// {"selection": {...}, "returns": {...}, "import": {...}}: every setting in
// force (saved or default); "import" is the import profile.
std::string settings_in_force_json(Database& db);

// True for "selection", "returns" and "import".
bool is_settings_kind(const std::string& kind);

// Checks `json` as settings of `kind` (InputError naming `source` and the
// key), stores them and writes the audit line in one transaction. Returns
// the saved settings, every key, as JSON.
std::string save_settings(Database& db, const std::string& kind, const std::string& json, const std::string& source,
                          const std::string& user);

}  // namespace cartero::webui
