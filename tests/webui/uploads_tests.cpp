// Uploads: what counts as a scan, the names files get on disk, and a server
// that refuses what is not a scan (415) or too big (413, by Content-Length
// and while streaming a chunked body), keeps nothing of it and goes on.
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StringPartSource.h>
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "client.hpp"
#include "returns_fixture.hpp"
#include "uploads.hpp"

using namespace cartero;
using cartero::testing::call;
using cartero::testing::login;
using cartero::testing::upload;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t k_limit = 1 << 20;

struct Fixture : cartero::testing::ReturnsServerFixture {
  Fixture() : ReturnsServerFixture(k_limit) { std::signal(SIGPIPE, SIG_IGN); }  // writes to a closed upload fail, not kill

  // Every file kept under the upload folder, by name relative to it.
  std::vector<std::string> kept() const {
    std::vector<std::string> out;
    if (!fs::exists(uploads())) return out;
    for (const auto& e : fs::recursive_directory_iterator(uploads())) {
      if (e.is_regular_file()) out.push_back(fs::relative(e.path(), uploads()).string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string audit_count() const { return sql::scalar(*db, "SELECT COUNT(*) FROM audit_log").value_or(""); }
};

Poco::Net::StringPartSource* part(const std::string& bytes, const std::string& name) {
  return new Poco::Net::StringPartSource(bytes, "application/octet-stream", name);
}

const std::string k_png = "\x89PNG\r\n\x1a\n not really an image";

}  // namespace

BOOST_AUTO_TEST_SUITE(uploads_tests)

BOOST_AUTO_TEST_CASE(scans_are_known_by_their_first_bytes) {
  struct {
    std::string bytes;
    bool scan;
  } const k_cases[] = {
      {"%PDF-1.7\n", true},          {std::string("II*\0", 4), true}, {std::string("MM\0*", 4), true},
      {"\x89PNG\r\n\x1a\n", true},   {"\xFF\xD8\xFF\xE0", true},       {"account_id;balance\n", false},
      {"GIF89a", false},             {"%PD", false},                   {"", false},
      {"<html>%PDF", false},         {"MZ\x90", false},
  };
  for (const auto& c : k_cases) BOOST_TEST(webui::looks_like_scan(c.bytes) == c.scan, c.bytes);
}

BOOST_AUTO_TEST_CASE(uploaded_names_lose_their_folders_and_odd_characters) {
  const std::string long_name = std::string(300, 'x') + ".tiff";
  struct {
    std::string sent;
    std::string kept;
  } const k_cases[] = {
      {"devuelta-001.pdf", "devuelta-001.pdf"},
      {"../../etc/passwd", "passwd"},
      {"/etc/passwd", "passwd"},
      {"..\\..\\Windows\\win.ini", "win.ini"},
      {std::string("a\0b.png", 7), "a_b.png"},
      {"carta devuelta (2).jpg", "carta_devuelta_2_.jpg"},
      {"Peña.pdf", "Pe_a.pdf"},
      {"..", "archivo"},
      {".htaccess", "htaccess"},
      {"", "archivo"},
      {long_name, std::string(75, 'x') + ".tiff"},
  };
  for (const auto& c : k_cases) BOOST_TEST(webui::safe_file_name(c.sent) == c.kept, c.sent);
}

BOOST_FIXTURE_TEST_CASE(a_file_that_is_not_a_scan_is_refused_with_415_and_nothing_is_kept, Fixture) {
  const auto [olga, csrf] = login(port(), "olga", "clave-oficina");
  const auto before = audit_count();
  Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
  form.addPart("file", part(k_png, "bien.png"));
  form.addPart("file", part("account_id;balance\n1;2\n", "cuentas.pdf"));
  const auto r = upload(port(), "/api/scans", form, olga, csrf);
  BOOST_CHECK_EQUAL(r.status, 415);
  BOOST_CHECK_EQUAL(r.body, R"({"error":{"code":"unsupported_file",)"
                            R"("message":"El archivo «cuentas.pdf» no es un escaneo: envíe archivos PDF, TIFF, PNG o JPEG.","args":{}}})");
  BOOST_CHECK(kept().empty());
  BOOST_CHECK_EQUAL(audit_count(), before);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/scans/1", "", olga).status, 404);  // no job started
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/review", "", olga).status, 200);
}

BOOST_FIXTURE_TEST_CASE(a_body_announced_over_the_limit_is_refused_before_it_is_read, Fixture) {
  const auto [olga, csrf] = login(port(), "olga", "clave-oficina");
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port()));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/api/scans", Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("Cookie", olga);
  request.set("X-CSRF-Token", csrf);
  request.setContentType("multipart/form-data; boundary=xyz");
  request.setContentLength64(2LL * 1024 * 1024 * 1024);  // 2 GB, of which not one byte is sent
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
  BOOST_CHECK_EQUAL(static_cast<int>(response.getStatus()), 413);
  BOOST_CHECK_EQUAL(cartero::testing::error_message(body), "La carga supera el límite de 1 MB: divídala en varios envíos.");
  BOOST_CHECK_EQUAL(response.getKeepAlive(), false);
  BOOST_CHECK(kept().empty());
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/me", "", olga).status, 200);
}

BOOST_FIXTURE_TEST_CASE(an_upload_within_the_limit_is_taken, Fixture) {
  const auto [olga, csrf] = login(port(), "olga", "clave-oficina");
  Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
  form.addPart("file", part(k_png, "primera.png"));
  form.addPart("file", part("%PDF-1.4\n" + std::string(k_limit / 2, 'x'), "grande.pdf"));
  BOOST_CHECK_EQUAL(upload(port(), "/api/scans", form, olga, csrf).status, 202);
  BOOST_CHECK_EQUAL(kept().size(), 2u);
}

// On a raw socket: an HTTP client library gives up on the answer once its
// writes fail, a browser reads it.
BOOST_FIXTURE_TEST_CASE(an_endless_chunked_upload_is_not_read_to_its_end, Fixture) {
  const auto [olga, csrf] = login(port(), "olga", "clave-oficina");
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port())));
  const std::string head = "POST /api/scans HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + olga + "\r\nX-CSRF-Token: " + csrf +
                           "\r\nContent-Type: multipart/form-data; boundary=limite\r\nTransfer-Encoding: chunked\r\n\r\n";
  // A small scan, complete, then one that never ends: neither is kept.
  const std::string parts = "--limite\r\nContent-Disposition: form-data; name=\"file\"; filename=\"primera.png\"\r\n"
                            "Content-Type: image/png\r\n\r\n" + k_png + "\r\n"
                            "--limite\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sin-fin.pdf\"\r\n"
                            "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n";
  const auto chunk = [](const std::string& data) {
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", data.size());
    return size + data + "\r\n";
  };
  const std::string block = chunk(std::string(64 * 1024, 'x'));
  std::int64_t sent = 0;
  constexpr std::int64_t k_endless = 256LL * 1024 * 1024;  // a server reading it all would take it all
  try {
    socket.sendBytes(head.data(), static_cast<int>(head.size()));
    const auto first = chunk(parts);
    socket.sendBytes(first.data(), static_cast<int>(first.size()));
    while (sent < k_endless) {
      if (socket.sendBytes(block.data(), static_cast<int>(block.size())) <= 0) break;
      sent += static_cast<std::int64_t>(block.size());
    }
  } catch (const Poco::Exception&) {  // the server closed the connection
  }
  BOOST_CHECK_LT(sent, 64LL * 1024 * 1024);  // the limit (1 MB) and what the sockets buffer
  std::string answer(4096, '\0');
  int got = 0;
  try {
    got = socket.receiveBytes(answer.data(), static_cast<int>(answer.size()));
  } catch (const Poco::Exception&) {
  }
  answer.resize(static_cast<std::size_t>(std::max(got, 0)));
  BOOST_CHECK_EQUAL(answer.substr(0, 12), "HTTP/1.1 413");
  BOOST_CHECK(answer.find("supera el límite de 1 MB") != std::string::npos);
  BOOST_CHECK(kept().empty());
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/scans/1", "", olga).status, 404);  // no job started
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/me", "", olga).status, 200);
}

BOOST_FIXTURE_TEST_CASE(path_tricks_in_file_names_stay_inside_the_upload_folder, Fixture) {
  const auto [olga, csrf] = login(port(), "olga", "clave-oficina");
  Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
  const std::vector<std::string> k_names = {"../../etc/passwd", "/etc/passwd", "..\\..\\boot.ini", "../" + std::string(500, 'y') + ".png",
                                            std::string("../a\0/../b.png", 14)};
  for (const auto& name : k_names) form.addPart("file", part(k_png, name));
  const auto r = upload(port(), "/api/scans", form, olga, csrf);
  BOOST_REQUIRE_EQUAL(r.status, 202);
  const auto files = kept();
  BOOST_REQUIRE_EQUAL(files.size(), 5u);
  const std::regex k_safe(R"(scans-[0-9]+-[0-9]+/[1-5]-[A-Za-z0-9_-][A-Za-z0-9._-]{0,79})");
  for (const auto& f : files) BOOST_TEST(std::regex_match(f, k_safe), f);
  BOOST_CHECK(files[0].ends_with("/1-passwd"));
  BOOST_CHECK(files[2].ends_with("/3-boot.ini"));
  BOOST_TEST(files[4].ends_with("/5-b.png"), files[4]);
  BOOST_CHECK(!fs::exists(tmp.path("etc")));
  BOOST_CHECK(!fs::exists(db_path + ".files/etc"));
}

BOOST_AUTO_TEST_SUITE_END()
