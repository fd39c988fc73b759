// The API's cases routes: each handler parses the request, calls one service and renders.
#include "common.hpp"

namespace cartero::webui {

Reply get_field_list(Request& r, Database& db, Services& services) {
  const auto zone = requested_zone(r);
  if (const auto format = wanted_export(r, db)) {
    const auto cases = returns::field_list(db, zone);
    return export_download(services, "verificacion-" + safe_file_name(zone), *format,
                           [&](const std::string& p) { returns::write_cases_csv(p, cases, *format); });
  }
  const auto state = returns::returns_state(db);
  return list_page(r, *services.caches->field_lists.get(zone, state, [&] { return returns::field_list(db, zone); }));
}

// The zone's printable route sheet (PDF).
Reply get_field_sheet(Request& r, Database& db, Services& services) {
  const auto zone = requested_zone(r);
  const auto cases = returns::field_list(db, zone);
  return temporary_file(services, "ruta-" + safe_file_name(zone) + ".pdf", false,
                        [&](const std::string& path) { returns::write_route_sheet(path, zone, cases); });
}

Reply get_billing_cases(Request& r, Database& db, Services& services) {
  r.require({Role::billing, Role::analyst, Role::admin});
  if (const auto format = wanted_export(r, db)) {
    const auto cases = returns::billing_list(db);
    return export_download(services, "facturacion", *format, [&](const std::string& p) { returns::write_cases_csv(p, cases, *format); });
  }
  const auto state = returns::returns_state(db);
  return list_page(r, *services.caches->billing_list.get("open", state, [&] { return returns::billing_list(db); }));
}

Reply post_field_outcome(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::field, Role::analyst, Role::admin});
  r.require_csrf();
  const auto id = id_of(r.path[3]);
  if (s.user.role == Role::field) {
    const auto zone = returns::case_zone(db, id);
    if (!zone || std::find(s.user.zones.begin(), s.user.zones.end(), *zone) == s.user.zones.end()) {
      throw HttpError(403, "El caso no es de sus zonas.");
    }
  }
  const auto body = r.json();
  const auto outcome = returns::parse_field_outcome(text_of(body, "outcome"));
  if (!outcome) throw HttpError(400, "Resultado de terreno desconocido.");
  const std::string address = optional_text(body, "address").value_or("");
  // The tap's time, sent later by a phone that was offline: an instant in
  // UTC; one in the future (a phone's clock ahead) counts as now.
  std::string visited;
  if (const auto at = optional_text(body, "visited_at"); at && !at->empty()) {
    const bool shape = at->size() >= 20 && at->back() == 'Z' && (*at)[10] == 'T' && Date::parse_iso(at->substr(0, 10)) &&
                       std::all_of(at->begin() + 11, at->begin() + 19, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == ':'; });
    if (!shape) throw HttpError(400, "La hora de la visita no es válida (AAAA-MM-DDTHH:MM:SSZ).");
    visited = at->substr(0, 19) + "Z";
    if (visited > now_utc_iso()) visited.clear();
  }
  audited(db, s.user.name, "case.outcome", std::to_string(id), [&] {
    Change change{returns::case_snapshot(db, id), ""};
    returns::record_field_outcome(db, id, *outcome, address, s.user.name, visited);
    change.after_json = returns::case_snapshot(db, id);
    return change;
  });
  return {200, "{\"case\":" + std::to_string(id) + ",\"closed\":true}", ""};
}

Reply post_billing_decision(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::billing, Role::analyst, Role::admin});
  r.require_csrf();
  const auto id = id_of(r.path[3]);
  const auto body = r.json();
  const auto decision = returns::parse_billing_decision(text_of(body, "decision"));
  if (!decision) throw HttpError(400, "Decisión desconocida (confirmed, rejected o done).");
  const std::string key = *decision == returns::BillingDecision::done ? "address" : "reason";
  const std::string text = optional_text(body, key).value_or("");
  audited(db, s.user.name, "case.decision", std::to_string(id), [&] {
    Change change{returns::case_snapshot(db, id), ""};
    returns::record_billing_decision(db, id, *decision, text, s.user.name);
    change.after_json = returns::case_snapshot(db, id);
    return change;
  });
  return {200, "{\"case\":" + std::to_string(id) + ",\"closed\":true}", ""};
}

// A closed case opened again (field or billing), with its reason: back on
// its list, its outcome cleared.
Reply post_case_reopen(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::billing, Role::analyst, Role::admin});
  r.require_csrf();
  const auto id = id_of(r.path[2]);
  const std::string reason = optional_text(r.json(), "reason").value_or("");
  returns::Reopened reopened;
  audited(db, s.user.name, "case.reopen", std::to_string(id), [&] {
    Change change{returns::case_snapshot(db, id), ""};
    reopened = returns::reopen_case(db, id, reason, s.user.name);
    change.after_json = returns::case_snapshot(db, id);
    return change;
  });
  JsonWriter j;
  j.begin_object().key("case").value(id).key("reopened").value(true).key("facts_restored").value(reopened.facts_restored);
  j.key("facts_kept").value(reopened.facts_kept).key("follow_up_withdrawn");
  if (reopened.follow_up_withdrawn) j.value(*reopened.follow_up_withdrawn);
  else j.null();
  j.end_object();
  return {200, j.str()};
}

}  // namespace cartero::webui
