#include "cartero/returns/settings.hpp"

#include <boost/test/unit_test.hpp>

#include "cartero/core/error.hpp"
#include "cartero/core/stored_settings.hpp"
#include "cartero/returns/register.hpp"
#include "../support/letters_fixture.hpp"

using namespace cartero;
using namespace cartero::returns;

BOOST_AUTO_TEST_SUITE(settings_tests)

BOOST_AUTO_TEST_CASE(routing_courier_names_and_report_settings_come_from_one_file) {
  const auto s = return_settings_from_json(
      R"({"routing": {"moved": "field", "demolished": "none"}, "courier_causes": {"DEVUELTO POR PORTERÍA": "refused"},
          "notified_causes": ["refused"], "field_deadline_days": 10})",
      "devoluciones.json");
  BOOST_CHECK(s.routing.route_of(ReturnCause::moved) == Route::field);
  BOOST_CHECK(s.routing.route_of(ReturnCause::demolished) == Route::none);
  BOOST_CHECK(s.routing.route_of(ReturnCause::vacant_lot) == Route::billing);
  BOOST_CHECK(s.courier.find("devuelto por porteria") == ReturnCause::refused);
  BOOST_CHECK(s.courier.find("Rehusado") == ReturnCause::refused);  // the defaults stay
  BOOST_CHECK_EQUAL(s.report.notified_causes.size(), 1u);
  BOOST_CHECK_EQUAL(s.report.field_deadline_days, 10);
  BOOST_CHECK_EQUAL(s.report.billing_deadline_days, 30);
}

BOOST_AUTO_TEST_CASE(settings_written_as_json_read_back_the_same) {
  const auto s = return_settings_from_json(
      R"({"routing": {"moved": "field"}, "courier_causes": {"Se trasteó": "moved"}, "notified_causes": ["refused"],
          "billing_deadline_days": 20})",
      "devoluciones.json");
  const auto json = return_settings_to_json(s);
  BOOST_CHECK(json.find(R"("moved":"field")") != std::string::npos);
  BOOST_CHECK(json.find(R"("demolished":"billing")") != std::string::npos);  // every cause has its route
  BOOST_CHECK(json.find(R"("courier_causes":{"Se trasteó":"moved"})") != std::string::npos);  // as written
  BOOST_CHECK_EQUAL(return_settings_to_json(return_settings_from_json(json, "again")), json);
}

BOOST_AUTO_TEST_CASE(saved_settings_are_the_ones_in_force) {
  testing::LettersFixture f(1);
  BOOST_CHECK(current_return_settings(*f.db).routing.route_of(ReturnCause::moved) == Route::none);
  {
    sql::Transaction tx(*f.db);
    store_settings(*f.db, k_return_settings_name, R"({"routing":{"moved":"field"}})", "root");
    tx.commit();
  }
  BOOST_CHECK(current_return_settings(*f.db).routing.route_of(ReturnCause::moved) == Route::field);
  BOOST_CHECK(return_settings_for(*f.db, std::nullopt).routing.route_of(ReturnCause::moved) == Route::field);
}

BOOST_AUTO_TEST_CASE(mistakes_name_the_file_and_the_key) {
  for (const char* json : {R"({"rutas": {}})", R"({"routing": {"moved": "somewhere"}})", R"({"routing": {"mudado": "field"}})",
                           R"({"notified_causes": ["nadie"]})", R"({"field_deadline_days": 0})", "nope"}) {
    BOOST_CHECK_EXCEPTION(return_settings_from_json(json, "devoluciones.json"), InputError, [](const InputError& e) {
      return std::string(e.what()).find("devoluciones.json") != std::string::npos;
    });
  }
}

BOOST_AUTO_TEST_CASE(a_routing_setting_changes_where_a_registered_return_goes) {
  cartero::testing::LettersFixture f(1);
  Routing routing;
  routing.overrides = {{ReturnCause::moved, Route::field}};
  register_return(*f.db, {f.ids[0], ReturnCause::moved, "", *Date::parse_iso("2026-12-01"), "ana", "hand", std::nullopt, std::nullopt},
                  routing);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT kind || ' ' || cause FROM cases").value_or(""), "field_check moved");
}

BOOST_AUTO_TEST_CASE(nulls_wrong_types_and_numbers_past_range_are_refused_by_name) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"routing":{"moved":null}})", "moved"},
      {R"({"routing":{"moved":3}})", "moved"},
      {R"({"routing":"x"})", "routing"},
      {R"({"routing":null})", "routing"},
      {R"({"notified_causes":[null]})", "notified_causes"},
      {R"({"notified_causes":"refused"})", "notified_causes"},
      {R"({"courier_causes":{"X":null}})", "X"},
      {R"({"courier_causes":["refused"]})", "courier_causes"},
      {R"({"field_deadline_days":99999999999})", "field_deadline_days"},
      {R"({"billing_deadline_days":3651})", "billing_deadline_days"},
      {R"({"billing_deadline_days":null})", "billing_deadline_days"},
      {R"({"field_deadline_days":"15"})", "field_deadline_days"},
  };
  for (const auto& [json, expected] : cases) {
    try {
      return_settings_from_json(json, "devoluciones.json");
      BOOST_ERROR(std::string("accepted ") + json);
    } catch (const InputError& e) {
      const std::string msg = e.what();
      BOOST_CHECK_MESSAGE(msg.find("devoluciones.json") != std::string::npos && msg.find(expected) != std::string::npos, msg);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_file_saved_with_a_utf8_bom_is_read) {
  const auto s = return_settings_from_json("\xEF\xBB\xBF{\"field_deadline_days\": 20}", "devoluciones.json");
  BOOST_CHECK_EQUAL(s.report.field_deadline_days, 20);
}

BOOST_AUTO_TEST_SUITE_END()
