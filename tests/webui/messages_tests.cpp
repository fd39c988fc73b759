// How the API answers an error: the code's HTTP status and Spanish text
// from core's table, the arguments kept, never a reading of the English
// message; and the web layer's own refusals with the code of their status.
#include <boost/test/unit_test.hpp>

#include "http.hpp"
#include "messages.hpp"

using namespace cartero;
using namespace cartero::webui;

BOOST_AUTO_TEST_SUITE(messages_tests)

BOOST_AUTO_TEST_CASE(coded_errors_get_their_status_and_spanish_text_with_their_detail) {
  struct {
    InputError error;
    int status;
    const char* code;
    const char* spanish;
  } const k_cases[] = {
      {InputError(ErrorCode::batch_already_dispatched, "batch 4 was already dispatched on 2026-11-24; …",
                  {{"batch", "4"}, {"date", "2026-11-24"}}),
       409, "batch_already_dispatched", "El lote 4 ya fue despachado el 2026-11-24: un lote despachado no se despacha de nuevo."},
      {InputError(ErrorCode::no_such_batch, "there is no batch 9", {{"batch", "9"}}), 404, "no_such_batch", "No existe el lote 9."},
      {InputError(ErrorCode::case_closed, "case 3 is already closed", {{"case", "3"}}), 409, "case_closed", "El caso 3 ya está cerrado."},
      {InputError(ErrorCode::missing_column, "/srv/up/1-cuentas.csv: required column 'balance' is missing …",
                  {{"file", "1-cuentas.csv"}, {"column", "balance"}, {"found", "account_id, holder_name"}}),
       400, "missing_column", "1-cuentas.csv: falta la columna obligatoria «balance» en el encabezado (se encontró: account_id, holder_name)."},
      {InputError(ErrorCode::template_unknown_placeholder, "carta.txt: line 3: unknown placeholder {{saldo}}", {{"line", "3"}, {"name", "saldo"}}),
       400, "template_unknown_placeholder", "Plantilla de la carta, línea 3: marcador desconocido {{saldo}}."},
      {InputError(ErrorCode::last_admin, "the change would leave no admin who can log in"), 409, "last_admin",
       "El cambio dejaría el sistema sin un administrador activo."},
      {InputError(ErrorCode::database_unreachable, "cannot connect to PostgreSQL at postgresql://ana@db:5432/c: timeout"), 503,
       "database_unreachable", "No hay conexión con la base de datos: inténtelo de nuevo en unos minutos o avise al administrador."},
      // The exports' refusals (imports that would make things worse, workbooks, undo).
      {InputError(ErrorCode::column_fails, "/srv/up/2-pagos.csv: column 'paid_on' fails on 9 of 10 rows; nothing was imported…",
                  {{"file", "2-pagos.csv"}, {"column", "paid_on"}, {"failed", "9"}, {"read", "10"},
                   {"cause", "Las fechas parecen mm/dd/yyyy: ajuste el formato de fecha del perfil de importación. "}}),
       400, "column_fails",
       "2-pagos.csv: la columna «paid_on» falla en 9 de 10 filas; no se importó nada. Las fechas parecen mm/dd/yyyy: ajuste el "
       "formato de fecha del perfil de importación. Corrija el archivo o el perfil de importación, o impórtelo aceptando las filas rechazadas."},
      {InputError(ErrorCode::too_many_rejected, "/srv/up/3-pagos.csv: 3 of 100 rows would be rejected (3.0 %, more than the 2 % allowed)…",
                  {{"file", "3-pagos.csv"}, {"rejected", "3"}, {"read", "100"}, {"percent", "3.0"}, {"max", "2"}, {"cause", ""}}),
       400, "too_many_rejected",
       "3-pagos.csv: se rechazarían 3 de 100 filas (3.0 %, más del 2 % permitido); no se importó nada. Corrija el archivo o el "
       "perfil de importación, o impórtelo aceptando las filas rechazadas."},
      {InputError(ErrorCode::header_merged, "/srv/up/4-c.xlsx, sheet 'Cartera', row 1: the header has merged cells; unmerge them",
                  {{"file", "4-c.xlsx"}, {"sheet", "Cartera"}, {"row", "1"}}),
       400, "header_merged",
       "4-c.xlsx: la hoja «Cartera» tiene celdas combinadas en el encabezado (fila 1); sepárelas para que cada columna tenga su nombre."},
      {InputError(ErrorCode::nothing_to_undo, "import undo: there is no previous letters import to put back", {{"kind", "letters"}}),
       409, "nothing_to_undo", "No hay una importación anterior (letters) para restaurar."},
  };
  for (const auto& c : k_cases) {
    const auto e = api_error(c.error);
    BOOST_TEST(e.status == c.status, c.code);
    BOOST_TEST(e.code == c.code);
    BOOST_TEST(e.message == c.spanish);
    BOOST_TEST(e.args.size() == c.error.args().size());
  }
}

BOOST_AUTO_TEST_CASE(an_error_without_a_code_gets_a_generic_spanish_sentence_with_its_detail) {
  const auto e = api_error(InputError("the moon is made of cheese at line 7"));
  BOOST_TEST(e.status == 400);
  BOOST_TEST(e.code == "invalid_input");
  BOOST_TEST(e.message == "No se pudo completar la operación: the moon is made of cheese at line 7");
}

BOOST_AUTO_TEST_CASE(web_refusals_keep_their_message_with_the_code_of_their_status) {
  auto e = api_error(HttpError(403, "Su rol no tiene permiso para esta acción."));
  BOOST_TEST(e.status == 403);
  BOOST_TEST(e.code == "forbidden");
  BOOST_TEST(e.args.empty());
  e = api_error(HttpError(404, "No existe el usuario pepa.", "no_such_user"));
  BOOST_TEST(e.code == "no_such_user");
  BOOST_TEST(error_json(e) == R"({"error":{"code":"no_such_user","message":"No existe el usuario pepa.","args":{}}})");
  BOOST_TEST(error_json(api_error(InputError(ErrorCode::no_such_case, "there is no case 7", {{"case", "7"}}))) ==
             R"({"error":{"code":"no_such_case","message":"No existe el caso 7.","args":{"case":"7"}}})");
}

BOOST_AUTO_TEST_CASE(fields_are_named_in_spanish_with_their_key) {
  BOOST_TEST(field_label("max") == "máximo de cartas (max)");
  BOOST_TEST(field_label("zones") == "zonas (zones)");
  BOOST_TEST(field_label("colour") == "\"colour\"");
}

BOOST_AUTO_TEST_SUITE_END()
