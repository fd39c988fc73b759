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
#include "cartero/access/users.hpp"

namespace cartero::webui {

// Users, roles and sessions live in cartero::access; the web layer names them as its own.
using access::LoginResult;
using access::Role;
using access::Session;
using access::User;

// A refusal of the web layer itself, with its HTTP status, a message for
// people (Spanish) and its code ("" for the status's code: messages.hpp).
class HttpError : public InputError {
 public:
  HttpError(int status, const std::string& message, std::string code = "")
      : InputError(ErrorCode::invalid_input, message), m_status(status), m_code(std::move(code)) {}
  int status() const { return m_status; }
  const std::string& code() const { return m_code; }

 private:
  int m_status;
  std::string m_code;
};

struct Request {
  Poco::Net::HTTPServerRequest& raw;
  std::string method;
  std::vector<std::string> path;  // "/api/batches/3" -> {"api", "batches", "3"}
  std::map<std::string, std::string> query;
  std::optional<Session> session;
  bool stale_cookie = false;  // a session cookie came, but its session expired or was closed


  // The body as a JSON object (at most 1 MB); HttpError 400/413 otherwise.
  Poco::JSON::Object::Ptr json() const;
  // The session, or HttpError 401 (saying to log in again for a stale cookie).
  const Session& user() const;
  // The session with one of `roles`, or 401 / 403.
  const Session& require(std::initializer_list<Role> roles) const;
  // A write: the session's CSRF token must come in X-CSRF-Token (403).
  void require_csrf() const;
};

// The fields of a JSON body. Each throws HttpError 400 naming the field in
// Spanish (messages.hpp) when it is missing or of the wrong type; "absent"
// includes JSON null for the optional ones.
std::string text_field(const Poco::JSON::Object::Ptr& body, const std::string& key);
std::optional<std::string> optional_text(const Poco::JSON::Object::Ptr& body, const std::string& key);
std::optional<long long> optional_integer(const Poco::JSON::Object::Ptr& body, const std::string& key);
std::optional<bool> optional_boolean(const Poco::JSON::Object::Ptr& body, const std::string& key);
std::vector<std::string> text_list(const Poco::JSON::Object::Ptr& body, const std::string& key);  // absent: {}
Poco::JSON::Object::Ptr optional_object(const Poco::JSON::Object::Ptr& body, const std::string& key);  // absent: null

// The parameters of a URL's query: a text ("" when absent), and a whole
// number of at most 9 digits (nullopt when absent; HttpError 400 naming the
// parameter for anything else, "-1" or "abc" included).
std::string query_text(const Request& r, const std::string& key);
std::optional<std::int64_t> query_number(const Request& r, const std::string& key);

Request parse_request(Poco::Net::HTTPServerRequest& raw);
void send_json(Poco::Net::HTTPServerResponse& resp, int status, const std::string& json);
// {"error": {"code", "message", "args"}} (messages.hpp's error_json).
void send_error(Poco::Net::HTTPServerResponse& resp, int status, const std::string& error_json);

}  // namespace cartero::webui
