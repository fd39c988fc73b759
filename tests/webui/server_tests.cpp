// The static pages: only files inside the static folder, whatever the URL
// tricks (dot segments, percent-encoded dots and slashes, NUL, symlinks).
#include <boost/test/unit_test.hpp>

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "../support/temp_dir.hpp"
#include "client.hpp"

using namespace cartero;

namespace {

struct Fixture {
  cartero::testing::TempDir tmp;
  std::unique_ptr<webui::Server> server;

  Fixture() {
    std::filesystem::create_directories(tmp.path("static/css"));
    tmp.write("static/index.html", "<h1>Cartero</h1>");
    tmp.write("static/css/app.css", "body{}");
    tmp.write("secret.txt", "SECRETO");
    std::filesystem::create_symlink(tmp.path("secret.txt"), tmp.path("static/enlace.txt"));
    server = std::make_unique<webui::Server>(webui::ServerOptions{tmp.path("c.db"), 0, tmp.path("static"), 2, false});
    server->start();
  }
  cartero::testing::Reply get(const std::string& path) { return cartero::testing::call(server->port(), "GET", path); }
};

// True when the server ends the connection (FIN or RST) within 3 s.
bool closed_by_server(Poco::Net::StreamSocket& socket) {
  socket.setReceiveTimeout(Poco::Timespan(3, 0));
  char byte;
  try {
    return socket.receiveBytes(&byte, 1) == 0;
  } catch (const Poco::Net::ConnectionResetException&) {
    return true;
  } catch (const Poco::TimeoutException&) {
    return false;
  }
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(server_tests, Fixture)

BOOST_AUTO_TEST_CASE(urls_never_reach_a_file_outside_the_static_folder) {
  struct {
    const char* path;
    int status;
  } const k_cases[] = {
      {"/../secret.txt", 400},
      {"/css/../../secret.txt", 400},
      {"/%2e%2e/secret.txt", 400},
      {"/%2E%2E%2Fsecret.txt", 400},
      {"/css%2f..%2f..%2fsecret.txt", 400},
      {"/..%5csecret.txt", 400},
      {"/index.html%00.png", 400},
      {"/./index.html", 400},
      {"/enlace.txt", 404},  // a symlink out of the folder
      {"/%zz", 400},         // not a URL at all
      {"/nada.js", 404},
      {"/css", 404},
  };
  for (const auto& c : k_cases) {
    const auto r = get(c.path);
    BOOST_TEST(r.status == c.status, c.path);
    BOOST_TEST(r.body.find("SECRETO") == std::string::npos, c.path);
  }
  BOOST_CHECK_EQUAL(get("/css/app.css").body, "body{}");
  BOOST_CHECK_EQUAL(get("/").body, "<h1>Cartero</h1>");
}

BOOST_AUTO_TEST_CASE(static_files_answer_only_get_and_head) {
  for (const char* method : {"DELETE", "PUT", "POST", "PATCH", "OPTIONS"}) {
    auto r = cartero::testing::call(server->port(), method, "/index.html");
    BOOST_TEST(r.status == 405, method);
    BOOST_TEST(r.headers["Allow"] == "GET, HEAD", method);
    BOOST_TEST(r.body.find("Cartero</h1>") == std::string::npos, method);
  }
  const auto head = cartero::testing::call(server->port(), "HEAD", "/index.html");
  BOOST_CHECK_EQUAL(head.status, 200);
  BOOST_CHECK(head.body.empty());
  BOOST_CHECK_EQUAL(get("/index.html").status, 200);
}

BOOST_AUTO_TEST_CASE(every_answer_carries_the_security_headers) {
  for (const auto& r : {get("/"), get("/css/app.css"), get("/nada.js"), get("/api/me"), get("/api/nada")}) {
    auto h = r.headers;
    const auto& csp = h["Content-Security-Policy"];
    BOOST_CHECK(csp.find("default-src 'self'") != std::string::npos);
    BOOST_CHECK(csp.find("script-src 'self'") != std::string::npos);
    BOOST_CHECK(csp.find("unsafe-inline") == std::string::npos && csp.find("unsafe-eval") == std::string::npos);
    BOOST_CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    BOOST_CHECK_EQUAL(h["X-Frame-Options"], "DENY");
    BOOST_CHECK_EQUAL(h["X-Content-Type-Options"], "nosniff");
    BOOST_CHECK_EQUAL(h["Referrer-Policy"], "no-referrer");
    BOOST_CHECK_EQUAL(h.count("Strict-Transport-Security"), 0u);  // plain HTTP
  }
}

BOOST_AUTO_TEST_CASE(idle_and_slow_connections_are_closed_and_cannot_take_the_threads) {
  webui::ServerOptions o{tmp.path("c.db"), 0, tmp.path("static"), 2, false};
  o.header_timeout_ms = 300;
  webui::Server guarded(o);
  guarded.start();
  const Poco::Net::SocketAddress at("127.0.0.1", static_cast<Poco::UInt16>(guarded.port()));
  std::vector<Poco::Net::StreamSocket> idle;
  for (int i = 0; i < 4; ++i) idle.emplace_back(at);  // twice the threads, sending nothing
  Poco::Net::StreamSocket slow(at);
  slow.sendBytes("GET / HTTP/1.1\r\nHost: x\r\n", 26);  // a header never finished
  const auto start = std::chrono::steady_clock::now();
  BOOST_CHECK_EQUAL(cartero::testing::call(guarded.port(), "GET", "/").status, 200);
  BOOST_CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
  BOOST_CHECK(closed_by_server(slow));  // no answer, the connection ended
  BOOST_CHECK(closed_by_server(idle.front()));
}

BOOST_AUTO_TEST_CASE(connections_past_the_cap_of_one_address_are_closed_at_once) {
  webui::ServerOptions o{tmp.path("c.db"), 0, tmp.path("static"), 8, false};
  o.max_connections_per_address = 2;
  webui::Server capped(o);
  capped.start();
  const Poco::Net::SocketAddress at("127.0.0.1", static_cast<Poco::UInt16>(capped.port()));
  Poco::Net::StreamSocket a(at), b(at);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // both taken by a thread
  Poco::Net::StreamSocket c(at);
  const auto start = std::chrono::steady_clock::now();
  BOOST_CHECK(closed_by_server(c));
  BOOST_CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  // Another address is not affected (127.0.0.2 is loopback too).
  const int other = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in from{}, to{};
  from.sin_family = to.sin_family = AF_INET;
  ::inet_pton(AF_INET, "127.0.0.2", &from.sin_addr);
  ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  to.sin_port = htons(static_cast<std::uint16_t>(capped.port()));
  BOOST_REQUIRE_EQUAL(::bind(other, reinterpret_cast<sockaddr*>(&from), sizeof from), 0);
  BOOST_REQUIRE_EQUAL(::connect(other, reinterpret_cast<sockaddr*>(&to), sizeof to), 0);
  const std::string get = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  BOOST_REQUIRE_EQUAL(::send(other, get.data(), get.size(), 0), static_cast<ssize_t>(get.size()));
  char reply[12] = {};
  BOOST_CHECK_EQUAL(::recv(other, reply, 12, MSG_WAITALL), 12);
  ::close(other);
  BOOST_CHECK_EQUAL(std::string(reply, 12), "HTTP/1.1 200");
}

BOOST_AUTO_TEST_CASE(the_page_has_no_inline_script_the_policy_would_block) {
  const std::string page = cartero::testing::TempDir::read(std::string(CARTERO_SOURCE_DIR) + "/webui/static/index.html");
  for (std::size_t at = page.find("<script"); at != std::string::npos; at = page.find("<script", at + 1)) {
    const auto end = page.find('>', at);
    BOOST_CHECK_MESSAGE(page.substr(at, end - at).find("src=") != std::string::npos, "inline script at " << at);
    BOOST_CHECK_MESSAGE(page.compare(end + 1, 9, "</script>") == 0, "inline script at " << at);
  }
  for (const char* handler : {" onclick=", " onload=", " onsubmit=", " onchange=", " oninput=", "javascript:"}) {
    BOOST_CHECK_MESSAGE(page.find(handler) == std::string::npos, handler);
  }
}

// A release's files are named by its version: the page names it, its URLs
// are cached for good, and another release's URL is never kept.
BOOST_AUTO_TEST_CASE(static_urls_carry_the_release_so_a_new_one_is_never_served_from_a_stale_cache) {
  std::filesystem::create_directories(tmp.path("v2/css"));
  tmp.write("v2/index.html", "<script type=module src=\"/v/{{version}}/js/main.js\"></script>");
  tmp.write("v2/css/app.css", "body{}");
  const auto version_of = [this](const std::string& dir) {
    webui::Server s(webui::ServerOptions{tmp.path("c.db"), 0, tmp.path(dir), 2, false});
    s.start();
    const auto page = cartero::testing::call(s.port(), "GET", "/").body;
    const auto at = page.find("/v/");
    BOOST_REQUIRE(at != std::string::npos);
    BOOST_CHECK(page.find("{{version}}") == std::string::npos);
    return page.substr(at + 3, page.find('/', at + 3) - at - 3);
  };
  const auto before = version_of("v2");
  BOOST_CHECK_EQUAL(before.size(), 12u);
  BOOST_CHECK_EQUAL(version_of("v2"), before);  // the same files, the same URLs
  tmp.write("v2/css/app.css", "body{color:red}");
  const auto after = version_of("v2");
  BOOST_CHECK_NE(after, before);  // one byte changed: new URLs

  webui::Server s(webui::ServerOptions{tmp.path("c.db"), 0, tmp.path("v2"), 2, false});
  s.start();
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(s.port()));
  const auto cache_of = [&session](const std::string& path, std::string* body = nullptr) {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path, Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string text;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), text);
    if (body) *body = text;
    return std::to_string(response.getStatus()) + " " + response.get("Cache-Control", "");
  };
  std::string body;
  BOOST_CHECK_EQUAL(cache_of("/v/" + after + "/css/app.css", &body), "200 public, max-age=31536000, immutable");
  BOOST_CHECK_EQUAL(body, "body{color:red}");
  BOOST_CHECK_EQUAL(cache_of("/v/" + before + "/css/app.css"), "200 no-cache");  // an old page's URL: served, never kept
  BOOST_CHECK_EQUAL(cache_of("/"), "200 no-cache");
  BOOST_CHECK_EQUAL(cache_of("/v/" + after + "/../../secret.txt"), "400 no-store");
  BOOST_CHECK_EQUAL(cache_of("/v/" + after + "/enlace.txt"), "404 no-store");
}

BOOST_AUTO_TEST_SUITE_END()
