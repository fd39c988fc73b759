#include "cartero/selection/settings.hpp"

#include <boost/test/unit_test.hpp>

#include "cartero/core/error.hpp"

using namespace cartero;
using namespace cartero::selection;

BOOST_AUTO_TEST_SUITE(settings_tests)

BOOST_AUTO_TEST_CASE(defaults_are_the_procedure_numbers) {
  const Settings s;
  BOOST_CHECK_EQUAL(*s.threshold(UseType::residential), 100000);
  BOOST_CHECK_EQUAL(*s.threshold(UseType::commercial), 300000);
  BOOST_CHECK(!s.threshold(UseType::industrial));
  BOOST_CHECK_EQUAL(s.min_days_past_due, 60);
  BOOST_CHECK_EQUAL(s.payment_window_days, 30);
  BOOST_CHECK_EQUAL(s.letter_window_days, 60);
  BOOST_CHECK(!s.max_letters);
}

BOOST_AUTO_TEST_CASE(json_overrides_only_what_it_names_and_round_trips) {
  const auto s = settings_from_json(
      R"({"thresholds": {"commercial": 500000, "industrial": 1000000}, "min_days_past_due": 90,
          "max_letters": 20000, "pending_billing_check": false})",
      "test.json");
  BOOST_CHECK_EQUAL(*s.threshold(UseType::residential), 100000);
  BOOST_CHECK_EQUAL(*s.threshold(UseType::commercial), 500000);
  BOOST_CHECK_EQUAL(*s.threshold(UseType::industrial), 1000000);
  BOOST_CHECK_EQUAL(s.min_days_past_due, 90);
  BOOST_CHECK_EQUAL(*s.max_letters, 20000);
  BOOST_CHECK(!s.pending_billing_check);
  const auto again = settings_from_json(settings_to_json(s), "stored");
  BOOST_CHECK_EQUAL(settings_to_json(again), settings_to_json(s));
}

BOOST_AUTO_TEST_CASE(mistakes_are_input_errors_naming_the_file_and_key) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"min_days": 60})", "min_days"},
      {R"({"min_days_past_due": "60"})", "min_days_past_due"},
      {R"({"payment_window_days": -1})", "payment_window_days"},
      {R"({"thresholds": {"rural": 5}})", "rural"},
      {R"({"pending_address_check": 1})", "pending_address_check"},
      {R"({not json)", "not valid JSON"},
  };
  for (const auto& [json, expected] : cases) {
    try {
      settings_from_json(json, "rules.json");
      BOOST_ERROR(std::string("accepted ") + json);
    } catch (const InputError& e) {
      const std::string msg = e.what();
      BOOST_CHECK_MESSAGE(msg.find("rules.json") != std::string::npos && msg.find(expected) != std::string::npos, msg);
    }
  }
}

BOOST_AUTO_TEST_CASE(numbers_past_their_range_wrong_types_and_nulls_are_refused_by_name) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"min_days_past_due": 2147483648})", "min_days_past_due"},
      {R"({"min_days_past_due": 99999999999999999999})", "99999999999999999999"},
      {R"({"payment_window_days": 36501})", "payment_window_days"},
      {R"({"letter_window_days": null})", "letter_window_days"},
      {R"({"pending_address_check": null})", "pending_address_check"},
      {R"({"thresholds": {"residential": 1e300}})", "residential"},
      {R"({"thresholds": {"commercial": 10000000000000000}})", "commercial"},
      {R"({"thresholds": null})", "thresholds"},
      {R"({"thresholds": []})", "thresholds"},
      {R"({"max_letters": 0})", "max_letters"},
      {R"({"max_letters": "10"})", "max_letters"},
      {R"([1, 2])", "JSON object"},
  };
  for (const auto& [json, expected] : cases) {
    try {
      settings_from_json(json, "rules.json");
      BOOST_ERROR(std::string("accepted ") + json);
    } catch (const InputError& e) {
      const std::string msg = e.what();
      BOOST_CHECK_MESSAGE(msg.find("rules.json") != std::string::npos && msg.find(expected) != std::string::npos, msg);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_largest_accepted_values_read_back_the_same) {
  const auto s = settings_from_json(R"({"min_days_past_due": 36500, "thresholds": {"industrial": 1000000000000000},
                                        "max_letters": 100000000, "letter_window_days": 0})", "rules.json");
  BOOST_CHECK_EQUAL(s.min_days_past_due, 36500);
  BOOST_CHECK_EQUAL(settings_to_json(settings_from_json(settings_to_json(s), "again")), settings_to_json(s));
}

BOOST_AUTO_TEST_CASE(a_file_saved_with_a_utf8_bom_is_read) {
  const auto s = settings_from_json("\xEF\xBB\xBF{\"min_days_past_due\": 90}", "rules.json");
  BOOST_CHECK_EQUAL(s.min_days_past_due, 90);
}

BOOST_AUTO_TEST_SUITE_END()
