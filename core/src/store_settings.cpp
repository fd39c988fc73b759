// Store of the `settings` table (core owns it): one JSON document per name.
#include "cartero/core/stored_settings.hpp"

#include "cartero/core/date.hpp"
#include "cartero/core/sql.hpp"

namespace cartero {

std::optional<std::string> stored_settings(Database& db, std::string_view name) {
  return sql::scalar(db, "SELECT json FROM settings WHERE name = ?", {std::string(name)});
}

void store_settings(Database& db, std::string_view name, const std::string& json, const std::string& user) {
  sql::exec(db, "DELETE FROM settings WHERE name = ?", {std::string(name)});
  sql::exec(db, "INSERT INTO settings (name, json, updated_at, updated_by) VALUES (?, ?, ?, ?)",
            {std::string(name), json, now_utc_iso(), user});
}

}  // namespace cartero
