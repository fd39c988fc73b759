#include "messages.hpp"

#include <map>

#include "cartero/core/error_texts.hpp"
#include "cartero/core/json.hpp"
#include "http.hpp"

namespace cartero::webui {

std::string code_of_status(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 401: return "not_logged_in";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 409: return "conflict";
    case 413: return "too_large";
    case 415: return "unsupported_file";
    case 429: return "throttled";
    case 503: return "unavailable";
    case 507: return "no_space";
    default: return status >= 500 ? "internal" : "bad_request";
  }
}

ApiError api_error(const InputError& e) {
  if (const auto* http = dynamic_cast<const HttpError*>(&e)) {
    return {http->status(), http->code().empty() ? code_of_status(http->status()) : http->code(), e.what(), e.args()};
  }
  const auto& text = error_text(e.code());
  ErrorArgs args = e.args();
  if (e.code() == ErrorCode::invalid_input) {
    // No code of its own: the English message is the detail, with file paths kept out.
    for (auto& [key, value] : args) {
      if (key == "detail") value = e.what();
    }
  }
  return {text.http_status, text.name, spanish_message(e.code(), args), args};
}

std::string error_json(const ApiError& e) {
  JsonWriter j;
  j.begin_object().key("error").begin_object().key("code").value(e.code).key("message").value(e.message).key("args").begin_object();
  for (const auto& [key, value] : e.args) j.key(key).value(value);
  j.end_object().end_object().end_object();
  return j.str();
}

std::string field_label(const std::string& key) {
  static const std::map<std::string, std::string> k_labels = {
      {"username", "usuario"}, {"password", "contraseña"}, {"name", "nombre"},
      {"role", "rol"}, {"zones", "zonas"}, {"cutoff", "fecha de corte"},
      {"settings", "ajustes"}, {"max", "máximo de cartas"}, {"date", "fecha"},
      {"letter_id", "número de carta"}, {"cause", "causal"}, {"outcome", "resultado"},
      {"address", "dirección"}, {"decision", "decisión"}, {"reason", "motivo"},
      {"observation", "observación"},
  };
  const auto it = k_labels.find(key);
  return it == k_labels.end() ? "\"" + key + "\"" : it->second + " (" + key + ")";
}

}  // namespace cartero::webui
