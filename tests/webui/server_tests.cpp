// The static pages: only files inside the static folder, whatever the URL
// tricks (dot segments, percent-encoded dots and slashes, NUL, symlinks).
#include <boost/test/unit_test.hpp>

#include <filesystem>

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
