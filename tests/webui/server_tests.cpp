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

BOOST_AUTO_TEST_SUITE_END()
