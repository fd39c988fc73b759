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

#include <vector>

namespace cartero::webui {

namespace {

// One kind of settings: its name (also its stored name), how a document is
// read and written back in its canonical form, and what is in force.
struct SettingsKind {
  const char* name;
  std::string (*canonical)(const std::string& json, const std::string& source);
  std::string (*in_force)(Database& db);
};

const std::vector<SettingsKind>& kinds() {
  static const std::vector<SettingsKind> k = {
      {selection::k_settings_name,
       [](const std::string& json, const std::string& source) {
         return selection::settings_to_json(selection::settings_from_json(json, source));
       },
       [](Database& db) { return selection::settings_to_json(selection::current_settings(db)); }},
      {returns::k_return_settings_name,
       [](const std::string& json, const std::string& source) {
         return returns::return_settings_to_json(returns::return_settings_from_json(json, source));
       },
       [](Database& db) { return returns::return_settings_to_json(returns::current_return_settings(db)); }},
      // How the office's own exports are read.
      {selection::k_import_profile_name,
       [](const std::string& json, const std::string& source) {
         return selection::import_profile_to_json(selection::import_profile_from_json(json, source));
       },
       [](Database& db) { return selection::import_profile_to_json(selection::current_import_profile(db)); }},
      // The Ley 1266 notice clock: notice days, small-debt share, minimum wages.
      {proof::k_bureau_settings_name,
       [](const std::string& json, const std::string& source) {
         return proof::bureau_settings_to_json(proof::bureau_settings_from_json(json, source));
       },
       [](Database& db) { return proof::bureau_settings_to_json(proof::current_bureau_settings(db)); }},
  };
  return k;
}

const SettingsKind* find_kind(const std::string& kind) {
  for (const auto& k : kinds()) {
    if (kind == k.name) return &k;
  }
  return nullptr;
}

// The settings in force before a save, for the audit line. A stored document
// that no longer reads (saved by an older Cartero without range checks) is
// kept as its raw text, so that saving corrected settings repairs it.
std::string before_json(Database& db, const SettingsKind& k) {
  try {
    return k.in_force(db);
  } catch (const InputError&) {
    return json_quote(stored_settings(db, k.name).value_or(""));
  }
}

}  // namespace

std::string settings_in_force_json(Database& db) {
  JsonWriter j;
  j.begin_object();
  for (const auto& k : kinds()) j.key(k.name).raw(k.in_force(db));
  j.end_object();
  return j.str();
}

bool is_settings_kind(const std::string& kind) { return find_kind(kind) != nullptr; }

std::string save_settings(Database& db, const std::string& kind, const std::string& json, const std::string& source,
                          const std::string& user) {
  const SettingsKind* k = find_kind(kind);
  if (!k) throw InputError("unknown settings '" + kind + "' (selection, returns, import or bureau)");
  const std::string after = k->canonical(json, source);
  // What is stored must read back: a value the parser would refuse never
  // reaches the database, where it would block every later command.
  k->canonical(after, "settings as saved");
  access::audited(db, user, "settings." + kind, kind, [&] {
    access::Change change{before_json(db, *k), after};
    store_settings(db, k->name, after, user);
    return change;
  });
  return after;
}

}  // namespace cartero::webui
