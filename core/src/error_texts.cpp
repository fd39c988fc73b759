#include "cartero/core/error_texts.hpp"

#include <array>

namespace cartero {

namespace {

using C = ErrorCode;

// In the enum's order (checked by error_text()).
constexpr std::array<ErrorText, k_error_code_count> k_texts = {{
    {C::invalid_input, "invalid_input", 400, "No se pudo completar la operación: {detail}"},
    {C::no_such_batch, "no_such_batch", 404, "No existe el lote {batch}."},
    {C::batch_already_dispatched, "batch_already_dispatched", 409,
     "El lote {batch} ya fue despachado el {date}: un lote despachado no se despacha de nuevo."},
    {C::batch_without_letters, "batch_without_letters", 409,
     "El lote {batch} aún no tiene cartas: genérelas e imprímalas antes de despacharlo."},
    {C::batch_empty, "batch_empty", 409, "El lote {batch} no seleccionó ninguna cuenta: no hay cartas que imprimir."},
    {C::no_portfolio, "no_portfolio", 409, "No hay cartera para seleccionar: importe primero el archivo de cuentas."},
    {C::letter_text_too_long, "letter_text_too_long", 400,
     "El texto de la carta {letter} no cabe en la página: acorte la plantilla de la carta."},
    {C::template_unknown_placeholder, "template_unknown_placeholder", 400,
     "Plantilla de la carta, línea {line}: marcador desconocido {{{name}}}."},
    {C::template_unclosed, "template_unclosed", 400, "Plantilla de la carta, línea {line}: «{{» no se cierra con «}}»."},
    {C::batch_discarded, "batch_discarded", 409, "El lote {batch} fue descartado el {date}: ya no se imprime ni se despacha."},
    {C::batch_already_discarded, "batch_already_discarded", 409, "El lote {batch} ya fue descartado el {date}."},
    {C::batch_mailed, "batch_mailed", 409,
     "El lote {batch} ya fue despachado: sus cartas se enviaron y queda en el historial; no se puede descartar."},
    {C::batch_stale, "batch_stale", 409,
     "El lote {batch} se seleccionó el {date}, hace {days} días (más de {max}): la cartera cambió desde entonces; seleccione de nuevo."},
    {C::batch_overlaps, "batch_overlaps", 409,
     "El lote {batch} no se puede {action}: {count} de sus cuentas ya recibieron carta de otros lotes ({detail}) después de su fecha de corte {cutoff}. Descártelo y seleccione de nuevo."},
    {C::batch_being_printed, "batch_being_printed", 409, "El lote {batch} se está imprimiendo en otra sesión: espere a que termine."},
    {C::batch_texts_changed, "batch_texts_changed", 409,
     "El lote {batch} se imprimió con otra plantilla o remitente: la reimpresión usa los textos con que se enviaron las cartas."},
    {C::no_contact_day, "no_contact_day", 409,
     "El {date} es {why}: ese día no se puede contactar a ningún deudor (Ley 2300 de 2023); despache el {next}."},
    {C::batch_not_approved, "batch_not_approved", 409,
     "El lote {batch} no está aprobado: otra persona con rol de administrador o supervisor lee su resumen y lo aprueba antes de imprimirlo."},
    {C::approval_void, "approval_void", 409,
     "La aprobación del lote {batch} por {user} el {date} ya no vale: la plantilla o el remitente cambiaron; apruébelo de nuevo."},
    {C::approver_not_allowed, "approver_not_allowed", 403, "{user} no puede aprobar lotes: la aprobación es de un administrador o un supervisor."},
    {C::approver_selected_batch, "approver_selected_batch", 409,
     "{user} seleccionó el lote {batch} y no puede aprobarlo también: lo aprueba otra persona."},
    {C::batch_not_approvable, "batch_not_approvable", 409,
     "El lote {batch} está {status}: solo se aprueba un lote que aún no se ha despachado."},
    {C::batch_never_dispatched, "batch_never_dispatched", 409,
     "El lote {batch} no se ha despachado: el informe cuenta los pagos después de la fecha de despacho."},
    {C::no_such_letter, "no_such_letter", 404, "Cartero no imprimió ninguna carta {letter}."},
    {C::letter_never_dispatched, "letter_never_dispatched", 409,
     "La carta {letter} nunca se despachó: no hay aviso que certificar."},
    {C::account_never_notified, "account_never_notified", 404, "La cuenta {account} no tiene ninguna carta despachada."},
    {C::file_exists, "file_exists", 409, "El archivo {file} ya existe: elija otro nombre."},
    {C::no_accounts_imported, "no_accounts_imported", 409,
     "Aún no se ha importado ningún archivo de cuentas: impórtelo primero."},
    {C::no_second_notice_due, "no_second_notice_due", 409,
     "Al {cutoff} ninguna cuenta de la cartera necesita un segundo aviso (deudas pequeñas avisadas una sola vez, sin pago ni reclamo desde el aviso)."},
    {C::second_notice_same_day, "second_notice_same_day", 409,
     "El lote {batch} lleva segundos avisos: se despacha desde su fecha de corte ({cutoff}), en un día distinto al del primer aviso; no el {date}."},
    {C::letter_not_ours, "letter_not_ours", 400, "La carta {letter} no fue impresa por Cartero."},
    {C::letter_not_dispatched, "letter_not_dispatched", 409, "La carta {letter} es de un lote que nunca se despachó."},
    {C::not_a_dispatched_letter, "not_a_dispatched_letter", 400, "La carta {letter} no es una carta despachada por Cartero."},
    {C::letter_has_return, "letter_has_return", 409, "La carta {letter} ya tiene su propia devolución registrada."},
    {C::correction_needs_reason, "correction_needs_reason", 400, "Una corrección necesita su motivo."},
    {C::no_such_return, "no_such_return", 404, "No existe la devolución {return} en el registro."},
    {C::no_such_page, "no_such_page", 404, "No existe la página escaneada {page}."},
    {C::page_not_in_review, "page_not_in_review", 409, "La página escaneada {page} ya no espera revisión (estado: {status})."},
    {C::no_such_case, "no_such_case", 404, "No existe el caso {case}."},
    {C::case_closed, "case_closed", 409, "El caso {case} ya está cerrado."},
    {C::case_not_field, "case_not_field", 409, "El caso {case} no es una verificación de terreno."},
    {C::case_not_billing, "case_not_billing", 409, "El caso {case} es una verificación de terreno, no un caso de facturación."},
    {C::address_needed, "address_needed", 400, "Para «dirección corregida» escriba la nueva dirección."},
    {C::rejection_needs_reason, "rejection_needs_reason", 400, "Un rechazo necesita su motivo."},
    {C::cleanup_decision, "cleanup_decision", 400, "Un caso de depuración se confirma o se rechaza."},
    {C::address_update_decision, "address_update_decision", 400,
     "Una actualización de dirección se cierra con la dirección corregida, o se rechaza."},
    {C::no_such_account, "no_such_account", 404, "La cuenta {account} no está en la cartera y no tiene historial."},
    {C::void_needs_reason, "void_needs_reason", 400, "Para anular una devolución escriba el motivo."},
    {C::return_already_voided, "return_already_voided", 409, "La devolución {return} ya está anulada."},
    {C::return_voided, "return_voided", 409, "La devolución {return} está anulada: no se corrige una devolución anulada."},
    {C::reopen_needs_reason, "reopen_needs_reason", 400, "Para reabrir un caso escriba el motivo."},
    {C::case_not_closed, "case_not_closed", 409, "El caso {case} está abierto: solo se reabre un caso cerrado."},
    {C::case_of_voided_return, "case_of_voided_return", 409,
     "El caso {case} se cerró porque su devolución fue anulada: no se reabre."},
    {C::page_not_confirmed, "page_not_confirmed", 409,
     "La página escaneada {page} no fue confirmada en la revisión (estado: {status}): no hay confirmación que deshacer."},
    {C::user_exists, "user_exists", 400, "El usuario {user} ya existe."},
    {C::no_such_user, "no_such_user", 404, "No existe el usuario {user}."},
    {C::password_too_short, "password_too_short", 400, "La contraseña debe tener al menos 8 caracteres."},
    {C::user_needs_name, "user_needs_name", 400, "El usuario necesita un nombre."},
    {C::last_admin, "last_admin", 409, "El cambio dejaría el sistema sin un administrador activo."},
    {C::user_not_locked, "user_not_locked", 409, "El usuario {user} no está bloqueado por intentos fallidos."},
    {C::zone_not_in_portfolio, "zone_not_in_portfolio", 400,
     "La zona {zone} no es de ninguna cuenta de la cartera: elija una de las zonas de la cartera."},
    {C::unknown_import_kind, "unknown_import_kind", 400, "Tipo de importación desconocido «{kind}» (accounts, payments o letters)."},
    {C::missing_column, "missing_column", 400, "{file}: falta la columna obligatoria «{column}» en el encabezado (se encontró: {found})."},
    {C::needs_letter_column, "needs_letter_column", 400, "{file}: necesita una columna con la carta: «barcode» (Código de barras) o «letter_id» (Número de guía)."},
    {C::file_empty, "file_empty", 400, "{file}: el archivo está vacío; expórtelo de nuevo con su fila de encabezado."},
    {C::not_text_file, "not_text_file", 400, "{file}: no es un archivo de texto (tiene datos binarios); exporte la hoja como CSV."},
    {C::no_header, "no_header", 400, "{file}: no tiene fila de encabezado."},
    {C::no_data_rows, "no_data_rows", 400, "{file}: no tiene filas de datos. La cartera quedó como estaba."},
    {C::no_row_readable, "no_row_readable", 400, "{file}: no se pudo leer ninguna fila ({detail}). La cartera quedó como estaba."},
    {C::no_data_rows_history, "no_data_rows_history", 400, "{file}: no tiene filas de datos. El historial quedó como estaba."},
    {C::no_row_readable_history, "no_row_readable_history", 400,
     "{file}: no se pudo leer ninguna fila ({detail}). El historial quedó como estaba."},
    {C::too_many_rejected, "too_many_rejected", 400,
     "{file}: se rechazarían {rejected} de {read} filas ({percent} %, más del {max} % permitido); no se importó nada. {cause}Corrija el archivo o el perfil de importación, o impórtelo aceptando las filas rechazadas."},
    {C::column_fails, "column_fails", 400,
     "{file}: la columna «{column}» falla en {failed} de {read} filas; no se importó nada. {cause}Corrija el archivo o el perfil de importación, o impórtelo aceptando las filas rechazadas."},
    {C::smaller_portfolio, "smaller_portfolio", 409, "Reemplazará {current_text} cuentas por {incoming_text} — ¿continuar?"},
    {C::header_repeated, "header_repeated", 400, "{file}: la fila de encabezado aparece de nuevo en la fila {row}; bórrela e importe otra vez."},
    {C::not_a_workbook, "not_a_workbook", 400,
     "{file}: no es un libro de Excel (.xlsx es un archivo zip); guárdelo como .xlsx o expórtelo como CSV."},
    {C::workbook_damaged, "workbook_damaged", 400, "{file}: el .xlsx está dañado; guárdelo de nuevo desde Excel."},
    {C::zip_bomb, "zip_bomb", 400, "{file}: rechazado: se expande demasiado (más de 1 GB o más de 100 veces su tamaño)."},
    {C::sheet_hidden, "sheet_hidden", 400, "{file}: la hoja «{sheet}» está oculta; muéstrela en Excel o indique la hoja que se debe leer."},
    {C::no_such_sheet, "no_such_sheet", 400, "{file}: no existe la hoja «{sheet}» (hojas: {sheets})."},
    {C::header_merged, "header_merged", 400,
     "{file}: la hoja «{sheet}» tiene celdas combinadas en el encabezado (fila {row}); sepárelas para que cada columna tenga su nombre."},
    {C::sheet_cut_off, "sheet_cut_off", 400,
     "{file}: la hoja llega a la última fila de Excel ({row}): la exportación quedó cortada; expórtela por partes o como CSV."},
    {C::profile_column_missing, "profile_column_missing", 400,
     "{file}: el perfil de importación nombra la columna «{column}», que el archivo no tiene; corrija el perfil o la exportación."},
    {C::nothing_to_undo, "nothing_to_undo", 409, "No hay una importación anterior ({kind}) para restaurar."},
    {C::database_unreachable, "database_unreachable", 503,
     "No hay conexión con la base de datos: inténtelo de nuevo en unos minutos o avise al administrador."},
    {C::database_unusable, "database_unusable", 503, "No se puede usar la base de datos: avise al administrador."},
    {C::database_busy, "database_busy", 503,
     "La base de datos está ocupada (otra tarea la está escribiendo): intente de nuevo en un momento."},
    {C::settings_not_json, "settings_not_json", 400, "{source}: no es JSON válido ({detail})."},
    {C::settings_not_object, "settings_not_object", 400, "{source}: los ajustes deben ser un objeto JSON."},
    {C::unknown_setting, "unknown_setting", 400, "Ajuste desconocido «{key}»."},
    {C::setting_not_days, "setting_not_days", 400, "El ajuste «{key}» debe ser un número entero de días."},
    {C::setting_not_whole, "setting_not_whole", 400, "El ajuste «{key}» debe ser un número entero."},
    {C::setting_negative, "setting_negative", 400, "El ajuste «{key}» no puede ser negativo."},
    {C::setting_out_of_range, "setting_out_of_range", 400, "El ajuste «{key}» debe estar entre {min} y {max}."},
    {C::setting_not_boolean, "setting_not_boolean", 400, "El ajuste «{key}» debe ser true o false."},
    {C::thresholds_not_object, "thresholds_not_object", 400,
     "El ajuste «thresholds» debe ser un objeto, por ejemplo {\"residential\": 100000}."},
    {C::unknown_use_type, "unknown_use_type", 400,
     "Tipo de uso desconocido «{use_type}» en thresholds (residential, commercial, industrial, official)."},
    {C::unknown_cause, "unknown_cause", 400, "Causal desconocida «{cause}»."},
    {C::unknown_route, "unknown_route", 400, "Destino desconocido «{route}» (field, billing o none)."},
    {C::claims_rows_rejected, "claims_rows_rejected", 400,
     "{file}: {rejected} de {read} filas no se pueden importar; no se importó nada y se conservan {what} vigentes. {rows}. Corrija esas filas e importe el archivo de nuevo, o impórtelo aceptando las filas rechazadas."},
    {C::claims_no_rows, "claims_no_rows", 400,
     "{file}: el archivo no tiene filas de datos; se conservan {what} vigentes. Expórtelo de nuevo con sus filas."},
}};

}  // namespace

std::span<const ErrorText> error_texts() { return k_texts; }

const ErrorText& error_text(ErrorCode code) {
  const auto i = static_cast<std::size_t>(code);
  return i < k_texts.size() && k_texts[i].code == code ? k_texts[i] : k_texts[0];
}

std::string spanish_message(ErrorCode code, const ErrorArgs& args) {
  const std::string_view text = error_text(code).spanish;
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // {name}: an argument; any other brace (the "{{" of the template's messages) is text.
    if (text[i] == '{') {
      const auto close = text.find('}', i);
      if (close != std::string_view::npos) {
        const auto name = text.substr(i + 1, close - i - 1);
        for (const auto& [key, value] : args) {
          if (key == name) {
            out += value;
            i = close;
            goto next;
          }
        }
      }
    }
    out.push_back(text[i]);
  next:;
  }
  return out;
}

std::string spanish_message(const InputError& e) { return spanish_message(e.code(), e.args()); }

std::string file_name_of(std::string_view path) {
  const auto slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace cartero
