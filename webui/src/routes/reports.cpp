// The API's reports routes: each handler parses the request, calls one service and renders.
#include "common.hpp"

namespace cartero::webui {

Reply get_report_cases(Request& r, Database& db, Services& services) {
  r.require({Role::analyst, Role::admin, Role::billing, Role::supervisor});
  const auto today = Date::today();
  const auto state = returns::returns_state(db);
  const auto settings = returns::current_return_settings(db);
  return {200, returns::to_json(*services.caches->case_ages.get(today.iso() + returns::return_settings_to_json(settings), state,
                                                                [&] { return returns::case_ages(db, settings.report, today); }))};
}

Reply get_report_batches(Request& r, Database& db, Services& services) {
  r.require({Role::analyst, Role::admin, Role::supervisor});
  const auto reports = batch_reports(db, services);
  if (const auto format = wanted_export(r, db)) {
    return export_download(services, "informe-lotes", *format, [&](const std::string& p) { returns::write_csv(p, *reports, *format); });
  }
  return {200, returns::to_json(*reports), ""};
}

Reply get_zones(Request& r, Database& db, Services& services) {
  r.require({Role::analyst, Role::admin, Role::supervisor});
  std::map<std::string, std::vector<std::string>> staff;  // zone -> field users
  for (const auto& u : access::list_users(db)) {
    if (u.role != Role::field || u.disabled) continue;
    for (const auto& z : u.zones) staff[z].push_back(u.name);
  }
  JsonWriter j;
  j.begin_array();
  for (const auto& z : *services.caches->zones.get("all", returns::returns_state(db), [&] { return returns::zones(db); })) {
    j.begin_object().key("zone").value(z.zone).key("accounts").value(z.accounts).key("open_field_cases").value(z.open_field_cases);
    j.key("field_users").begin_array();
    for (const auto& name : staff[z.zone]) j.value(name);
    j.end_array().end_object();
  }
  j.end_array();
  return {200, j.str()};
}

}  // namespace cartero::webui
