// The import profile and the built-in names of columns and values, through
// Poco::JSON for the profile document (this folder's configuration edge).
#include "cartero/selection/import_profile.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cctype>
#include <set>
#include <unordered_map>

#include "cartero/core/account.hpp"
#include "cartero/core/causes.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/stored_settings.hpp"
#include "cartero/core/text.hpp"

namespace cartero::selection {

namespace {

const std::vector<std::string> k_account_aliases = {
    "cuenta", "numero cuenta", "no cuenta", "nro cuenta", "num cuenta", "n cuenta", "codigo", "codigo cuenta",
    "codigo suscriptor", "niu", "cuenta contrato", "contrato", "id cuenta", "numero suscriptor"};

const std::map<std::string, std::vector<FieldSpec>, std::less<>>& all_fields() {
  static const std::map<std::string, std::vector<FieldSpec>, std::less<>> k_fields = {
      {"accounts",
       {{"account_id", true, "Número de cuenta", k_account_aliases},
        {"holder_name", true, "Nombre del suscriptor",
         {"suscriptor", "nombre", "titular", "nombre titular", "nombre suscriptor", "nombre cliente", "cliente",
          "propietario", "usuario"}},
        {"document_id", false, "Documento",
         {"cedula", "nit", "cc", "cedula nit", "numero documento", "identificacion", "documento identidad"}},
        {"use_type", true, "Uso",
         {"clase uso", "estrato categoria", "categoria", "tipo uso", "uso predio", "clase servicio"}},
        {"address", true, "Dirección",
         {"direccion predio", "direccion entrega", "direccion suscriptor", "direccion cobro", "dir"}},
        {"neighborhood", false, "Barrio", {"sector"}},
        {"city", false, "Municipio", {"ciudad", "localidad"}},
        {"zone", false, "Zona", {"ruta", "ciclo", "zona ruta", "ciclo ruta"}},
        {"billing_type", true, "Tipo de facturación",
         {"facturacion", "tipo facturacion", "clase facturacion", "modalidad facturacion"}},
        {"balance", true, "Saldo",
         {"deuda", "valor vencido", "saldo vencido", "valor deuda", "total deuda", "saldo total", "deuda total",
          "valor adeudado"}},
        {"days_past_due", true, "Días de mora",
         {"edad mora", "dias mora", "mora", "mora dias", "dias vencidos", "dias vencimiento"}},
        {"legal_collection", false, "Cobro jurídico", {"juridico", "en cobro juridico"}},
        {"sanitation", false, "Saneamiento", {"depuracion", "novedad saneamiento"}},
        {"municipality_code", false, "Código del municipio",
         {"divipola", "codigo divipola", "codigo dane", "codigo dane municipio", "cod municipio"}},
        {"postal_code", false, "Código postal", {"cod postal", "postal"}},
        // Holds that leave the account out with their own reason (yes/no).
        {"payment_agreement", false, "Acuerdo de pago",
         {"acuerdo", "acuerdo pago vigente", "convenio pago", "financiacion vigente"}},
        {"deceased_holder", false, "Titular fallecido", {"fallecido", "suscriptor fallecido"}},
        {"insolvency", false, "Insolvencia",
         {"proceso insolvencia", "en insolvencia", "reorganizacion", "ley 1116", "liquidacion"}},
        // Decides the letter's salutation (core/account.hpp's holder_is_business).
        {"document_type", false, "Tipo de documento",
         {"tipo doc", "tipo identificacion", "tipo id", "tipo documento identidad", "clase documento",
          "clase identificacion", "tipo doc identidad", "tipo ident"}}}},
      {"claims",
       {{"account_id", true, "Número de cuenta", k_account_aliases},
        {"claim_id", true, "Número de reclamo",
         {"reclamo", "radicado", "numero radicado", "no reclamo", "id reclamo", "no radicado", "pqr", "numero pqr"}},
        {"filed_on", true, "Fecha de radicación",
         {"fecha", "fecha reclamo", "fecha radicado", "fecha presentacion"}},
        {"disputed_amount", true, "Valor en reclamo",
         {"valor reclamado", "valor disputado", "monto reclamado", "valor", "valor en discusion", "valor reclamo"}},
        {"status", true, "Estado", {"estado reclamo", "estado tramite"}}}},
      {"contacts",
       {{"account_id", true, "Número de cuenta", k_account_aliases},
        {"channel", true, "Canal", {"medio", "tipo contacto", "canal contacto", "tipo gestion"}},
        {"contacted_at", true, "Fecha y hora",
         {"fecha", "fecha contacto", "fecha hora", "fecha gestion", "fecha hora contacto"}},
        {"time", false, "Hora", {"hora contacto", "hora gestion"}}}},
      {"payments",
       {{"account_id", true, "Número de cuenta", k_account_aliases},
        {"paid_on", true, "Fecha de pago", {"fecha", "fecha pago", "fecha recaudo"}},
        {"amount", true, "Valor pagado",
         {"valor", "monto", "valor pago", "pago", "valor recaudo", "total pagado", "valor pagado"}}}},
      {"letters",
       {{"account_id", true, "Número de cuenta", k_account_aliases},
        {"sent_on", true, "Fecha de envío", {"fecha", "fecha envio", "fecha carta", "fecha despacho"}}}},
      {"returns",
       {{"barcode", false, "Código de barras", {"codigo barras", "codigo", "barcode"}},
        {"letter_id", false, "Número de guía", {"guia", "numero guia", "no guia", "carta", "numero carta"}},
        {"cause", true, "Causal",
         {"motivo devolucion", "causal devolucion", "motivo", "causa", "novedad", "causal"}},
        {"returned_on", true, "Fecha de devolución", {"fecha", "fecha devolucion", "fecha novedad"}},
        {"observation", false, "Observación", {"observaciones", "nota", "comentario", "comentarios"}}}},
      {"deliveries",
       {{"barcode", false, "Código de barras", {"codigo barras", "codigo", "barcode"}},
        {"letter_id", false, "Número de guía", {"guia", "numero guia", "no guia", "carta", "numero carta"}},
        {"delivered_on", true, "Fecha de entrega", {"fecha", "fecha entrega"}}}},
  };
  return k_fields;
}

// Built-in value names per coded field, folded.
using ValueTable = std::unordered_map<std::string, std::string>;

ValueTable table(std::initializer_list<std::pair<const char*, std::vector<const char*>>> codes) {
  ValueTable t;
  for (const auto& [code, names] : codes) {
    t[fold_key(code)] = code;
    for (const char* n : names) t[fold_key(n)] = code;
  }
  return t;
}

const std::map<std::string, ValueTable, std::less<>>& builtin_values() {
  static const std::map<std::string, ValueTable, std::less<>> k_values = {
      {"use_type", table({{"residential", {"residencial", "res"}},
                          {"commercial", {"comercial", "com"}},
                          {"industrial", {"ind"}},
                          // "Especial" (schools, hospitals, non-profits) has no
                          // threshold, like official use.
                          {"official", {"oficial", "ofi", "especial", "oficial especial"}}})},
      {"billing_type", table({{"direct", {"directa", "facturacion directa", "d", "fd"}},
                              {"joint", {"conjunta", "facturacion conjunta", "c", "fc"}}})},
      {"legal_collection", table({{"1", {"si", "s", "yes", "y", "true", "verdadero", "x"}},
                                  {"0", {"no", "n", "false", "falso"}}})},
      {"payment_agreement", table({{"1", {"si", "s", "yes", "y", "true", "verdadero", "x", "vigente"}},
                                   {"0", {"no", "n", "false", "falso"}}})},
      {"deceased_holder", table({{"1", {"si", "s", "yes", "y", "true", "verdadero", "x", "fallecido"}},
                                 {"0", {"no", "n", "false", "falso"}}})},
      {"insolvency", table({{"1", {"si", "s", "yes", "y", "true", "verdadero", "x"}},
                            {"0", {"no", "n", "false", "falso"}}})},
      {"status", table({{"open", {"abierto", "abierta", "en tramite", "tramite", "pendiente", "radicado", "recurso",
                                  "en recurso", "apelacion"}},
                        {"closed", {"cerrado", "cerrada", "resuelto", "resuelta", "archivado", "fallado", "finalizado"}}})},
      {"channel", table({{"call", {"llamada", "telefono", "telefonica", "llamada telefonica", "call center"}},
                         {"sms", {"mensaje texto", "mensaje", "texto"}},
                         {"email", {"correo electronico", "e mail", "mail", "correo"}},
                         {"whatsapp", {"wa", "whats app"}},
                         {"visit", {"visita", "visita terreno", "gestor"}},
                         {"letter", {"carta", "correspondencia", "correo fisico", "correo certificado"}}})},
      {"sanitation", table({{"demolished", {"demolido", "predio demolido", "demolicion"}},
                            {"vacant_lot", {"lote", "lote baldio", "lote vacio", "baldio"}},
                            {"double_billing", {"doble facturacion", "doble"}},
                            {"", {"ninguno", "ninguna", "no", "na", "n", "0", "normal", "sin novedad"}}})},
  };
  return k_values;
}

bool is_yes_no(std::string_view field) {
  return field == "legal_collection" || field == "payment_agreement" || field == "deceased_holder" ||
         field == "insolvency";
}

bool valid_code(std::string_view field, std::string_view code) {
  if (field == "cause") return parse_cause_code(code).has_value();
  if (field == "document_type") return parse_document_type(code) == code;
  const auto& values = builtin_values();
  const auto it = values.find(field);
  if (it == values.end()) return false;
  for (const auto& [name, c] : it->second) {
    if (c == code) return true;
  }
  return false;
}

std::string json_error(const std::string& source, const std::string& what) {
  return source + ": " + what;
}

std::string read_string(const Poco::Dynamic::Var& v, const std::string& source, const std::string& key) {
  if (!v.isString()) throw InputError(json_error(source, "\"" + key + "\" must be text"));
  return v.convert<std::string>();
}

Poco::JSON::Object::Ptr read_object(const Poco::JSON::Object& o, const std::string& key, const std::string& source) {
  const auto p = o.getObject(key);
  if (!p) throw InputError(json_error(source, "\"" + key + "\" must be an object"));
  return p;
}

void read_columns(const Poco::JSON::Object& o, const std::string& kind, KindProfile& k, const std::string& source) {
  const auto cols = read_object(o, "columns", source + " " + kind);
  std::set<std::string> fields;
  for (const auto& f : fields_of(kind)) fields.insert(f.field);
  for (const auto& name : cols->getNames()) {
    const std::string field = read_string(cols->get(name), source, kind + " columns " + name);
    if (!fields.count(field)) {
      throw InputError(json_error(source, kind + " columns: \"" + field + "\" is not a field of " + kind + " files"));
    }
    const std::string key = fold_key(name);
    if (const auto it = k.columns.find(key); it != k.columns.end() && it->second != field) {
      throw InputError(json_error(source, kind + " columns: \"" + name + "\" maps two ways (" + it->second + " and " + field + ")"));
    }
    for (const auto& [other, f] : k.columns) {
      if (f == field && other != key) {
        throw InputError(json_error(source, kind + " columns: \"" + k.column_names[other] + "\" and \"" + name +
                                                "\" both map to " + field));
      }
    }
    k.columns[key] = field;
    k.column_names[key] = name;
  }
}

void read_values(const Poco::JSON::Object& o, const std::string& kind, KindProfile& k, const std::string& source) {
  const auto vals = read_object(o, "values", source + " " + kind);
  for (const auto& field : vals->getNames()) {
    const bool known = builtin_values().count(field) || (field == "cause" && kind == "returns") ||
                       (field == "document_type" && kind == "accounts");
    if (!known) throw InputError(json_error(source, kind + " values: \"" + field + "\" has no codes to map"));
    const auto names = read_object(*vals, field, source + " " + kind + " values");
    auto& out = k.values[field];
    for (const auto& name : names->getNames()) {
      std::string code = names->get(name).isBoolean() ? (names->get(name).convert<bool>() ? "1" : "0")
                                                       : read_string(names->get(name), source, kind + " values " + field);
      if (is_yes_no(field)) code = fold_key(code) == "true" || code == "1" ? "1" : code == "0" || fold_key(code) == "false" ? "0" : code;
      if (!valid_code(field, code)) {
        throw InputError(json_error(source, kind + " values " + field + ": \"" + code + "\" is not a code of " + field));
      }
      const std::string key = fold_key(name);
      if (const auto it = out.find(key); it != out.end() && it->second != code) {
        throw InputError(json_error(source, kind + " values " + field + ": \"" + name + "\" maps two ways (" +
                                                it->second + " and " + code + ")"));
      }
      out[key] = code;
    }
  }
}

KindProfile read_kind(const Poco::JSON::Object& o, const std::string& kind, const std::string& source) {
  KindProfile k;
  static const std::set<std::string> k_known = {"columns", "values", "date_format", "decimal_mark", "extra_columns"};
  for (const auto& key : o.getNames()) {
    if (!k_known.count(key)) throw InputError(json_error(source, "unknown setting \"" + kind + "." + key + "\""));
  }
  if (o.has("columns")) read_columns(o, kind, k, source);
  if (o.has("values")) read_values(o, kind, k, source);
  if (o.has("date_format")) {
    const auto text = read_string(o.get("date_format"), source, kind + ".date_format");
    k.date_format = parse_day_order(text);
    if (!k.date_format) throw InputError(json_error(source, kind + ".date_format \"" + text + "\" must be dd/mm/yyyy or mm/dd/yyyy"));
  }
  if (o.has("decimal_mark")) {
    const auto text = read_string(o.get("decimal_mark"), source, kind + ".decimal_mark");
    if (text == ",") k.decimal_mark = DecimalMark::comma;
    else if (text == ".") k.decimal_mark = DecimalMark::point;
    else if (text != "auto") throw InputError(json_error(source, kind + ".decimal_mark \"" + text + "\" must be \",\", \".\" or \"auto\""));
  }
  if (o.has("extra_columns")) {
    if (kind != "accounts") throw InputError(json_error(source, "extra_columns are kept for accounts files only"));
    const auto arr = o.getArray("extra_columns");
    if (!arr) throw InputError(json_error(source, "\"accounts.extra_columns\" must be a list of column names"));
    for (std::size_t i = 0; i < arr->size(); ++i) k.extra_columns.push_back(read_string(arr->get(i), source, "extra_columns"));
  }
  return k;
}

}  // namespace

std::string fold_key(std::string_view text) {
  const std::string folded = fold_code(text);
  std::string out, word;
  auto flush = [&] {
    static const std::set<std::string> k_skip = {"de", "del", "la", "el", "los", "las"};
    if (!word.empty() && !k_skip.count(word)) out += word;
    word.clear();
  };
  for (char c : folded) {
    if (std::isalnum(static_cast<unsigned char>(c))) word.push_back(c);
    else flush();
  }
  flush();
  return out;
}

bool is_import_kind(std::string_view kind) { return all_fields().count(kind) > 0; }

const std::vector<FieldSpec>& fields_of(std::string_view kind) {
  const auto it = all_fields().find(kind);
  if (it == all_fields().end()) throw InputError("unknown kind of file '" + std::string(kind) + "'");
  return it->second;
}

const KindProfile& ImportProfile::of(std::string_view kind) const {
  static const KindProfile k_empty;
  const auto it = kinds.find(std::string(kind));
  return it == kinds.end() ? k_empty : it->second;
}

ImportProfile import_profile_from_json(const std::string& json, const std::string& source) {
  Poco::JSON::Object::Ptr o;
  try {
    o = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    throw InputError(source + ": not valid JSON (" + e.displayText() + ")");
  } catch (const std::exception&) {
    throw InputError(source + ": the settings must be a JSON object");
  }
  ImportProfile p;
  for (const auto& key : o->getNames()) {
    if (key == "max_rejected_percent") {
      const auto v = o->get(key);
      if (!v.isNumeric()) throw InputError(source + ": \"max_rejected_percent\" must be a number");
      p.max_rejected_percent = v.convert<double>();
      if (!(p.max_rejected_percent >= 0 && p.max_rejected_percent <= 100)) {
        throw InputError(source + ": \"max_rejected_percent\" must be between 0 and 100");
      }
    } else if (key == "csv_dialect") {
      const auto text = read_string(o->get(key), source, key);
      if (text != "excel" && text != "machine") throw InputError(source + ": \"csv_dialect\" must be \"excel\" or \"machine\"");
      p.machine_csv = text == "machine";
    } else if (is_import_kind(key)) {
      p.kinds[key] = read_kind(*read_object(*o, key, source), key, source);
    } else {
      throw InputError(source + ": unknown setting \"" + key + "\"");
    }
  }
  return p;
}

std::string import_profile_to_json(const ImportProfile& p) {
  JsonWriter j;
  j.begin_object().key("max_rejected_percent").value(p.max_rejected_percent);
  j.key("csv_dialect").value(std::string(p.machine_csv ? "machine" : "excel"));
  for (const auto& [kind, k] : p.kinds) {
    j.key(kind).begin_object();
    j.key("columns").begin_object();
    for (const auto& [key, field] : k.columns) j.key(k.column_names.at(key)).value(field);
    j.end_object().key("values").begin_object();
    for (const auto& [field, names] : k.values) {
      j.key(field).begin_object();
      for (const auto& [name, code] : names) j.key(name).value(code);
      j.end_object();
    }
    j.end_object();
    if (k.date_format) j.key("date_format").value(std::string(day_order_name(*k.date_format)));
    j.key("decimal_mark").value(std::string(decimal_mark_name(k.decimal_mark)));
    j.key("extra_columns").begin_array();
    for (const auto& e : k.extra_columns) j.value(e);
    j.end_array().end_object();
  }
  j.end_object();
  return j.str();
}

ImportProfile current_import_profile(Database& db) {
  const auto stored = stored_settings(db, k_import_profile_name);
  return stored ? import_profile_from_json(*stored, "stored import profile") : ImportProfile{};
}

std::optional<std::string> map_value(std::string_view field, std::string_view text, const KindProfile& profile) {
  const std::string key = fold_key(text);
  if (const auto f = profile.values.find(std::string(field)); f != profile.values.end()) {
    if (const auto it = f->second.find(key); it != f->second.end()) return it->second;
  }
  if (key.empty()) {
    if (is_yes_no(field)) return std::string("0");
    if (field == "sanitation") return std::string();
    return std::nullopt;
  }
  if (field == "document_type") {
    const auto type = parse_document_type(text);
    return type ? std::optional<std::string>(*type) : std::nullopt;
  }
  const auto& values = builtin_values();
  const auto t = values.find(field);
  if (t == values.end()) return std::nullopt;
  if (const auto it = t->second.find(key); it != t->second.end()) return it->second;
  // "Residencial estrato 3", "Estrato 2": residential use by its stratum.
  if (field == "use_type" && (key.rfind("residencial", 0) == 0 || key.rfind("estrato", 0) == 0)) {
    return std::string("residential");
  }
  return std::nullopt;
}

}  // namespace cartero::selection
