#include "cartero/webui/settings.hpp"

#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/stored_settings.hpp"
#include "cartero/returns/settings.hpp"
#include "cartero/selection/settings.hpp"
#include "cartero/access/audit.hpp"

namespace cartero::webui {

std::string settings_in_force_json(Database& db) {
  return "{\"selection\":" + selection::settings_to_json(selection::current_settings(db)) +
         ",\"returns\":" + returns::return_settings_to_json(returns::current_return_settings(db)) + "}";
}

bool is_settings_kind(const std::string& kind) { return kind == "selection" || kind == "returns"; }

std::string save_settings(Database& db, const std::string& kind, const std::string& json, const std::string& source,
                          const std::string& user) {
  if (!is_settings_kind(kind)) throw InputError("unknown settings '" + kind + "' (selection or returns)");
  const bool selection = kind == "selection";
  const std::string before = selection ? selection::settings_to_json(selection::current_settings(db))
                                       : returns::return_settings_to_json(returns::current_return_settings(db));
  const std::string after = selection ? selection::settings_to_json(selection::settings_from_json(json, source))
                                      : returns::return_settings_to_json(returns::return_settings_from_json(json, source));
  sql::Transaction tx(db);
  store_settings(db, selection ? selection::k_settings_name : returns::k_return_settings_name, after, user);
  access::audit(db, user, "settings." + kind, kind, before, after);
  tx.commit();
  return after;
}

}  // namespace cartero::webui
