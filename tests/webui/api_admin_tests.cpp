// What an admin does through the API: the rule settings and the returns
// settings (checked whole, stored, audited with before and after, used by
// the next batch), users' roles and zones, the zones of the portfolio and
// the audit log; and what the other roles are refused.
#include <boost/test/unit_test.hpp>

#include "cartero/core/sql.hpp"
#include "cartero/selection/import.hpp"
#include "cartero/selection/settings.hpp"
#include "cartero/webui/server.hpp"
#include "cartero/access/users.hpp"
#include "../support/temp_dir.hpp"
#include "client.hpp"

using namespace cartero;
using namespace cartero::webui;
using namespace cartero::access;
using cartero::testing::call;
using cartero::testing::login;
using cartero::testing::TempDir;

namespace {

struct Fixture {
  TempDir tmp;
  std::string db_path = tmp.path("c.db");
  std::unique_ptr<Database> db = Database::open(db_path);
  std::unique_ptr<Server> server;

  Fixture() {
    add_user(*db, {"root", Role::admin, {}}, "clave-admin-1");
    add_user(*db, {"ana", Role::analyst, {}}, "clave-analista");
    add_user(*db, {"luis", Role::field, {"Z1"}}, "clave-terreno");
    selection::import_file(*db, selection::ImportKind::accounts,
                           tmp.write("a.csv", "account_id,holder_name,use_type,address,zone,billing_type,balance,days_past_due\n"
                                              "1,José,residential,CL 1 # 10 - 20,Z1,direct,500000,90\n"
                                              "2,Ana,residential,CL 2 # 10 - 20,Z1,direct,150000,90\n"
                                              "3,Luz,commercial,CL 3 # 10 - 20,Z2,direct,900000,90\n"));
    server = std::make_unique<Server>(ServerOptions{db_path, 0, tmp.path("."), 2, false});
    server->start();
  }
  int port() const { return server->port(); }
  std::string count(const std::string& query) { return sql::scalar(*db, query).value_or(""); }
};

bool has(const std::string& body, const std::string& part) { return body.find(part) != std::string::npos; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(api_admin_tests, Fixture)

BOOST_AUTO_TEST_CASE(admins_change_the_rule_settings_and_the_next_batch_uses_them) {
  const auto [ana, ana_csrf] = login(port(), "ana", "clave-analista");
  auto r = call(port(), "GET", "/api/settings", "", ana);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(has(r.body, R"("residential":100000)"));
  BOOST_CHECK(has(r.body, R"("routing":{"nonexistent_address":"field")"));
  const std::string lower = R"({"thresholds":{"residential":120000,"commercial":300000,"industrial":null,"official":null},"min_days_past_due":60})";
  BOOST_CHECK_EQUAL(call(port(), "PUT", "/api/settings/selection", lower, ana, ana_csrf).status, 403);

  const auto [root, csrf] = login(port(), "root", "clave-admin-1");
  BOOST_CHECK_EQUAL(call(port(), "PUT", "/api/settings/selection", lower, root).status, 403);  // no CSRF token
  r = call(port(), "PUT", "/api/settings/selection", R"({"min_days":10})", root, csrf);
  BOOST_CHECK_EQUAL(r.status, 400);
  BOOST_CHECK(has(r.body, "min_days"));
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM settings"), "0");

  // Preview with the defaults: 150,000 > 100,000, all three selected; nothing stored.
  r = call(port(), "POST", "/api/batches/preview", R"({"cutoff":"2026-11-24"})", ana, ana_csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(has(r.body, R"("selected":3})"));
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM batches"), "0");

  r = call(port(), "PUT", "/api/settings/selection", R"({"thresholds":{"residential":200000}})", root, csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(has(r.body, R"("residential":200000)"));
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.selection' AND before_json LIKE '%100000%' "
                          "AND after_json LIKE '%200000%'"),
                    "1");
  r = call(port(), "POST", "/api/batches", R"({"cutoff":"2026-11-24"})", ana, ana_csrf);
  BOOST_CHECK_EQUAL(r.status, 201);
  BOOST_CHECK(has(r.body, R"("selected":2})"));  // account 2 (150,000) is now below the threshold
  BOOST_CHECK_EQUAL(selection::current_settings(*db).threshold(UseType::residential).value_or(0), 200000);

  // Why each account is in or out of that batch.
  r = call(port(), "GET", "/api/accounts/2", "", ana);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(has(r.body, R"("holder_name":"Ana")"));
  // No document type in this export: the letter goes by the document id.
  BOOST_CHECK(has(r.body, R"("document_type":"","document_type_label":"","holder_is_business":false,)"));
  BOOST_CHECK(has(r.body, R"("batch":1,"cutoff":"2026-11-24","status":"draft","in_portfolio":true,"selected":false,"rank":null,)"
                          R"("reasons":[{"code":"below_threshold","label":)"));
  r = call(port(), "GET", "/api/accounts/3", "", ana);
  BOOST_CHECK(has(r.body, R"("selected":true,"rank":1,"reasons":[])"));
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/accounts/999", "", ana).status, 404);
}

BOOST_AUTO_TEST_CASE(admins_change_routing_and_the_courier_names) {
  const auto [root, csrf] = login(port(), "root", "clave-admin-1");
  auto r = call(port(), "PUT", "/api/settings/returns", R"({"routing":{"moved":"fieldwork"}})", root, csrf);
  BOOST_CHECK_EQUAL(r.status, 400);
  BOOST_CHECK(has(r.body, "fieldwork"));
  r = call(port(), "PUT", "/api/settings/returns",
           R"({"routing":{"moved":"field"},"courier_causes":{"SE TRASTEO":"moved"},"field_deadline_days":10})", root, csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  r = call(port(), "GET", "/api/settings", "", root);
  BOOST_CHECK(has(r.body, R"("moved":"field")"));
  BOOST_CHECK(has(r.body, R"("SE TRASTEO":"moved")"));
  BOOST_CHECK(has(r.body, R"("field_deadline_days":10)"));
}

BOOST_AUTO_TEST_CASE(admins_assign_zones_and_the_change_takes_effect_at_once) {
  const auto [luis, luis_csrf] = login(port(), "luis", "clave-terreno");
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/field/lists?zone=Z2", "", luis).status, 403);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/zones", "", luis).status, 403);
  const auto [root, csrf] = login(port(), "root", "clave-admin-1");
  auto r = call(port(), "GET", "/api/zones", "", root);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(has(r.body, R"({"zone":"Z1","accounts":2,"open_field_cases":0,"field_users":["luis"]})"));
  BOOST_CHECK(has(r.body, R"({"zone":"Z2","accounts":1,"open_field_cases":0,"field_users":[]})"));

  BOOST_CHECK_EQUAL(call(port(), "PUT", "/api/users/luis", R"({"role":"field","zones":[]})", root, csrf).status, 400);
  BOOST_CHECK_EQUAL(call(port(), "PUT", "/api/users/nadie", R"({"role":"field","zones":["Z1"]})", root, csrf).status, 404);
  r = call(port(), "PUT", "/api/users/luis", R"({"role":"field","zones":["Z1","Z2"]})", root, csrf);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/me", "", luis).status, 401);  // the old session ended
  const auto [luis2, csrf2] = login(port(), "luis", "clave-terreno");
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/field/lists?zone=Z2", "", luis2).status, 200);
  BOOST_CHECK_EQUAL(count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.update' AND before_json LIKE '%\"Z1\"]%' "
                          "AND after_json LIKE '%\"Z2\"%'"),
                    "1");

  // The last admin cannot lock themselves out; a disabled user cannot log in.
  r = call(port(), "PUT", "/api/users/root", R"({"role":"analyst"})", root, csrf);
  BOOST_CHECK_EQUAL(r.status, 409);
  BOOST_CHECK_EQUAL(call(port(), "PUT", "/api/users/luis", R"({"role":"field","zones":["Z1"],"disabled":true})", root, csrf).status, 200);
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/login", R"({"username":"luis","password":"clave-terreno"})").status, 401);
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/users/ana/password", R"({"password":"corta"})", root, csrf).status, 400);
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/users/ana/password", R"({"password":"otra-clave-1"})", root, csrf).status, 200);
  BOOST_CHECK_EQUAL(login(port(), "ana", "otra-clave-1").first.empty(), false);
}

BOOST_AUTO_TEST_CASE(the_audit_log_is_for_admins_newest_first) {
  const auto [root, csrf] = login(port(), "root", "clave-admin-1");
  call(port(), "PUT", "/api/settings/selection", R"({"min_days_past_due":90})", root, csrf);
  const auto [ana, ana_csrf] = login(port(), "ana", "clave-analista");
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/audit", "", ana).status, 403);
  auto r = call(port(), "GET", "/api/audit?limit=1", "", root);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(has(r.body, R"("user":"ana","action":"login")"));
  BOOST_CHECK(!has(r.body, "settings.selection"));
  r = call(port(), "GET", "/api/audit?user=root", "", root);
  BOOST_CHECK(has(r.body, R"("action":"settings.selection","target":"selection","before":{)"));
  BOOST_CHECK(has(r.body, R"("min_days_past_due":90)"));
}

// Zones come from the portfolio (spelled as it spells them); a throttled
// user is unlocked by an admin; the audit is filtered by action and by user
// in any case, with its total; accounts are looked up as people type them.
BOOST_AUTO_TEST_CASE(zones_unlock_the_audit_filters_and_the_account_lookup) {
  const auto [root, csrf] = login(port(), "root", "clave-admin-1");
  auto r = call(port(), "PUT", "/api/users/luis", R"({"role":"field","zones":["Z1","Z99"]})", root, csrf);
  BOOST_CHECK_EQUAL(r.status, 400);
  BOOST_CHECK(has(r.body, R"("code":"zone_not_in_portfolio")"));
  BOOST_CHECK(has(r.body, "La zona Z99 no es de ninguna cuenta de la cartera"));
  BOOST_CHECK_EQUAL(call(port(), "PUT", "/api/users/luis", R"({"role":"field","zones":["z2"]})", root, csrf).status, 200);
  BOOST_CHECK_EQUAL(count("SELECT zones FROM users WHERE name = 'luis'"), "Z2");

  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/users/ana/unlock", "", root, csrf).status, 409);  // not locked
  for (int i = 0; i < 6; ++i) call(port(), "POST", "/api/login", R"({"username":"ana","password":"no-es"})");
  BOOST_CHECK(has(call(port(), "GET", "/api/users", "", root).body, R"("name":"ana","role":"analyst","zones":[],"disabled":false,"locked":true})"));
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/login", R"({"username":"ana","password":"clave-analista"})").status, 429);
  BOOST_CHECK_EQUAL(call(port(), "POST", "/api/users/ana/unlock", "", root, csrf).status, 200);
  BOOST_CHECK_EQUAL(login(port(), "ana", "clave-analista").first.empty(), false);

  r = call(port(), "GET", "/api/audit?user=ANA&action=login", "", root);
  BOOST_CHECK(has(r.body, R"("action":"login.throttled")"));
  BOOST_CHECK(!has(r.body, R"("action":"user.unlock")"));
  BOOST_CHECK_EQUAL(r.headers["X-Total-Count"], "8");  // five failed, one throttled, the throttled try, the login
  r = call(port(), "GET", "/api/audit?action=user.", "", root);
  BOOST_CHECK(has(r.body, R"("user":"root","action":"user.unlock","target":"ana")"));
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/audit?action=%25", "", root).body, "[]");  // '%' is text
  // Sorted by a column of the audit's whitelist on the server: by user, ana's lines before root's.
  r = call(port(), "GET", "/api/audit?sort=user&dir=asc&limit=1", "", root);
  BOOST_CHECK(has(r.body, R"("user":"ana")"));
  r = call(port(), "GET", "/api/audit?sort=user&dir=desc&limit=1", "", root);
  BOOST_CHECK(has(r.body, R"("user":"root")"));
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/audit?sort=before_json", "", root).status, 400);

  r = call(port(), "GET", "/api/accounts?q=jos%C3%89", "", root);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.rfind(R"([{"account_id":"1","holder_name":"José",)", 0) == 0);
  r = call(port(), "GET", "/api/accounts?q=cl&limit=1", "", root);
  BOOST_CHECK_EQUAL(r.headers["X-Total-Count"], "3");
  BOOST_CHECK(r.body.rfind(R"([{"account_id":"1",)", 0) == 0);
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/accounts?q=", "", root).status, 400);
  const auto [luis, luis_csrf] = login(port(), "luis", "clave-terreno");
  BOOST_CHECK_EQUAL(call(port(), "GET", "/api/accounts?q=jose", "", luis).status, 403);
}

BOOST_AUTO_TEST_SUITE_END()
