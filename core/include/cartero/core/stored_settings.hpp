// Settings kept in the database (what an admin edits in the web UI), one
// JSON document per name ("selection", "returns"). The folders that own a
// kind of settings parse and validate the document; this is only where it
// is kept. A command's `--config FILE` is used instead of the stored one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cartero/core/database.hpp"

namespace cartero {

// The stored document, or nullopt when none was saved (the defaults apply).
std::optional<std::string> stored_settings(Database& db, std::string_view name);

// Replaces the document `name`; inside the caller's sql::Transaction, so
// that the change and its audit line are one write.
void store_settings(Database& db, std::string_view name, const std::string& json, const std::string& user);

}  // namespace cartero
