#include "cartero/webui/settings.hpp"

#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/stored_settings.hpp"
#include "cartero/returns/settings.hpp"
#include "cartero/proof/notice_clock.hpp"
#include "cartero/selection/import_profile.hpp"
#include "cartero/selection/settings.hpp"
#include "cartero/access/audit.hpp"

namespace cartero::webui {

std::string settings_in_force_json(Database& db) {
  return "{\"selection\":" + selection::settings_to_json(selection::current_settings(db)) +
         ",\"returns\":" + returns::return_settings_to_json(returns::current_return_settings(db)) +
         ",\"import\":" + selection::import_profile_to_json(selection::current_import_profile(db)) +
         ",\"bureau\":" + proof::bureau_settings_to_json(proof::current_bureau_settings(db)) + "}";
}

namespace {

// The settings in force before a save, for the audit line. A stored document
// that no longer reads (saved by an older Cartero without range checks) is
// kept as its raw text, so that saving corrected settings repairs it.
std::string before_json(Database& db, const std::string& kind) {
  const bool selection = kind == "selection";
  try {
    return selection ? selection::settings_to_json(selection::current_settings(db))
                     : returns::return_settings_to_json(returns::current_return_settings(db));
  } catch (const InputError&) {
    return json_quote(stored_settings(db, selection ? selection::k_settings_name : returns::k_return_settings_name).value_or(""));
  }
}

}  // namespace

bool is_settings_kind(const std::string& kind) {
  return kind == "selection" || kind == "returns" || kind == "import" || kind == "bureau";
}

std::string save_settings(Database& db, const std::string& kind, const std::string& json, const std::string& source,
                          const std::string& user) {
  if (!is_settings_kind(kind)) throw InputError("unknown settings '" + kind + "' (selection, returns, import or bureau)");
  if (kind == "bureau") {
    // The Ley 1266 notice clock: notice days, small-debt share, minimum wages.
    std::string before;
    try {
      before = proof::bureau_settings_to_json(proof::current_bureau_settings(db));
    } catch (const InputError&) {
      before = json_quote(stored_settings(db, proof::k_bureau_settings_name).value_or(""));
    }
    const std::string after = proof::bureau_settings_to_json(proof::bureau_settings_from_json(json, source));
    proof::bureau_settings_from_json(after, "settings as saved");
    sql::Transaction tx(db);
    store_settings(db, proof::k_bureau_settings_name, after, user);
    audit(db, user, "settings.bureau", kind, before, after);
    tx.commit();
    return after;
  }
  if (kind == "import") {
    // The import profile: how the office's own exports are read.
    std::string before;
    try {
      before = selection::import_profile_to_json(selection::current_import_profile(db));
    } catch (const InputError&) {
      before = json_quote(stored_settings(db, selection::k_import_profile_name).value_or(""));
    }
    const std::string after = selection::import_profile_to_json(selection::import_profile_from_json(json, source));
    selection::import_profile_from_json(after, "settings as saved");
    sql::Transaction tx(db);
    store_settings(db, selection::k_import_profile_name, after, user);
    access::audit(db, user, "settings.import", kind, before, after);
    tx.commit();
    return after;
  }
  const bool selection = kind == "selection";
  const std::string after = selection ? selection::settings_to_json(selection::settings_from_json(json, source))
                                      : returns::return_settings_to_json(returns::return_settings_from_json(json, source));
  // What is stored must read back: a value the parser would refuse never
  // reaches the database, where it would block every later command.
  if (selection) {
    selection::settings_from_json(after, "settings as saved");
  } else {
    returns::return_settings_from_json(after, "settings as saved");
  }
  const std::string before = before_json(db, kind);
  sql::Transaction tx(db);
  store_settings(db, selection ? selection::k_settings_name : returns::k_return_settings_name, after, user);
  access::audit(db, user, "settings." + kind, kind, before, after);
  tx.commit();
  return after;
}

}  // namespace cartero::webui
