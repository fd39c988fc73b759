// The API's session routes: each handler parses the request, calls one service and renders.
#include "common.hpp"
#include "cartero/core/text.hpp"

namespace cartero::webui {

namespace {

// A login is only taken as JSON: a form or text/plain body is what another
// site can make a browser send without asking (login CSRF).
bool is_json_body(const Request& r) {
  std::string type = r.raw.getContentType();
  type = type.substr(0, type.find(';'));
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  return trim(type) == "application/json";
}

}  // namespace

Reply post_login(Request& r, Database& db, Services&) {
  if (!is_json_body(r)) throw HttpError(415, "El inicio de sesión se envía como JSON (application/json).");
  const auto body = r.json();
  Session s;
  switch (access::login(db, text_of(body, "username"), text_of(body, "password"), r.raw.clientAddress().host().toString(), s)) {
    // Refused logins are audited too (the name as typed), so an admin sees who is being tried.
    case LoginResult::wrong:
      audit(db, text_of(body, "username"), "login.failed", text_of(body, "username"), "null", "{}");
      throw HttpError(401, "Usuario o contraseña incorrectos.");
    case LoginResult::throttled:
      audit(db, text_of(body, "username"), "login.throttled", text_of(body, "username"), "null", "{}");
      throw HttpError(429, "Demasiados intentos fallidos: espere 15 minutos.");
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

// The causes with their Spanish labels and legal effect (core/causes.hpp), for the pages.
Reply get_causes(Request& r, Database&, Services&) {
  r.user();
  JsonWriter j;
  j.begin_array();
  for (const auto& c : all_causes()) {
    j.begin_object().key("code").value(c.code).key("label").value(c.label);
    j.key("effect").value(legal_effect_code(c.effect)).key("effect_label").value(legal_effect_label(c.effect)).end_object();
  }
  j.end_array();
  return {200, j.str(), ""};
}

// Public: the login page shows them before anyone signs in.
Reply get_labels(Request&, Database&, Services&) { return {200, labels_json(), ""}; }
Reply get_brand(Request&, Database&, Services&) { return {200, brand_json(), ""}; }

}  // namespace cartero::webui
