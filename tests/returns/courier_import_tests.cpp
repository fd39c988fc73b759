#include "cartero/returns/courier_import.hpp"

#include <boost/test/unit_test.hpp>

#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/letters/letter_code.hpp"
#include "../support/letters_fixture.hpp"

using namespace cartero;
using namespace cartero::returns;
using cartero::testing::LettersFixture;

BOOST_AUTO_TEST_SUITE(courier_import_tests)

BOOST_AUTO_TEST_CASE(the_couriers_returns_are_registered_row_by_row) {
  LettersFixture f(4);
  const auto code = letters::make_payload(f.ids[1]);
  const std::string csv = "barcode;letter_id;cause;returned_on;observation\n"
                          ";" + f.ids[0] + ";DIR. INEXISTENTE;2026-12-01;no existe la nomenclatura\n"
                          + code + ";;Rehusado;2026-12-02;\n"
                          ";" + f.ids[2] + ";se lo llevó el viento;2026-12-02;\n"
                          "2026-000999-0;;REHUSADO;2026-12-02;\n"
                          ";2026-999999;REHUSADO;2026-12-02;\n"
                          ";" + f.ids[3] + ";lote;2026-11-01;\n"
                          ";" + f.ids[3] + ";lote;2026-13-01;\n"
                          ";" + f.ids[0] + ";rehusado;2026-12-03;\n";
  const auto s = import_returns(*f.db, f.tmp.write("dev.csv", csv), CourierCauses::defaults(), "ana");
  BOOST_CHECK_EQUAL(s.read, 8);
  BOOST_CHECK_EQUAL(s.recorded, 2);
  BOOST_REQUIRE_EQUAL(s.rejected.size(), 5u);
  BOOST_CHECK_EQUAL(s.rejected[0].field, "cause");
  BOOST_CHECK_EQUAL(s.rejected[1].field, "barcode");
  BOOST_CHECK(s.rejected[2].reason.find("does not exist") != std::string::npos);
  BOOST_CHECK(s.rejected[3].reason.find("before the letter was sent") != std::string::npos);
  BOOST_CHECK_EQUAL(s.rejected[4].field, "returned_on");
  BOOST_REQUIRE_EQUAL(s.duplicates.size(), 1u);
  BOOST_CHECK_EQUAL(s.duplicates[0].line, 9u);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT cause || ' ' || observation FROM returns WHERE return_id = 1").value_or(""),
                    "nonexistent_address no existe la nomenclatura");
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT COUNT(*) FROM cases WHERE kind = 'field_check'").value_or(""), "1");
}

BOOST_AUTO_TEST_CASE(the_couriers_own_headers_and_4_72_causes_keep_their_wording) {
  LettersFixture f(5);
  const std::string csv = "N\xFAmero de gu\xED" "a;Motivo de devoluci\xF3n;Fecha de devoluci\xF3n;Observaci\xF3n\r\n"
                          + f.ids[0] + ";Direcci\xF3n errada;15/12/2026;portero dice que no\r\n"
                          + letters::make_payload(f.ids[1]) + ";Apartado clausurado;16/12/2026;\r\n"
                          + f.ids[2] + ";No reside;16/12/2026;\r\n"
                          + f.ids[3] + ";No reclamado;17/12/2026;\r\n"
                          + f.ids[4] + ";Demolido;17/12/2026;\r\n";
  const auto s = import_returns(*f.db, f.tmp.write("472.csv", csv), CourierCauses::defaults(), "ana");
  BOOST_CHECK_EQUAL(s.recorded, 5);
  BOOST_CHECK(s.rejected.empty());
  const auto row = [&](int id) {
    return sql::scalar(*f.db, "SELECT cause || '|' || courier_cause || '|' || returned_on FROM returns WHERE return_id = " + std::to_string(id))
        .value_or("");
  };
  BOOST_CHECK_EQUAL(row(1), "nonexistent_address|Dirección errada|2026-12-15");
  BOOST_CHECK_EQUAL(row(2), "nonexistent_address|Apartado clausurado|2026-12-16");
  BOOST_CHECK_EQUAL(row(3), "moved|No reside|2026-12-16");
  BOOST_CHECK_EQUAL(row(4).substr(row(4).find('|')), "|No reclamado|2026-12-17");  // unclaimed once the cause table has it
  BOOST_CHECK_EQUAL(row(5), "demolished|Demolido|2026-12-17");
}

BOOST_AUTO_TEST_CASE(deliveries_close_the_loop_and_refuse_contradictions) {
  LettersFixture f(3);
  import_returns(*f.db, f.tmp.write("r.csv", "letter_id,cause,returned_on\n" + f.ids[2] + ",cerrado,2026-12-01\n"),
                 CourierCauses::defaults(), "ana");
  const auto s = import_deliveries(*f.db, f.tmp.write("d.csv", "letter_id,delivered_on\n" + f.ids[0] + ",2026-11-28\n" + f.ids[0] +
                                                                   ",2026-11-29\n" + f.ids[2] + ",2026-11-28\n"),
                                   "ana");
  BOOST_CHECK_EQUAL(s.recorded, 1);
  BOOST_CHECK_EQUAL(s.duplicates.size(), 1u);
  BOOST_REQUIRE_EQUAL(s.rejected.size(), 1u);
  BOOST_CHECK(s.rejected[0].reason.find("registered as returned") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(files_without_the_needed_columns_are_refused_whole) {
  LettersFixture f(1);
  BOOST_CHECK_THROW(import_returns(*f.db, f.tmp.write("x.csv", "cause,returned_on\nlote,2026-12-01\n"), CourierCauses::defaults(), "a"),
                    InputError);
  BOOST_CHECK_THROW(import_deliveries(*f.db, f.tmp.write("y.csv", "letter_id\nX\n"), "a"), InputError);
}

BOOST_AUTO_TEST_SUITE_END()
