// The label tables the page reads: every code the API sends has a Spanish
// label, so the page never has to show a code.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <set>

#include "../support/temp_dir.hpp"
#include "cartero/core/causes.hpp"
#include "client.hpp"

using namespace cartero;

BOOST_AUTO_TEST_SUITE(labels_tests)

BOOST_AUTO_TEST_CASE(every_code_has_a_spanish_label_and_the_login_page_can_read_them) {
  cartero::testing::TempDir tmp;
  std::filesystem::create_directories(tmp.path("static"));
  webui::Server server(webui::ServerOptions{tmp.path("c.db"), 0, tmp.path("static"), 2, false});
  server.start();
  const auto r = cartero::testing::call(server.port(), "GET", "/api/labels");  // no session
  BOOST_REQUIRE_EQUAL(r.status, 200);
  const auto tables = Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>();
  const auto codes_of = [&](const std::string& name) {
    std::set<std::string> codes;
    const auto list = tables->getArray(name);
    BOOST_REQUIRE_MESSAGE(list, name);
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto row = list->getObject(static_cast<unsigned>(i));
      const auto code = row->getValue<std::string>("code");
      const auto label = row->getValue<std::string>("label");
      BOOST_TEST(!label.empty(), name << "." << code);
      BOOST_TEST(label != code, name << "." << code << " is labelled by its code");
      codes.insert(code);
    }
    return codes;
  };
  const auto causes = codes_of("causes");
  for (const auto& c : all_causes()) BOOST_TEST(causes.count(std::string(c.code)) == 1u, c.code);
  BOOST_TEST(codes_of("reasons").count("below_threshold") == 1u);
  BOOST_TEST(codes_of("reasons").size() == 11u);
  BOOST_TEST((codes_of("use_types") == std::set<std::string>{"residential", "commercial", "industrial", "official"}));
  BOOST_TEST((codes_of("billing_types") == std::set<std::string>{"direct", "joint"}));
  BOOST_TEST((codes_of("sanitation") == std::set<std::string>{"demolished", "vacant_lot", "double_billing"}));
  BOOST_TEST((codes_of("batch_statuses") == std::set<std::string>{"draft", "generated", "dispatched"}));
  for (const auto* name : {"case_kinds", "outcomes", "sources", "routes", "roles", "scan_states", "audit_actions", "fields"}) codes_of(name);

  const auto brand = cartero::testing::call(server.port(), "GET", "/api/brand");
  BOOST_CHECK_EQUAL(brand.status, 200);
  BOOST_CHECK(brand.body.find("\"company_name\":\"Empresa de Aseo Municipal") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
