#include "http.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include <sstream>

#include "cartero/core/json.hpp"

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

Request parse_request(Poco::Net::HTTPServerRequest& raw) {
  const Poco::URI uri(raw.getURI());
  Request r{raw, raw.getMethod(), split_path(uri.getPath()), {}, std::nullopt};
  for (const auto& [k, v] : uri.getQueryParameters()) r.query[k] = v;
  return r;
}

Poco::JSON::Object::Ptr Request::json() const {
  if (raw.getContentLength() > k_max_body) throw HttpError(413, "La solicitud es demasiado grande (máximo 1 MB).");
  std::string body(static_cast<std::size_t>(std::max<std::streamsize>(0, raw.getContentLength())), '\0');
  raw.stream().read(body.data(), static_cast<std::streamsize>(body.size()));
  try {
    auto parsed = Poco::JSON::Parser().parse(body);
    auto object = parsed.extract<Poco::JSON::Object::Ptr>();
    if (object) return object;
  } catch (const std::exception&) {
  }
  throw HttpError(400, "El cuerpo de la solicitud no es un objeto JSON válido.");
}

const Session& Request::user() const {
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

void send_json(Poco::Net::HTTPServerResponse& resp, int status, const std::string& json) {
  resp.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  resp.setContentType("application/json; charset=utf-8");
  resp.set("Cache-Control", "no-store");
  resp.setContentLength(static_cast<std::streamsize>(json.size()));
  resp.send() << json;
}

void send_error(Poco::Net::HTTPServerResponse& resp, int status, const std::string& message) {
  JsonWriter j;
  j.begin_object().key("error").value(message).end_object();
  send_json(resp, status, j.str());
}

}  // namespace cartero::webui
