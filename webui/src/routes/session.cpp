// The API's session routes: each handler parses the request, calls one service and renders.
#include "common.hpp"

namespace cartero::webui {

Reply post_login(Request& r, Database& db, Services&) {
  const auto body = r.json();
  Session s;
  switch (access::login(db, text_of(body, "username"), text_of(body, "password"), r.raw.clientAddress().host().toString(), s)) {
    case LoginResult::wrong: throw HttpError(401, "Usuario o contraseña incorrectos.");
    case LoginResult::throttled: throw HttpError(429, "Demasiados intentos fallidos: espere 15 minutos.");
    case LoginResult::ok: break;
  }
  // Not in the login's transaction: the password is hashed outside any, so
  // a login never holds the database's write lock while hashing.
  audit(db, s.user.name, "login", s.user.name, "null", "{\"address\":" + json_quote(r.raw.clientAddress().host().toString()) + "}");
  return {200, session_json(s), "cartero_session=" + s.token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800"};
}

Reply post_logout(Request& r, Database& db, Services&) {
  r.require_csrf();
  access::logout(db, r.user().token);
  return {200, "{\"ok\":true}", "cartero_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"};
}

Reply get_me(Request& r, Database&, Services&) { return {200, session_json(r.user()), ""}; }

// The ten causes with their Spanish labels (core/causes.hpp), for the pages.
Reply get_causes(Request& r, Database&, Services&) {
  r.user();
  JsonWriter j;
  j.begin_array();
  for (const auto& c : all_causes()) j.begin_object().key("code").value(c.code).key("label").value(c.label).end_object();
  j.end_array();
  return {200, j.str(), ""};
}

// Public: the login page shows them before anyone signs in.
Reply get_labels(Request&, Database&, Services&) { return {200, labels_json(), ""}; }
Reply get_brand(Request&, Database&, Services&) { return {200, brand_json(), ""}; }

}  // namespace cartero::webui
