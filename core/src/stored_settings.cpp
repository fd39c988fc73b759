#include "cartero/core/stored_settings.hpp"

#include <ctime>

#include "cartero/core/sql.hpp"

namespace cartero {

namespace {

std::string now_utc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out;
}

}  // namespace

std::optional<std::string> stored_settings(Database& db, std::string_view name) {
  return sql::scalar(db, "SELECT json FROM settings WHERE name = ?", {std::string(name)});
}

void store_settings(Database& db, std::string_view name, const std::string& json, const std::string& user) {
  sql::exec(db, "DELETE FROM settings WHERE name = ?", {std::string(name)});
  sql::exec(db, "INSERT INTO settings (name, json, updated_at, updated_by) VALUES (?, ?, ?, ?)",
            {std::string(name), json, now_utc(), user});
}

}  // namespace cartero
