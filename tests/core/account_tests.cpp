#include "cartero/core/account.hpp"

#include <boost/test/unit_test.hpp>

using namespace cartero;

BOOST_AUTO_TEST_SUITE(account_tests)

BOOST_AUTO_TEST_CASE(use_types_accept_spanish_aliases_in_any_case) {
  BOOST_CHECK(parse_use_type("Residencial") == UseType::residential);
  BOOST_CHECK(parse_use_type("RESIDENTIAL") == UseType::residential);
  BOOST_CHECK(parse_use_type("comercial") == UseType::commercial);
  BOOST_CHECK(parse_use_type("Oficial") == UseType::official);
  BOOST_CHECK(parse_use_type("industrial") == UseType::industrial);
  BOOST_CHECK(!parse_use_type("rural"));
  BOOST_CHECK(!parse_use_type(""));
}

BOOST_AUTO_TEST_CASE(billing_types_and_flags) {
  BOOST_CHECK(parse_billing_type("Directa") == BillingType::direct);
  BOOST_CHECK(parse_billing_type("conjunta") == BillingType::joint);
  BOOST_CHECK(!parse_billing_type("mixta"));
  for (const char* yes : {"1", "true", "yes", "si", "sí", "SÍ", "Si"}) BOOST_CHECK(parse_flag(yes) == true);
  for (const char* no : {"0", "false", "no", "NO", ""}) BOOST_CHECK(parse_flag(no) == false);
  BOOST_CHECK(!parse_flag("tal vez"));
}

BOOST_AUTO_TEST_CASE(sanitation_flags_and_empty_means_none) {
  BOOST_CHECK(parse_sanitation("") == Sanitation::none);
  BOOST_CHECK(parse_sanitation("Demolido") == Sanitation::demolished);
  BOOST_CHECK(parse_sanitation("lote") == Sanitation::vacant_lot);
  BOOST_CHECK(parse_sanitation("vacant_lot") == Sanitation::vacant_lot);
  BOOST_CHECK(parse_sanitation("doble_facturacion") == Sanitation::double_billing);
  BOOST_CHECK(parse_sanitation("Doble facturación") == Sanitation::double_billing);
  BOOST_CHECK(!parse_sanitation("quemado"));
}

BOOST_AUTO_TEST_SUITE_END()
