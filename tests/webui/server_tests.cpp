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

BOOST_AUTO_TEST_SUITE_END()
