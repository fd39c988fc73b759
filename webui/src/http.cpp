#include "http.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include <algorithm>
#include <sstream>

#include "cartero/core/json.hpp"
#include "messages.hpp"

namespace cartero::webui {

namespace {

constexpr std::streamsize k_max_body = 1 << 20;

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream s(path);
  while (std::getline(s, part, '/')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

}  // namespace

std::string query_text(const Request& r, const std::string& key) {
  const auto it = r.query.find(key);
  return it == r.query.end() ? "" : it->second;
}

std::optional<std::int64_t> query_number(const Request& r, const std::string& key) {
  const auto it = r.query.find(key);
  if (it == r.query.end()) return std::nullopt;
  const std::string& text = it->second;
  if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    throw HttpError(400, "El parámetro " + key + " debe ser un número entero.");
  }
  return std::stoll(text);
}

Request parse_request(Poco::Net::HTTPServerRequest& raw) {
  try {
    const Poco::URI uri(raw.getURI());
    Request r{raw, raw.getMethod(), split_path(uri.getPath()), {}, std::nullopt, false};
    for (const auto& [k, v] : uri.getQueryParameters()) r.query[k] = v;
    return r;
  } catch (const Poco::Exception&) {  // a bad %-escape, a bad character
    throw HttpError(400, "La dirección pedida no es válida.");
  }
}

Poco::JSON::Object::Ptr Request::json() const {
  if (raw.getContentLength() > k_max_body) throw HttpError(413, "La solicitud es demasiado grande (máximo 1 MB).");
  // Read up to one byte past the limit: a chunked body has no length to check
  // first. Without a length and not chunked there is no body (RFC 9112 6.3).
  std::string body;
  if (raw.hasContentLength() || raw.getChunkedTransferEncoding()) {
    body.resize(static_cast<std::size_t>(k_max_body + 1));
    raw.stream().read(body.data(), k_max_body + 1);
    body.resize(static_cast<std::size_t>(raw.stream().gcount()));
  }
  if (static_cast<std::streamsize>(body.size()) > k_max_body) throw HttpError(413, "La solicitud es demasiado grande (máximo 1 MB).");
  Poco::Dynamic::Var parsed;
  try {
    parsed = Poco::JSON::Parser().parse(body);
  } catch (const std::exception&) {
    throw HttpError(400, "El cuerpo de la solicitud no es JSON válido.");
  }
  if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) throw HttpError(400, "El cuerpo de la solicitud debe ser un objeto JSON ({…}).");
  return parsed.extract<Poco::JSON::Object::Ptr>();
}

const Session& Request::user() const {
  if (!session && stale_cookie) throw HttpError(401, "Su sesión expiró o se cerró: inicie sesión de nuevo.");
  if (!session) throw HttpError(401, "Inicie sesión para continuar.");
  return *session;
}

const Session& Request::require(std::initializer_list<Role> roles) const {
  const Session& s = user();
  for (auto r : roles) {
    if (s.user.role == r) return s;
  }
  throw HttpError(403, "Su rol no tiene permiso para esta acción.");
}

void Request::require_csrf() const {
  const Session& s = user();
  if (raw.get("X-CSRF-Token", "") != s.csrf) {
    throw HttpError(403, "Falta el token CSRF o no es válido: recargue la página e inicie sesión de nuevo.");
  }
}

namespace {

bool absent(const Poco::JSON::Object::Ptr& body, const std::string& key) { return !body->has(key) || body->isNull(key); }

[[noreturn]] void wrong_type(const std::string& key, const char* expected) {
  throw HttpError(400, "El campo " + field_label(key) + " debe ser " + expected + ".");
}

}  // namespace

std::string text_field(const Poco::JSON::Object::Ptr& body, const std::string& key) {
  if (absent(body, key)) throw HttpError(400, "Falta el campo " + field_label(key) + ".");
  if (!body->get(key).isString()) wrong_type(key, "un texto");
  return body->getValue<std::string>(key);
}

std::optional<std::string> optional_text(const Poco::JSON::Object::Ptr& body, const std::string& key) {
  if (absent(body, key)) return std::nullopt;
  return text_field(body, key);
}

std::optional<long long> optional_integer(const Poco::JSON::Object::Ptr& body, const std::string& key) {
  if (absent(body, key)) return std::nullopt;
  const auto v = body->get(key);
  if (!v.isInteger()) wrong_type(key, "un número entero");
  try {
    return v.convert<long long>();
  } catch (const Poco::Exception&) {  // an unsigned value past the range
    wrong_type(key, "un número entero");
  }
}

std::optional<bool> optional_boolean(const Poco::JSON::Object::Ptr& body, const std::string& key) {
  if (absent(body, key)) return std::nullopt;
  const auto v = body->get(key);
  if (!v.isBoolean()) wrong_type(key, "verdadero o falso");
  return v.convert<bool>();
}

std::vector<std::string> text_list(const Poco::JSON::Object::Ptr& body, const std::string& key) {
  if (absent(body, key)) return {};
  const auto list = body->getArray(key);
  if (!list) wrong_type(key, "una lista de textos, por ejemplo [\"Z1\", \"Z2\"]");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto v = list->get(static_cast<unsigned>(i));
    if (!v.isString()) wrong_type(key, "una lista de textos, por ejemplo [\"Z1\", \"Z2\"]");
    out.push_back(v.extract<std::string>());
  }
  return out;
}

Poco::JSON::Object::Ptr optional_object(const Poco::JSON::Object::Ptr& body, const std::string& key) {
  if (absent(body, key)) return nullptr;
  const auto object = body->getObject(key);
  if (!object) wrong_type(key, "un objeto JSON ({…})");
  return object;
}

void send_json(Poco::Net::HTTPServerResponse& resp, int status, const std::string& json) {
  resp.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  resp.setContentType("application/json; charset=utf-8");
  resp.set("Cache-Control", "no-store");
  resp.setContentLength(static_cast<std::streamsize>(json.size()));
  resp.send() << json;
}

void send_error(Poco::Net::HTTPServerResponse& resp, int status, const std::string& error_json) {
  send_json(resp, status, error_json);
}

}  // namespace cartero::webui
