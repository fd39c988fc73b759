// The API's admin routes: each handler parses the request, calls one service and renders.
#include "common.hpp"
#include "cartero/core/text.hpp"

namespace cartero::webui {
namespace {

std::vector<std::string> zones_of(const Poco::JSON::Object::Ptr& body) {
  std::vector<std::string> zones;
  for (auto& z : text_list(body, "zones")) {
    if (!z.empty()) zones.push_back(std::move(z));
  }
  return zones;
}

// The zones as the portfolio spells them ("z02" is Z02); a zone no account
// of the imported portfolio has is refused (none is checked before the
// first import).
std::vector<std::string> portfolio_zones(Database& db, std::vector<std::string> zones) {
  const auto known = selection::accounts_per_zone(db);
  if (known.empty()) return zones;
  for (auto& z : zones) {
    const auto it = std::find_if(known.begin(), known.end(), [&](const auto& k) { return fold_search(k.first) == fold_search(z); });
    if (it == known.end()) throw InputError(ErrorCode::zone_not_in_portfolio, "zone " + z + " is not a zone of the portfolio", {{"zone", z}});
    z = it->first;
  }
  return zones;
}

}  // namespace


// The settings the rules and the routing use now: what an admin saved, or
// the defaults.
Reply get_settings(Request& r, Database& db, Services&) {
  r.require({Role::analyst, Role::admin, Role::supervisor});
  return {200, settings_in_force_json(db)};
}

// Saves one kind of settings after checking it whole (an unknown key or a
// wrong value is a 400 naming it); the change and its audit line are one write.
Reply put_settings(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::admin});
  r.require_csrf();
  const std::string kind = r.path[2];
  if (!is_settings_kind(kind)) throw HttpError(404, "No existen esos ajustes (selection o returns).");
  std::ostringstream body;
  r.json()->stringify(body);
  return {200, save_settings(db, kind, body.str(), kind == "selection" ? "ajustes de selección" : "ajustes de devoluciones", s.user.name)};
}

Reply get_users(Request& r, Database& db, Services&) {
  r.require({Role::admin});
  JsonWriter j;
  j.begin_array();
  const auto locked = access::throttled_users(db);
  for (const auto& u : access::list_users(db)) {
    std::string json = user_json(u);
    // Throttled by failed logins now: the admin may unlock.
    if (std::find(locked.begin(), locked.end(), u.name) != locked.end()) json.insert(json.size() - 1, ",\"locked\":true");
    j.raw(json);
  }
  j.end_array();
  return {200, j.str()};
}

Reply post_user(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::admin});
  r.require_csrf();
  const auto body = r.json();
  const auto role = access::parse_role(text_of(body, "role"));
  if (!role) throw HttpError(400, "Rol desconocido (admin, analyst, office, field, billing).");
  const auto zones = portfolio_zones(db, zones_of(body));
  const std::string name = text_of(body, "name");
  const User user{name, *role, zones};
  const std::string password = text_of(body, "password");
  audited(db, s.user.name, "user.add", name, [&] {
    access::add_user(db, user, password);
    return Change{"null", access::to_json(user)};
  });
  return {201, "{\"user\":" + json_quote(name) + "}"};
}

// Changes a user's role, zones or access; their sessions end at once.
Reply put_user(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::admin});
  r.require_csrf();
  const auto body = r.json();
  const auto role = access::parse_role(text_of(body, "role"));
  if (!role) throw HttpError(400, "Rol desconocido (admin, analyst, office, field, billing).");
  bool disabled = false;
  if (body->has("disabled")) {
    const auto v = body->get("disabled");
    if (!v.isBoolean()) throw HttpError(400, "\"disabled\" debe ser true o false.");
    disabled = v.extract<bool>();
  }
  const User after{r.path[2], *role, portfolio_zones(db, zones_of(body)), disabled};
  if (*role == Role::field && after.zones.empty() && !disabled) throw HttpError(400, "Un usuario de terreno necesita al menos una zona.");
  // An unknown user is a 404, the last admin a 409 (core's error table).
  audited(db, s.user.name, "user.update", after.name, [&] {
    const User before = access::update_user(db, after);
    return Change{user_json(before), user_json(after)};
  });
  return {200, user_json(after)};
}

Reply post_user_password(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::admin});
  r.require_csrf();
  const auto body = r.json();
  const std::string password = text_of(body, "password");
  if (password.size() < 8) throw HttpError(400, "La contraseña debe tener al menos 8 caracteres.");
  audited(db, s.user.name, "user.passwd", r.path[2], [&] {  // an unknown user: 404
    const auto before = access::find_user(db, r.path[2]);
    access::set_password(db, r.path[2], password);
    const std::string json = user_json(*before);  // set_password refused an unknown user
    return Change{json, json.substr(0, json.size() - 1) + ",\"password\":\"changed\"}"};
  });
  return {200, "{\"user\":" + json_quote(r.path[2]) + ",\"password_changed\":true}"};
}

// Lifts a user's throttling after failed logins.
Reply post_user_unlock(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::admin});
  r.require_csrf();
  std::int64_t removed = 0;
  audited(db, s.user.name, "user.unlock", r.path[2], [&] {
    removed = access::unlock_user(db, r.path[2]);
    return Change{"{\"locked\":true}", "{\"locked\":false,\"failures_forgotten\":" + std::to_string(removed) + "}"};
  });
  return {200, "{\"user\":" + json_quote(r.path[2]) + ",\"unlocked\":true}"};
}

Reply get_audit(Request& r, Database& db, Services&) {
  r.require({Role::admin});
  const std::string user = query_text(r, "user");
  const std::string action = query_text(r, "action");
  access::AuditSort sort;
  if (const auto asked = requested_sort(r, {"at", "user", "action"})) sort = {static_cast<access::AuditSort::Key>(asked->key), asked->descending};
  Reply reply{200, audit_json(access::audit_entries(db, user, query_number(r, "limit").value_or(100), query_number(r, "before"), action, sort,
                                                    query_number(r, "offset").value_or(0)))};
  reply.headers.emplace_back("X-Total-Count", std::to_string(access::count_audit_entries(db, user, action)));
  return reply;
}

}  // namespace cartero::webui
