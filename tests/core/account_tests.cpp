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

// Document types as Colombian utilities' billing systems export them: the
// registries' abbreviations with and without dots, the names in full, the
// DIAN's numeric codes (Resolución 000042 de 2020, tabla 13.2.1).
BOOST_AUTO_TEST_CASE(document_types_as_exports_write_them) {
  const std::pair<const char*, const char*> table[] = {
      {"CC", "CC"},          {"C.C.", "CC"},        {"c.c", "CC"},         {"Cédula de ciudadanía", "CC"},
      {"CEDULA DE CIUDADANIA", "CC"}, {"CÉDULA", "CC"}, {"13", "CC"},     {" CC ", "CC"},
      {"CE", "CE"},          {"C.E.", "CE"},        {"Cédula de extranjería", "CE"}, {"22", "CE"},
      {"NIT", "NIT"},        {"N.I.T.", "NIT"},     {"Nit", "NIT"},        {"31", "NIT"},
      {"RUT", "NIT"},        {"Número de identificación tributaria", "NIT"}, {"NIT de otro país", "NIT"},
      {"TI", "TI"},          {"T.I.", "TI"},        {"Tarjeta de identidad", "TI"}, {"12", "TI"},
      {"PP", "PP"},          {"PA", "PP"},          {"Pasaporte", "PP"},   {"41", "PP"},
      {"PEP", "PEP"},        {"Permiso especial de permanencia", "PEP"}, {"47", "PEP"},
      {"PPT", "PPT"},        {"Permiso por Protección Temporal", "PPT"},
      {"RC", "RC"},          {"Registro civil de nacimiento", "RC"}, {"NUIP", "NUIP"},
      {"TE", "TE"},          {"Tarjeta de extranjería", "TE"}, {"DIE", "DIE"}, {"CD", "CD"},
  };
  for (const auto& [written, code] : table) {
    const auto parsed = parse_document_type(written);
    BOOST_CHECK_MESSAGE(parsed && *parsed == code, "'" << written << "' -> " << (parsed ? *parsed : "nothing"));
  }
  for (const char* unknown : {"", "  ", "X", "CC/NIT", "Persona", "99", "Cédula o NIT"}) {
    BOOST_CHECK_MESSAGE(!parse_document_type(unknown), "'" << unknown << "' taken for a document type");
  }
  BOOST_CHECK_EQUAL(document_type_label("CC"), "Cédula de ciudadanía");
  BOOST_CHECK_EQUAL(document_type_label("NIT"), "NIT");
  BOOST_CHECK_EQUAL(document_type_label("Carné"), "Carné");
}

// The letter says "Señores" to a business, "Señor(a)" to a person.
BOOST_AUTO_TEST_CASE(the_document_type_decides_the_holder_and_the_id_without_one) {
  struct Case {
    const char *type, *id;
    bool business;
  };
  const Case table[] = {
      // The export's type decides, whatever the number looks like.
      {"NIT", "8001234567", true},          // the check digit run on, no dash
      {"N.I.T.", "12345", true},
      {"RUT", "830.045.112-1", true},
      {"31", "900123456", true},
      {"CC", "900123456", false},           // a cédula that happens to have a NIT's shape
      {"C.C.", "900.123.456-7", false},
      {"Cédula de extranjería", "912345", false},
      {"Pasaporte", "AB123456", false},
      {"TI", "1020304050", false},
      {"PEP", "960123456", false},
      // No type, or one Cartero does not know: the document id's shape.
      {"", "900.123.456-7", true},
      {"", "800123456", true},
      {"", "NIT 830.045.112-1", true},
      {"", "79.456.123", false},
      {"", "1020304050", false},
      {"", "", false},
      {"Jurídica", "901.555.666-2", true},
      {"Jurídica", "52.111.222", false},
  };
  for (const auto& c : table) {
    BOOST_CHECK_MESSAGE(holder_is_business(c.type, c.id) == c.business,
                        "'" << c.type << "', '" << c.id << "' should be " << (c.business ? "a business" : "a person"));
  }
}

BOOST_AUTO_TEST_SUITE_END()
