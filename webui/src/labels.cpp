#include "labels.hpp"

#include <initializer_list>
#include <string_view>
#include <utility>

#include "cartero/core/causes.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/page_notes.hpp"
#include "cartero/letters/letter.hpp"
#include "cartero/selection/reasons.hpp"

namespace cartero::webui {

namespace {

using Table = std::initializer_list<std::pair<std::string_view, std::string_view>>;

void table(JsonWriter& j, std::string_view name, Table rows) {
  j.key(name).begin_array();
  for (const auto& [code, label] : rows) j.begin_object().key("code").value(code).key("label").value(label).end_object();
  j.end_array();
}

}  // namespace

std::string labels_json() {
  JsonWriter j;
  j.begin_object().key("causes").begin_array();
  for (const auto& c : all_causes()) j.begin_object().key("code").value(c.code).key("label").value(c.label).end_object();
  j.end_array().key("reasons").begin_array();
  for (const auto r : selection::k_reason_order) {
    j.begin_object().key("code").value(selection::code(r)).key("label").value(selection::label(r)).end_object();
  }
  j.end_array();
  table(j, "use_types", {{"residential", "Residencial"}, {"commercial", "Comercial"}, {"industrial", "Industrial"}, {"official", "Oficial"}});
  table(j, "billing_types", {{"direct", "Directa"}, {"joint", "Conjunta"}});
  table(j, "sanitation", {{"demolished", "Predio demolido"}, {"vacant_lot", "Lote"}, {"double_billing", "Doble facturación"}});
  table(j, "batch_statuses", {{"draft", "Borrador"}, {"generated", "Impreso"}, {"dispatched", "Despachado"}, {"discarded", "Descartado"}});
  table(j, "case_kinds", {{"field_check", "Verificación en terreno"}, {"cleanup", "Saneamiento"}, {"address_update", "Actualización de dirección"}});
  table(j, "case_statuses", {{"open", "Abierto"}, {"closed", "Cerrado"}});
  table(j, "outcomes", {{"address_ok", "Dirección correcta"}, {"address_corrected", "Dirección corregida"}, {"address_wrong", "Dirección errada"},
                        {"demolished", "Predio demolido"}, {"vacant_lot", "Lote"}, {"confirmed", "Confirmado"}, {"rejected", "Rechazado"},
                        {"done", "Actualizada"},
                        {"return_voided", "Cerrado: devolución anulada"},
                        {"withdrawn", "Retirado: se reabrió el caso que lo abrió"}});
  table(j, "sources", {{"scan", "Escaneo"}, {"scan_review", "Escaneo revisado"}, {"hand", "A mano"}, {"courier_file", "Planilla del mensajero"}});
  table(j, "manifest_orders", {{"rank", "Por puesto en el lote"}, {"postal_code", "Por código postal"}});
  table(j, "routes", {{"field", "Terreno"}, {"billing", "Facturación"}, {"none", "Solo registro"}});
  table(j, "roles", {{"admin", "Administrador"}, {"analyst", "Analista"}, {"office", "Oficina"}, {"field", "Terreno"}, {"billing", "Facturación"},
                     {"supervisor", "Supervisor(a)"}});
  table(j, "scan_states", {{"running", "Leyendo…"}, {"done", "Terminada"}, {"failed", "Falló"}});
  // Why the scanner left a page for a person: the codes of core/page_notes.hpp.
  j.key("scan_reasons").begin_array();
  for (const auto& n : all_page_notes()) {
    if (n.note != PageNote::none) j.begin_object().key("code").value(n.code).key("label").value(n.label).end_object();
  }
  j.end_array();
  table(j, "import_kinds", {{"accounts", "Cuentas"}, {"payments", "Pagos"}, {"letters", "Cartas anteriores"}});
  // What each audited action did, as the verb of a sentence ("ana creó el lote 3").
  table(j, "audit_actions", {{"login", "inició sesión"}, {"logout", "cerró sesión"}, {"login.failed", "no pudo iniciar sesión: usuario o contraseña errados"},
                             {"login.throttled", "quedó bloqueado 15 minutos por intentos fallidos"},
                             {"user.unlock", "desbloqueó al usuario"}, {"return.void", "anuló la devolución"},
                             {"case.reopen", "reabrió el caso"}, {"review.undo", "deshizo la confirmación de la página revisada"},
                             {"batch.create", "creó el lote"}, {"batch.letters", "imprimió las cartas del lote"},
                             {"batch.dispatch", "despachó el lote"}, {"review.confirm", "confirmó la página revisada"}, {"batch.discard", "descartó el lote"},
                             {"case.outcome", "registró el resultado de terreno del caso"}, {"case.decision", "decidió el caso de facturación"},
                             {"user.add", "creó el usuario"}, {"user.update", "cambió el usuario"}, {"user.passwd", "cambió la contraseña de"},
                             {"settings.selection", "cambió las reglas de selección"}, {"settings.returns", "cambió los ajustes de devoluciones"},
                             {"import.accounts", "importó la cartera"}, {"import.payments", "importó los pagos"},
                             {"import.letters", "importó las cartas anteriores"}, {"import.returns", "importó las devoluciones del courier"},
                             {"import.deliveries", "importó las entregas del courier"},
                             {"import.undo.accounts", "restauró la cartera anterior"}, {"import.undo.payments", "restauró los pagos anteriores"},
                             {"import.undo.letters", "restauró las cartas anteriores importadas"},
                             {"import.undo.claims", "restauró los reclamos anteriores"}, {"import.undo.contacts", "restauró los contactos anteriores"},
                             {"settings.import", "cambió el perfil de importación"},
                             {"return.add", "registró a mano la devolución de la carta"}, {"return.correct", "corrigió la devolución"},
                             {"batch.approve", "aprobó el lote"}, {"settings.bureau", "cambió el aviso previo al reporte"},
                             {"import.claims", "importó los reclamos"}, {"import.contacts", "importó los contactos"},
                             {"import.admissions", "importó las admisiones del courier"}, {"import.proofs", "importó las pruebas de entrega"},
                             {"certificate.issue", "emitió la constancia de envío de la carta"}});
  // The names of the values an audit line keeps before and after.
  table(j, "fields", {{"voided_at", "Anulada el"}, {"voided_by", "Anuló"}, {"void_reason", "Motivo de la anulación"},
                      {"locked", "Bloqueado"}, {"failures_forgotten", "Intentos fallidos borrados"},
                      {"role", "Rol"}, {"zones", "Zonas"}, {"disabled", "Inactivo"}, {"outcome", "Resultado"}, {"decision", "Decisión"},
                      {"status", "Estado"}, {"letters", "Cartas"}, {"return_id", "Registro n.º"}, {"thresholds", "Umbrales"},
                      {"residential", "Residencial"}, {"commercial", "Comercial"}, {"industrial", "Industrial"}, {"official", "Oficial"},
                      {"min_days_past_due", "Mora mínima (días)"}, {"payment_window_days", "Ventana de pagos (días)"},
                      {"letter_window_days", "Ventana de cartas (días)"}, {"max_letters", "Cupo por lote"},
                      {"pending_address_check", "Excluir con verificación pendiente"}, {"pending_billing_check", "Excluir con caso en facturación"},
                      {"routing", "Envío por causal"}, {"notified_causes", "Causales que notifican"}, {"courier_causes", "Nombres del mensajero"},
                      {"field_deadline_days", "Plazo de terreno (días)"}, {"billing_deadline_days", "Plazo de facturación (días)"},
                      {"read", "Filas leídas"}, {"imported", "Importadas"}, {"rejected", "Rechazadas"}, {"total", "Cuentas"},
                      {"selected", "Seleccionadas"}, {"cause", "Causal"}, {"letter_id", "Carta"}, {"observation", "Observación"},
                      {"reason", "Motivo"}, {"address", "Dirección"}, {"dispatched_on", "Despacho"},
                      {"dispatched_by", "Despachó"}, {"dispatched_at", "Hora del despacho"}, {"new_address", "Dirección nueva"},
                      {"closed_by", "Cerró"}, {"closed_at", "Cerrado"}, {"note", "Nota"}, {"kind", "Tipo"}, {"account_id", "Cuenta"},
                      {"zone", "Zona"}, {"returns", "Devoluciones registradas"}, {"deliveries", "Entregas registradas"},
                      {"file", "Archivo"}, {"imported_at", "Importado"}, {"cutoff", "Corte"}, {"batch", "Lote"}, {"settings", "Reglas"},
                      {"registered_by", "Registró"}, {"source", "Origen"}, {"returned_on", "Devuelta el"},
                      {"address_incomplete", "Excluir con dirección incompleta"}, {"draft_max_age_days", "Vigencia del borrador (días)"},
                      {"manifest_order", "Orden del manifiesto"}, {"municipalities", "Municipios"}, {"code", "Código"},
                      {"name", "Nombre"}, {"postal_code", "Código postal"}, {"replaced", "Reemplazadas"},
                      {"max_rejected_percent", "Máximo de filas rechazadas (%)"}, {"csv_dialect", "CSV exportado"},
                      {"columns", "Columnas"}, {"values", "Valores"}, {"date_format", "Formato de fecha"},
                      {"decimal_mark", "Separador decimal"}, {"extra_columns", "Columnas adicionales"},
                      {"missing_holder_name", "Excluir sin nombre del titular"}, {"control_group_percent", "Grupo de control (%)"},
                      {"letter_tariff", "Tarifa por carta"}, {"recheck_payments_at_dispatch", "Revisar pagos al despachar"},
                      {"require_approval", "Exigir aprobación"}, {"claims_net_disputed", "Descontar lo reclamado"},
                      {"recent_contact_days", "Contacto reciente (días)"}, {"bureau_notice_days", "Aviso previo al reporte (días)"},
                      {"minimum_wage", "Salario mínimo"}, {"small_debt_percent", "Deuda pequeña (% del salario mínimo)"},
                      {"approved_by", "Aprobó"}, {"approved_at", "Aprobado"}, {"brief_sha256", "Huella del resumen"},
                      {"held_back", "Retenidas"}, {"admitted", "Admitidas"}, {"already", "Ya registradas"}, {"kept", "Guardadas"},
                      {"file_sha256", "Huella del archivo"}, {"page_verified", "Página archivada verificada"},
                      {"holder_name", "Titular"}, {"document_id", "Documento"}, {"document_type", "Tipo de documento"}, {"use_type", "Uso"}, {"balance", "Saldo"},
                      {"days_past_due", "Días de mora"}, {"neighborhood", "Barrio"}, {"city", "Ciudad"}, {"notice", "Aviso n.º"},
                      {"billing_type", "Facturación"}, {"legal_collection", "Cobro jurídico"}, {"sanitation", "Saneamiento"}});
  j.end_object();
  return j.str();
}

std::string brand_json() {
  JsonWriter j;
  j.begin_object().key("company_name").value(letters::default_sender().company_name).end_object();
  return j.str();
}

}  // namespace cartero::webui
