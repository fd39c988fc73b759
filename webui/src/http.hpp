// Private: what every handler needs from a request and for its response,
// and the one mapping of errors to HTTP (InputError -> 4xx, the rest ->
// 500), with messages in Spanish.
#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cartero/core/error.hpp"
#include "cartero/webui/users.hpp"

namespace cartero::webui {

// An error with its HTTP status and a message for people (Spanish).
class HttpError : public InputError {
 public:
  HttpError(int status, const std::string& message) : InputError(message), m_status(status) {}
  int status() const { return m_status; }

 private:
  int m_status;
};

struct Request {
  Poco::Net::HTTPServerRequest& raw;
  std::string method;
  std::vector<std::string> path;  // "/api/batches/3" -> {"api", "batches", "3"}
  std::map<std::string, std::string> query;
  std::optional<Session> session;

  // The body as a JSON object (at most 1 MB); HttpError 400/413 otherwise.
  Poco::JSON::Object::Ptr json() const;
  // The session, or HttpError 401.
  const Session& user() const;
  // The session with one of `roles`, or 401 / 403.
  const Session& require(std::initializer_list<Role> roles) const;
  // A write: the session's CSRF token must come in X-CSRF-Token (403).
  void require_csrf() const;
};

Request parse_request(Poco::Net::HTTPServerRequest& raw);
void send_json(Poco::Net::HTTPServerResponse& resp, int status, const std::string& json);
void send_error(Poco::Net::HTTPServerResponse& resp, int status, const std::string& message);

}  // namespace cartero::webui
