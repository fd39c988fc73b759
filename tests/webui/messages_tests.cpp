// The libraries' English InputErrors as the API answers them: Spanish, the
// right status, the detail kept, server folders left out.
#include <boost/test/unit_test.hpp>

#include "messages.hpp"

using cartero::webui::field_label;
using cartero::webui::spanish_error;
using cartero::webui::spanish_row_reason;

BOOST_AUTO_TEST_SUITE(messages_tests)

BOOST_AUTO_TEST_CASE(known_messages_become_spanish_with_their_detail) {
  struct {
    const char* english;
    int status;
    const char* spanish;
  } const k_cases[] = {
      {"batch 4 was already dispatched on 2026-11-24; a dispatched batch cannot be dispatched again", 409,
       "El lote 4 ya fue despachado el 2026-11-24: un lote despachado no se despacha de nuevo."},
      {"batch 5 has no letters yet: run `cartero letters --batch 5 --out DIR` first, print them, then dispatch", 409,
       "El lote 5 aún no tiene cartas: genérelas e imprímalas antes de despacharlo."},
      {"there is no batch 9 (see the ids `cartero select` printed)", 404, "No existe el lote 9."},
      {"case 3 is already closed", 409, "El caso 3 ya está cerrado."},
      {"batch 1 cannot be printed: 3 of its accounts already got a letter after its cutoff 2026-11-24 (3 by batch 2 "
       "dispatched on 2026-11-26); mailing it would write to them twice. Discard it (`cartero batch discard 1`) and select again",
       409, "El lote 1 no se puede imprimir: 3 de sus cuentas ya recibieron carta del lote 2 (despachado el 2026-11-26) "
       "después de su fecha de corte 2026-11-24. Descártelo y seleccione de nuevo."},
      {"letter 2026-000099 is not a dispatched letter of Cartero", 400, "La carta 2026-000099 no es una carta despachada por Cartero."},
      {"settings: unknown setting \"foo\"", 400, "Ajuste desconocido «foo»."},
      {"settings thresholds: \"residential\" must be a whole number", 400, "El ajuste «residential» debe ser un número entero."},
      {"/srv/c.db.files/uploads/imports-17-2/1-cuentas.csv: required column 'balance' is missing from the header "
       "(found: account_id, holder_name)",
       400, "1-cuentas.csv: falta la columna obligatoria «balance» en el encabezado (se encontró: account_id, holder_name)."},
      {"/srv/up/1-pagos.csv: no row could be read; line 2 amount: 'x' is not an amount. The portfolio was left as it was.", 400,
       "1-pagos.csv: no se pudo leer ninguna fila (line 2 amount: 'x' is not an amount). La cartera quedó como estaba."},
      {"user pepa already exists", 400, "El usuario pepa ya existe."},
      {"/srv/up/2-pagos.csv: column 'paid_on' fails on 9 of 10 rows; nothing was imported. First errors line 3 paid_on: x. "
       "Likely cause: the dates look like mm/dd/yyyy: set the profile's date format. Fix the file…",
       400, "2-pagos.csv: la columna «paid_on» falla en 9 de 10 filas; no se importó nada. Las fechas parecen mm/dd/yyyy: ajuste el "
            "formato de fecha del perfil de importación."},
      {"/srv/up/3-pagos.csv: 3 of 100 rows would be rejected (3.0 %, more than the 2 % allowed); nothing was imported. First errors…",
       400, "3-pagos.csv: se rechazarían 3 de 100 filas (3.0 %, más del 2 % permitido); no se importó nada. Corrija el archivo o el "
            "perfil de importación, o impórtelo aceptando las filas rechazadas."},
      {"/srv/up/4-c.xlsx, sheet 'Cartera', row 1: the header has merged cells; unmerge them", 400,
       "4-c.xlsx: la hoja «Cartera» tiene celdas combinadas en el encabezado (fila 1); sepárelas para que cada columna tenga su nombre."},
      {"import undo: there is no previous letters import to put back", 409, "No hay una importación anterior (letters) para restaurar."},
      {"cannot connect to PostgreSQL at postgresql://ana@db:5432/c: timeout (check that the server runs…)", 503,
       "No hay conexión con la base de datos: inténtelo de nuevo en unos minutos o avise al administrador."},
  };
  for (const auto& c : k_cases) {
    const auto e = spanish_error(c.english);
    BOOST_TEST(e.status == c.status, c.english);
    BOOST_TEST(e.message == c.spanish);
  }
}

BOOST_AUTO_TEST_CASE(an_unknown_message_gets_a_generic_spanish_sentence_with_its_detail) {
  const auto e = spanish_error("the moon is made of cheese at line 7");
  BOOST_TEST(e.status == 400);
  BOOST_TEST(e.message == "No se pudo completar la operación: the moon is made of cheese at line 7");
}

BOOST_AUTO_TEST_CASE(rejected_rows_say_why_in_spanish_with_the_value) {
  BOOST_CHECK_EQUAL(spanish_row_reason("'12a' is not an amount in whole pesos (1234567, 1.234.567 or $ 1.234.567)"),
                    "'12a' no es un valor en pesos enteros (1234567, 1.234.567 o $ 1.234.567)");
  BOOST_CHECK_EQUAL(spanish_row_reason("account 1001 appears on an earlier row"), "la cuenta 1001 ya aparece en una fila anterior del archivo");
  BOOST_CHECK_EQUAL(spanish_row_reason("the row has 3 fields; column 'balance' is missing"),
                    "la fila tiene 3 campos: le falta la columna «balance»");
  BOOST_CHECK_EQUAL(spanish_row_reason("something new"), "something new");
}

BOOST_AUTO_TEST_CASE(fields_are_named_in_spanish_with_their_key) {
  BOOST_TEST(field_label("max") == "máximo de cartas (max)");
  BOOST_TEST(field_label("zones") == "zonas (zones)");
  BOOST_TEST(field_label("colour") == "\"colour\"");
}

BOOST_AUTO_TEST_SUITE_END()
