// A loopback client for API tests: calls a running Server and logs in.
#pragma once

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/JSON/Parser.h>
#include <Poco/StreamCopier.h>
#include <boost/test/unit_test.hpp>

#include <map>

#include "cartero/webui/server.hpp"

namespace cartero::testing {

struct Reply {
  int status = 0;
  std::string body;
  std::string cookie;
  std::string total;  // X-Total-Count of a work list's page
  std::map<std::string, std::string> headers{};  // every response header
};

inline std::map<std::string, std::string> headers_of(const Poco::Net::HTTPResponse& response) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : response) out[name] = value;
  return out;
}
// A field of an API refusal {"error": {"code", "message", "args"}}: "" when
// the body is not one.
inline std::string error_field(const std::string& body, const std::string& key) {
  try {
    const auto error = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>()->getObject("error");
    return error && error->has(key) ? error->getValue<std::string>(key) : "";
  } catch (const std::exception&) {
    return "";
  }
}
inline std::string error_message(const std::string& body) { return error_field(body, "message"); }
inline std::string error_code(const std::string& body) { return error_field(body, "code"); }

inline Reply call(int port, const std::string& method, const std::string& path, const std::string& body = "",
                  const std::string& cookie = "", const std::string& csrf = "",
                  const std::string& content_type = "application/json") {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!cookie.empty()) request.set("Cookie", cookie);
  if (!csrf.empty()) request.set("X-CSRF-Token", csrf);
  if (!content_type.empty()) request.setContentType(content_type);
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Reply r{response.getStatus(), "", "", response.get("X-Total-Count", "")};
  Poco::StreamCopier::copyToString(in, r.body);
  const auto set = response.get("Set-Cookie", "");
  r.cookie = set.substr(0, set.find(';'));
  r.headers = headers_of(response);
  return r;
}

// Posts a multipart form (chunked, as browsers stream big files, unless
// `with_length`). Poco's client cannot read an answer once its writes fail:
// for a body the server stops reading, use a raw socket.
inline Reply upload(int port, const std::string& path, Poco::Net::HTMLForm& form, const std::string& cookie, const std::string& csrf,
                    bool with_length = false) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, path, Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("Cookie", cookie);
  request.set("X-CSRF-Token", csrf);
  form.prepareSubmit(request, with_length ? Poco::Net::HTMLForm::OPT_USE_CONTENT_LENGTH : 0);
  if (with_length) request.setContentLength64(static_cast<Poco::Int64>(form.calculateContentLength()));
  form.write(session.sendRequest(request));
  Poco::Net::HTTPResponse response;
  Reply r;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), r.body);
  r.status = response.getStatus();
  return r;
}

// Logs in and returns {cookie, csrf}.
inline std::pair<std::string, std::string> login(int port, const std::string& user, const std::string& password) {
  const auto r = call(port, "POST", "/api/login", R"({"username":")" + user + R"(","password":")" + password + R"("})");
  BOOST_REQUIRE_EQUAL(r.status, 200);
  const auto at = r.body.find("\"csrf\":\"") + 8;
  return {r.cookie, r.body.substr(at, r.body.find('"', at) - at)};
}

}  // namespace cartero::testing
