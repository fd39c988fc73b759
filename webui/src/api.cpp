#include "api.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <sstream>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>

#include "cartero/core/csv.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/people_export.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/text.hpp"
#include "labels.hpp"
#include "scan_jobs.hpp"
#include "messages.hpp"
#include "uploads.hpp"
#include "cartero/letters/generate.hpp"
#include "cartero/returns/selection_history.hpp"
#include "cartero/returns/cases.hpp"
#include "cartero/returns/lists.hpp"
#include "cartero/returns/settings.hpp"
#include "cartero/returns/register.hpp"
#include "cartero/returns/reports.hpp"
#include "cartero/returns/route_sheet.hpp"
#include "cartero/returns/scan_intake.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/selection/explain.hpp"
#include "cartero/webui/settings.hpp"
#include "cartero/selection/import.hpp"
#include "cartero/selection/import_profile.hpp"
#include "cartero/core/money.hpp"
#include "cartero/returns/courier_import.hpp"

namespace cartero::webui {

namespace {

using Handler = std::function<Reply(Request&, Database&, Services&)>;

struct Route {
  const char* method;
  std::vector<std::string> pattern;  // "*" matches one path segment
  Handler handler;
};

std::string session_json(const Session& s) {
  JsonWriter j;
  j.begin_object().key("user").value(s.user.name).key("role").value(code(s.user.role)).key("zones").begin_array();
  for (const auto& z : s.user.zones) j.value(z);
  j.end_array().key("csrf").value(s.csrf).end_object();
  return j.str();
}

std::string text_of(const Poco::JSON::Object::Ptr& o, const std::string& key) { return text_field(o, key); }

bool wants_csv(const Request& r);
// `?format=xlsx` or `?format=csv` (Excel's Spanish dialect, or the machine
// one when the csv_dialect setting says so); nullopt for JSON.
std::optional<ExportFormat> wanted_export(const Request& r, Database& db);
// A list's download: NAME.xlsx or NAME.csv.
Reply export_download(const Services& services, const std::string& name, ExportFormat format,
                      const std::function<void(const std::string&)>& write);
// A file made for one reply, under the uploads folder, removed once sent;
// an attachment named `name` when `attachment` (else shown by the browser).
Reply temporary_file(const Services& services, const std::string& name, bool attachment,
                     const std::function<void(const std::string&)>& write);
Reply csv_download(const Services& services, const std::string& name, const std::function<void(const std::string&)>& write);

std::string user_json(const User& u);

// A login is only taken as JSON: a form or text/plain body is what another
// site can make a browser send without asking (login CSRF).
bool is_json_body(const Request& r) {
  std::string type = r.raw.getContentType();
  type = type.substr(0, type.find(';'));
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  return trim(type) == "application/json";
}

Reply post_login(Request& r, Database& db, Services&) {
  if (!is_json_body(r)) throw HttpError(415, "El inicio de sesión se envía como JSON (application/json).");
  const auto body = r.json();
  Session s;
  switch (login(db, text_of(body, "username"), text_of(body, "password"), r.raw.clientAddress().host().toString(), s)) {
    // Refused logins are audited too (the name as typed), so an admin sees who is being tried.
    case LoginResult::wrong:
      audit(db, text_of(body, "username"), "login.failed", text_of(body, "username"), "{}", "{}");
      throw HttpError(401, "Usuario o contraseña incorrectos.");
    case LoginResult::throttled:
      audit(db, text_of(body, "username"), "login.throttled", text_of(body, "username"), "{}", "{}");
      throw HttpError(429, "Demasiados intentos fallidos: espere 15 minutos.");
    case LoginResult::ok: break;
  }
  audit(db, s.user.name, "login", s.user.name, "{}", "{}");
  return {200, session_json(s), "cartero_session=" + s.token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800"};
}

Reply post_logout(Request& r, Database& db, Services&) {
  r.require_csrf();
  logout(db, r.user().token);
  return {200, "{\"ok\":true}", "cartero_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"};
}

Reply get_me(Request& r, Database&, Services&) { return {200, session_json(r.user()), ""}; }

Reply get_batches(Request& r, Database& db, Services&) {
  r.require({Role::analyst, Role::admin});
  JsonWriter j;
  j.begin_array();
  for (const auto& b : selection::list_batches(db)) {
    j.begin_object().key("id").value(b.id).key("created_at").value(b.created_at).key("cutoff").value(b.cutoff);
    j.key("status").value(b.status).key("accounts").value(b.accounts).key("selected").value(b.selected).end_object();
  }
  j.end_array();
  return {200, j.str(), ""};
}

std::int64_t id_of(const std::string& segment) {
  try {
    std::size_t used = 0;
    const auto v = std::stoll(segment, &used);
    if (used == segment.size() && v > 0) return v;
  } catch (const std::exception&) {
  }
  throw HttpError(404, "No existe: " + segment);
}

std::string batch_dir(const Services& services, std::int64_t id);

// The files of a printed batch that can be downloaded (PDF parts, manifest, layout).
std::vector<std::string> batch_files(const Services& services, std::int64_t id) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(batch_dir(services, id), ec)) {
    const auto name = entry.path().filename().string();
    if (name.rfind("letters-", 0) == 0 && entry.path().extension() == ".pdf") files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  if (!files.empty()) {
    files.push_back("manifest.csv");
    files.push_back("layout.json");
  }
  return files;
}

// Every batch's report, computed again only when the register, the
// deliveries or the batches changed.
// Keyed by the report settings in force, so a change of the notified causes
// is seen at once.
std::shared_ptr<const std::vector<returns::BatchReport>> batch_reports(Database& db, Services& services) {
  const auto state = returns::returns_state(db);
  const auto settings = returns::current_return_settings(db);
  return services.caches->batch_reports.get(returns::return_settings_to_json(settings), state,
                                            [&] { return returns::batch_reports(db, settings.report); });
}

Reply get_batch(Request& r, Database& db, Services& services) {
  r.require({Role::analyst, Role::admin});
  const auto id = id_of(r.path[2]);
  const auto funnel = selection::stored_funnel_json(db, id);
  if (!funnel) throw HttpError(404, "No existe el lote " + std::to_string(id) + ".");
  std::vector<returns::BatchReport> report;
  for (const auto& b : *batch_reports(db, services)) {
    if (b.batch_id == id) report.push_back(b);
  }
  if (report.empty()) report = returns::batch_reports(db, returns::current_return_settings(db).report, id);
  JsonWriter j;
  j.begin_object().key("id").value(id).key("funnel").raw(*funnel).key("report").raw(returns::to_json(report));
  j.key("files").begin_array();
  for (const auto& f : batch_files(services, id)) j.value(f);
  j.end_array().end_object();
  return {200, j.str(), ""};
}

// A batch's cutoff (default today), settings (default the saved ones) and
// cap from the request body.
selection::SelectOptions select_options(Database& db, const Poco::JSON::Object::Ptr& body) {
  selection::SelectOptions o;
  o.cutoff = Date::today();
  o.history = &returns::selection_history();
  if (const auto cutoff = optional_text(body, "cutoff"); cutoff && !cutoff->empty()) {
    const auto d = Date::parse_iso(*cutoff);
    if (!d) throw HttpError(400, "La fecha de corte no es válida (AAAA-MM-DD).");
    o.cutoff = *d;
  }
  if (const auto object = optional_object(body, "settings")) {
    std::ostringstream text;
    object->stringify(text);
    o.settings = selection::settings_from_json(text.str(), "ajustes del lote");
  } else {
    o.settings = selection::current_settings(db);
  }
  if (const auto max = optional_integer(body, "max")) {
    if (*max < 1) throw HttpError(400, "El campo " + field_label("max") + " debe ser un número entero positivo.");
    o.settings.max_letters = *max;
  }
  return o;
}

Reply post_batch(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::analyst, Role::admin});
  r.require_csrf();
  auto o = select_options(db, r.json());
  o.created_by = s.user.name;  // who selected: the approver must be someone else
  const auto b = selection::create_batch(db, o);
  audit(db, s.user.name, "batch.create", std::to_string(b.batch_id), "{}", selection::funnel_json(b.total, b.funnel, b.selected));
  JsonWriter j;
  j.begin_object().key("batch").value(b.batch_id).key("funnel").raw(selection::funnel_json(b.total, b.funnel, b.selected)).end_object();
  return {201, j.str(), ""};
}

bool field_may_see(Database& db, const Session& s, const std::string& account) {
  return returns::on_field_lists(db, account, s.user.zones);
}

Reply get_account(Request& r, Database& db, Services&) {
  const auto& s = r.user();
  const std::string account = r.path[2];
  if (s.user.role == Role::field && !field_may_see(db, s, account)) {
    throw HttpError(403, "La cuenta no está en las listas de sus zonas.");
  }
  const auto explanation = selection::explain_account(db, account, &returns::selection_history());
  std::string history;
  try {
    history = returns::account_history_json(db, account);
  } catch (const InputError&) {
    throw HttpError(404, "No se encontró la cuenta " + account + " en la cartera ni en el historial.");
  }
  return {200, "{\"explanation\":" + selection::to_json(explanation) + ",\"history\":" + history + "}"};
}

Reply get_review(Request& r, Database& db, Services&) {
  r.require({Role::office, Role::analyst, Role::admin});
  JsonWriter j;
  j.begin_array();
  for (const auto& item : returns::review_queue(db)) {
    j.begin_object().key("page_id").value(item.page_id).key("page").value(item.page).key("note").value(item.note);
    j.key("letter_id").value(item.letter_id).key("cause").value(item.cause).key("scanned_at").value(item.scanned_at).end_object();
  }
  j.end_array();
  return {200, j.str(), ""};
}

std::string cases_json(const std::vector<returns::Case>& cases) {
  JsonWriter j;
  j.begin_array();
  for (const auto& c : cases) {
    j.begin_object().key("id").value(c.id).key("kind").value(returns::code(c.kind)).key("account_id").value(c.account_id);
    j.key("holder_name").value(c.holder_name).key("address").value(c.address).key("neighborhood").value(c.neighborhood);
    j.key("zone").value(c.zone).key("cause").value(c.cause).key("cause_label").value(returns::cause_label(c));
    j.key("letter_id").value(c.letter_id).key("opened_at").value(c.opened_at).key("return_id").value(c.return_id);
    j.key("observation").value(c.observation).end_object();
  }
  j.end_array();
  return j.str();
}

// A page of a work list: ?offset=N&limit=M (the first 200 by default, at
// most 1,000 at a time), the list's length in X-Total-Count.
Reply list_page(const Request& r, const std::vector<returns::Case>& cases) {
  const auto offset = std::min<std::size_t>(static_cast<std::size_t>(query_number(r, "offset").value_or(0)), cases.size());
  const auto limit = std::min<std::size_t>(static_cast<std::size_t>(query_number(r, "limit").value_or(200)), 1000);
  const auto first = cases.begin() + static_cast<std::ptrdiff_t>(offset);
  const auto last = first + static_cast<std::ptrdiff_t>(std::min(limit, cases.size() - offset));
  Reply reply{200, cases_json({first, last})};
  reply.headers.emplace_back("X-Total-Count", std::to_string(cases.size()));
  return reply;
}

// The zone of ?zone=Z that the session may work: field staff only their own.
std::string requested_zone(const Request& r) {
  const auto& s = r.require({Role::field, Role::analyst, Role::admin});
  const auto zone = query_text(r, "zone");
  if (zone.empty()) throw HttpError(400, "Indique la zona (?zone=…).");
  if (s.user.role == Role::field && std::find(s.user.zones.begin(), s.user.zones.end(), zone) == s.user.zones.end()) {
    throw HttpError(403, "La zona " + zone + " no está asignada a usted.");
  }
  return zone;
}

Reply get_field_list(Request& r, Database& db, Services& services) {
  const auto zone = requested_zone(r);
  if (const auto format = wanted_export(r, db)) {
    const auto cases = returns::field_list(db, zone);
    return export_download(services, "verificacion-" + safe_file_name(zone), *format,
                           [&](const std::string& p) { returns::write_cases_csv(p, cases, *format); });
  }
  const auto state = returns::returns_state(db);
  return list_page(r, *services.caches->field_lists.get(zone, state, [&] { return returns::field_list(db, zone); }));
}

// The zone's printable route sheet (PDF).
Reply get_field_sheet(Request& r, Database& db, Services& services) {
  const auto zone = requested_zone(r);
  const auto cases = returns::field_list(db, zone);
  return temporary_file(services, "ruta-" + safe_file_name(zone) + ".pdf", false,
                        [&](const std::string& path) { returns::write_route_sheet(path, zone, cases); });
}

Reply get_billing_cases(Request& r, Database& db, Services& services) {
  r.require({Role::billing, Role::analyst, Role::admin});
  if (const auto format = wanted_export(r, db)) {
    const auto cases = returns::billing_list(db);
    return export_download(services, "facturacion", *format, [&](const std::string& p) { returns::write_cases_csv(p, cases, *format); });
  }
  const auto state = returns::returns_state(db);
  return list_page(r, *services.caches->billing_list.get("open", state, [&] { return returns::billing_list(db); }));
}

Reply get_report_cases(Request& r, Database& db, Services& services) {
  r.require({Role::analyst, Role::admin, Role::billing});
  const auto today = Date::today();
  const auto state = returns::returns_state(db);
  const auto settings = returns::current_return_settings(db);
  return {200, returns::to_json(*services.caches->case_ages.get(today.iso() + returns::return_settings_to_json(settings), state,
                                                                [&] { return returns::case_ages(db, settings.report, today); }))};
}

Reply get_report_batches(Request& r, Database& db, Services& services) {
  r.require({Role::analyst, Role::admin});
  const auto reports = batch_reports(db, services);
  if (const auto format = wanted_export(r, db)) {
    return export_download(services, "informe-lotes", *format, [&](const std::string& p) { returns::write_csv(p, *reports, *format); });
  }
  return {200, returns::to_json(*reports), ""};
}

ReturnCause cause_from(const Poco::JSON::Object::Ptr& body) {
  const auto cause = parse_cause_code(text_of(body, "cause"));
  if (!cause) throw HttpError(400, "Causal desconocida.");
  return *cause;
}

Reply post_review(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::office, Role::analyst, Role::admin});
  r.require_csrf();
  const auto body = r.json();
  const auto page = id_of(r.path[2]);
  const auto letter = returns::letter_id_from_typed(text_of(body, "letter_id"));
  if (!letter) throw HttpError(400, "El número de carta no es válido.");
  const auto return_id = returns::confirm_review(db, page, *letter, cause_from(body), s.user.name, {},
                                                 optional_text(body, "observation").value_or(""));
  audit(db, s.user.name, "review.confirm", std::to_string(page), "{}", "{\"return_id\":" + std::to_string(return_id) + "}");
  return {200, "{\"return_id\":" + std::to_string(return_id) + "}", ""};
}

Reply post_field_outcome(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::field, Role::analyst, Role::admin});
  r.require_csrf();
  const auto id = id_of(r.path[3]);
  if (s.user.role == Role::field) {
    const auto zone = returns::case_zone(db, id);
    if (!zone || std::find(s.user.zones.begin(), s.user.zones.end(), *zone) == s.user.zones.end()) {
      throw HttpError(403, "El caso no es de sus zonas.");
    }
  }
  const auto body = r.json();
  const auto outcome = returns::parse_field_outcome(text_of(body, "outcome"));
  if (!outcome) throw HttpError(400, "Resultado de terreno desconocido.");
  const std::string address = optional_text(body, "address").value_or("");
  // The tap's time, sent later by a phone that was offline: an instant in
  // UTC; one in the future (a phone's clock ahead) counts as now.
  std::string visited;
  if (const auto at = optional_text(body, "visited_at"); at && !at->empty()) {
    const bool shape = at->size() >= 20 && at->back() == 'Z' && (*at)[10] == 'T' && Date::parse_iso(at->substr(0, 10)) &&
                       std::all_of(at->begin() + 11, at->begin() + 19, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == ':'; });
    if (!shape) throw HttpError(400, "La hora de la visita no es válida (AAAA-MM-DDTHH:MM:SSZ).");
    visited = at->substr(0, 19) + "Z";
    if (visited > now_utc_iso()) visited.clear();
  }
  returns::record_field_outcome(db, id, *outcome, address, s.user.name, visited);
  JsonWriter after;
  after.begin_object().key("outcome").value(returns::code(*outcome)).end_object();
  audit(db, s.user.name, "case.outcome", std::to_string(id), "{}", after.str());
  return {200, "{\"case\":" + std::to_string(id) + ",\"closed\":true}", ""};
}

Reply post_billing_decision(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::billing, Role::analyst, Role::admin});
  r.require_csrf();
  const auto id = id_of(r.path[3]);
  const auto body = r.json();
  const auto decision = returns::parse_billing_decision(text_of(body, "decision"));
  if (!decision) throw HttpError(400, "Decisión desconocida (confirmed, rejected o done).");
  const std::string key = *decision == returns::BillingDecision::done ? "address" : "reason";
  const std::string text = optional_text(body, key).value_or("");
  returns::record_billing_decision(db, id, *decision, text, s.user.name);
  JsonWriter after;
  after.begin_object().key("decision").value(returns::code(*decision)).end_object();
  audit(db, s.user.name, "case.decision", std::to_string(id), "{}", after.str());
  return {200, "{\"case\":" + std::to_string(id) + ",\"closed\":true}", ""};
}

Reply get_users(Request& r, Database& db, Services&) {
  r.require({Role::admin});
  JsonWriter j;
  j.begin_array();
  for (const auto& u : list_users(db)) j.raw(user_json(u));
  j.end_array();
  return {200, j.str()};
}

Reply post_user(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::admin});
  r.require_csrf();
  const auto body = r.json();
  const auto role = parse_role(text_of(body, "role"));
  if (!role) throw HttpError(400, "Rol desconocido (admin, analyst, office, field, billing).");
  const auto zones = text_list(body, "zones");
  const std::string name = text_of(body, "name");
  add_user(db, {name, *role, zones}, text_of(body, "password"));
  audit(db, s.user.name, "user.add", name, "{}", "{\"role\":\"" + std::string(code(*role)) + "\"}");
  return {201, "{\"user\":" + json_quote(name) + "}"};
}

// The causes with their Spanish labels and legal effect (core/causes.hpp), for the pages.
Reply get_causes(Request& r, Database&, Services&) {
  r.user();
  JsonWriter j;
  j.begin_array();
  for (const auto& c : all_causes()) {
    j.begin_object().key("code").value(c.code).key("label").value(c.label);
    j.key("effect").value(legal_effect_code(c.effect)).key("effect_label").value(legal_effect_label(c.effect)).end_object();
  }
  j.end_array();
  return {200, j.str(), ""};
}

// Public: the login page shows them before anyone signs in.
Reply get_labels(Request&, Database&, Services&) { return {200, labels_json(), ""}; }
Reply get_brand(Request&, Database&, Services&) { return {200, brand_json(), ""}; }

Reply post_scans(Request& r, Database&, Services& services) {
  const auto& s = r.require({Role::office, Role::analyst, Role::admin});
  r.require_csrf();
  const auto files = receive_files(r.raw, services.upload_dir + "/scans", {services.max_upload_bytes, true});
  if (files.empty()) throw HttpError(400, "No llegó ningún archivo.");
  const auto job = services.scan_jobs.start(files, s.user.name);
  return {202, "{\"job\":" + std::to_string(job) + ",\"files\":" + std::to_string(files.size()) + "}", ""};
}

// The crop of a page kept for review: its codes or its cause panel (PNG).
std::string batch_dir(const Services& services, std::int64_t id) { return services.letters_dir + "/batch-" + std::to_string(id); }

Reply post_batch_letters(Request& r, Database& db, Services& services) {
  const auto& s = r.require({Role::analyst, Role::admin});
  r.require_csrf();
  letters::GenerateOptions o;
  o.batch_id = id_of(r.path[2]);
  o.out_dir = batch_dir(services, o.batch_id);
  o.check_approval = true;  // as `cartero letters`: the batch's require_approval decides
  std::filesystem::remove_all(o.out_dir);  // a new run gives the same letters (same ids, same content)
  const auto g = letters::generate_letters(db, o);
  audit(db, s.user.name, "batch.letters", std::to_string(o.batch_id), "{}", "{\"letters\":" + std::to_string(g.letters) + "}");
  JsonWriter j;
  j.begin_object().key("batch").value(g.batch_id).key("letters").value(g.letters).key("files").begin_array();
  for (const auto& p : g.parts) j.value(p.file);
  j.value("manifest.csv").value("layout.json").end_array().end_object();
  return {201, j.str()};
}

Reply get_batch_file(Request& r, Database&, Services& services) {
  r.require({Role::analyst, Role::admin});
  const std::string name = r.path[4];
  const bool part = name.rfind("letters-", 0) == 0 && name.size() == 15 && name.substr(11) == ".pdf";
  if (!part && name != "manifest.csv" && name != "layout.json") throw HttpError(404, "No existe ese archivo del lote.");
  return {200, "", "", batch_dir(services, id_of(r.path[2])) + "/" + name};
}

// A batch's selected accounts (rank order) or excluded ones (with every
// reason), as a CSV for people: Spanish headers and labels.
Reply get_batch_list(Request& r, Database& db, Services& services) {
  r.require({Role::analyst, Role::admin});
  const auto id = id_of(r.path[2]);
  const bool selected = r.path[3] == "selected";
  if (!selection::stored_funnel_json(db, id)) throw HttpError(404, "No existe el lote " + std::to_string(id) + ".");
  const auto name = std::string(selected ? "seleccionadas" : "excluidas") + "-lote-" + std::to_string(id) + ".csv";
  return csv_download(services, name, [&](const std::string& path) {
    CsvWriter w(path);
    if (selected) {
      static const char* const k_use[] = {"Residencial", "Comercial", "Industrial", "Oficial"};
      w.row({"Puesto", "Cuenta", "Titular", "Uso", "Facturación", "Saldo", "Días de mora"});
      selection::for_each_selected(db, id, [&](const selection::SelectedEntry& e) {
        const auto rank = std::to_string(e.rank), balance = std::to_string(e.balance), days = std::to_string(e.days_past_due);
        w.row({rank, e.account_id, e.holder_name, k_use[static_cast<int>(e.use_type)],
               e.billing_type == BillingType::joint ? "Conjunta" : "Directa", balance, days});
      });
    } else {
      w.row({"Cuenta", "Motivos"});
      selection::for_each_excluded(db, id, [&](std::string_view account, selection::Reasons reasons) {
        std::string text;
        for (int i = 0; i < selection::k_reason_count; ++i) {
          const auto reason = static_cast<selection::Reason>(i);
          if (reasons.has(reason)) text += (text.empty() ? "" : "; ") + std::string(selection::label(reason));
        }
        w.row({account, text});
      });
    }
    w.close();
  });
}

Reply post_batch_discard(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::analyst, Role::admin});
  r.require_csrf();
  const std::int64_t id = id_of(r.path[2]);
  letters::discard_batch(db, id, s.user.name);
  audit(db, s.user.name, "batch.discard", std::to_string(id), "{}", "{\"status\":\"discarded\"}");
  return {200, "{\"batch\":" + std::to_string(id) + ",\"status\":\"discarded\"}"};
}

Reply post_batch_dispatch(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::analyst, Role::admin});
  r.require_csrf();
  const auto body = r.json();
  Date date = Date::today();
  if (body->has("date")) {
    const auto d = Date::parse_iso(text_of(body, "date"));
    if (!d) throw HttpError(400, "La fecha de despacho no es válida (AAAA-MM-DD).");
    date = *d;
  }
  const auto d = letters::dispatch_batch(db, id_of(r.path[2]), date);
  audit(db, s.user.name, "batch.dispatch", std::to_string(d.batch_id), "{\"status\":\"generated\"}", "{\"status\":\"dispatched\"}");
  return {200, "{\"batch\":" + std::to_string(d.batch_id) + ",\"dispatched_on\":\"" + d.date.iso() + "\",\"letters\":" + std::to_string(d.letters) + "}"};
}

Reply get_review_crop(Request& r, Database& db, Services&) {
  r.require({Role::office, Role::analyst, Role::admin});
  const std::string which = r.path[3];
  if (which != "code" && which != "panel") throw HttpError(404, "No existe ese recorte.");
  const auto file = returns::review_crop(db, id_of(r.path[2]), which == "code");
  if (!file) throw HttpError(404, "Esa página no tiene recortes.");
  return {200, "", "", *file};
}

// "49.970": a count the Spanish way.
std::string spanish_count(std::int64_t n) {
  const std::string pesos = format_pesos(n);
  return pesos.substr(pesos.find(' ') + 1);
}

// A portfolio export (CSV or XLSX) uploaded by an analyst: imported like
// `cartero import`; `?accept_rejected=1`, `?replace_smaller=1` and
// `?sheet=NAME` as the command's options. An accounts file under half the
// portfolio answers 409 with both counts, for the page to ask. The courier's
// files (returns, deliveries) the same way.
Reply post_import(Request& r, Database& db, Services& services) {
  const auto& s = r.require({Role::analyst, Role::admin});
  r.require_csrf();
  const std::string kind_text = r.path[2];
  const bool courier = kind_text == "returns" || kind_text == "deliveries";
  const auto kind = courier ? selection::ImportKind::accounts : selection::parse_import_kind(kind_text);
  const auto files = receive_files(r.raw, services.upload_dir + "/imports", {services.max_upload_bytes, false});
  // The export is read into the database, then removed, imported or not:
  // the server keeps no copy of a portfolio people uploaded.
  struct RemoveFiles {
    const std::vector<std::string>& files;
    ~RemoveFiles() {
      std::error_code ec;
      for (const auto& f : files) std::filesystem::remove(f, ec);
    }
  } remove_files{files};
  if (files.size() != 1) throw HttpError(400, "Envíe exactamente un archivo CSV o XLSX.");
  selection::ImportOptions options;
  options.accept_rejected = query_text(r, "accept_rejected") == "1";
  options.replace_smaller = query_text(r, "replace_smaller") == "1";
  if (const auto sheet = query_text(r, "sheet"); !sheet.empty()) options.sheet = sheet;
  const std::string sent = std::filesystem::path(files.front()).filename().string();
  if (courier) {
    const auto settings = returns::current_return_settings(db);
    auto c = kind_text == "returns"
                 ? returns::import_returns(db, files.front(), settings.courier, s.user.name, settings.routing, options.sheet)
                 : returns::import_deliveries(db, files.front(), s.user.name, options.sheet);
    c.file = sent;
    for (auto& row : c.rejected) row.reason = spanish_row_reason(row.reason);
    audit(db, s.user.name, "import." + c.kind, c.file, "{}",
          "{\"recorded\":" + std::to_string(c.recorded) + ",\"rejected\":" + std::to_string(c.rejected.size()) + "}");
    return {200, c.to_json()};
  }
  selection::ImportSummary summary;
  try {
    summary = selection::import_file(db, kind, files.front(), options);
  } catch (const selection::SmallerSnapshotError& e) {
    JsonWriter j;
    j.begin_object().key("error").value("Reemplazará " + spanish_count(e.current()) + " cuentas por " + spanish_count(e.incoming()) +
                                        " — ¿continuar?");
    j.key("current").value(e.current()).key("incoming").value(e.incoming()).key("confirm").value("replace_smaller").end_object();
    return {409, j.str()};
  }
  summary.file = sent;  // the name sent, not the server's folders
  for (auto& row : summary.rejected) row.reason = spanish_row_reason(row.reason);
  audit(db, s.user.name, "import." + summary.kind, summary.file, "{\"replaced\":" + std::to_string(summary.replaced) + "}",
        "{\"imported\":" + std::to_string(summary.imported) + ",\"rejected\":" + std::to_string(summary.rejected.size()) + "}");
  return {200, summary.to_json()};
}

// Puts back the previous import of a kind (the page's "Deshacer" button).
Reply post_import_undo(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::analyst, Role::admin});
  r.require_csrf();
  const auto kind = selection::parse_import_kind(r.path[2]);
  const auto undo = selection::undo_import(db, kind);
  audit(db, s.user.name, "import.undo." + undo.kind, undo.restored_file, "{\"rows\":" + std::to_string(undo.replaced) + "}",
        "{\"rows\":" + std::to_string(undo.restored) + "}");
  return {200, undo.to_json()};
}

// The columns each kind of file needs (names, Spanish names, aliases).
Reply get_import_columns(Request& r, Database&, Services&) {
  r.require({Role::analyst, Role::admin});
  return {200, selection::expected_columns_json()};
}

// A template CSV for a kind of file, in Excel's Spanish dialect.
Reply get_import_template(Request& r, Database&, Services& services) {
  r.require({Role::analyst, Role::admin});
  const std::string kind = r.path[2];
  if (!selection::is_import_kind(kind)) throw HttpError(404, "No existe esa plantilla.");
  const std::string text = selection::template_csv(kind);
  return csv_download(services, "plantilla-" + kind + ".csv", [&](const std::string& path) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw InternalError("cannot write " + path);
  });
}

// This server's upload jobs: all for analysts and admins, one's own for office staff.
Reply get_scan_jobs(Request& r, Database&, Services& services) {
  const auto& s = r.require({Role::office, Role::analyst, Role::admin});
  return {200, services.scan_jobs.list_json(s.user.role == Role::office ? s.user.name : "")};
}

Reply get_scan_job(Request& r, Database&, Services& services) {
  r.require({Role::office, Role::analyst, Role::admin});
  const auto json = services.scan_jobs.status_json(id_of(r.path[2]));
  if (json.empty()) throw HttpError(404, "No existe esa carga.");
  return {200, json, ""};
}

// ---- Settings, zones, users and the audit log (admin) ----

// The settings the rules and the routing use now: what an admin saved, or
// the defaults.
Reply get_settings(Request& r, Database& db, Services&) {
  r.require({Role::analyst, Role::admin});
  return {200, settings_in_force_json(db)};
}

// Saves one kind of settings after checking it whole (an unknown key or a
// wrong value is a 400 naming it); the change and its audit line are one write.
Reply put_settings(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::admin});
  r.require_csrf();
  const std::string kind = r.path[2];
  if (!is_settings_kind(kind)) throw HttpError(404, "No existen esos ajustes (selection o returns).");
  std::ostringstream body;
  r.json()->stringify(body);
  return {200, save_settings(db, kind, body.str(), kind == "selection" ? "ajustes de selección" : "ajustes de devoluciones", s.user.name)};
}

Reply get_zones(Request& r, Database& db, Services& services) {
  r.require({Role::analyst, Role::admin});
  std::map<std::string, std::vector<std::string>> staff;  // zone -> field users
  for (const auto& u : list_users(db)) {
    if (u.role != Role::field || u.disabled) continue;
    for (const auto& z : u.zones) staff[z].push_back(u.name);
  }
  JsonWriter j;
  j.begin_array();
  for (const auto& z : *services.caches->zones.get("all", returns::returns_state(db), [&] { return returns::zones(db); })) {
    j.begin_object().key("zone").value(z.zone).key("accounts").value(z.accounts).key("open_field_cases").value(z.open_field_cases);
    j.key("field_users").begin_array();
    for (const auto& name : staff[z.zone]) j.value(name);
    j.end_array().end_object();
  }
  j.end_array();
  return {200, j.str()};
}

std::string user_json(const User& u) {
  JsonWriter j;
  j.begin_object().key("name").value(u.name).key("role").value(code(u.role)).key("zones").begin_array();
  for (const auto& z : u.zones) j.value(z);
  j.end_array().key("disabled").value(u.disabled).end_object();
  return j.str();
}

std::vector<std::string> zones_of(const Poco::JSON::Object::Ptr& body) {
  std::vector<std::string> zones;
  for (auto& z : text_list(body, "zones")) {
    if (!z.empty()) zones.push_back(std::move(z));
  }
  return zones;
}

// Changes a user's role, zones or access; their sessions end at once.
Reply put_user(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::admin});
  r.require_csrf();
  const auto body = r.json();
  const auto role = parse_role(text_of(body, "role"));
  if (!role) throw HttpError(400, "Rol desconocido (admin, analyst, office, field, billing).");
  bool disabled = false;
  if (body->has("disabled")) {
    const auto v = body->get("disabled");
    if (!v.isBoolean()) throw HttpError(400, "\"disabled\" debe ser true o false.");
    disabled = v.extract<bool>();
  }
  const User after{r.path[2], *role, zones_of(body), disabled};
  if (*role == Role::field && after.zones.empty() && !disabled) throw HttpError(400, "Un usuario de terreno necesita al menos una zona.");
  User before;
  try {
    before = update_user(db, after);
  } catch (const InputError& e) {
    const std::string what = e.what();
    if (what.find("no admin") != std::string::npos) throw HttpError(409, "El cambio dejaría el sistema sin un administrador activo.");
    throw HttpError(404, "No existe el usuario " + after.name + ".");
  }
  audit(db, s.user.name, "user.update", after.name, user_json(before), user_json(after));
  return {200, user_json(after)};
}

Reply post_user_password(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::admin});
  r.require_csrf();
  const auto body = r.json();
  const std::string password = text_of(body, "password");
  if (password.size() < 8) throw HttpError(400, "La contraseña debe tener al menos 8 caracteres.");
  try {
    set_password(db, r.path[2], password);
  } catch (const InputError&) {
    throw HttpError(404, "No existe el usuario " + r.path[2] + ".");
  }
  audit(db, s.user.name, "user.passwd", r.path[2], "{}", "{}");
  return {200, "{\"user\":" + json_quote(r.path[2]) + ",\"password_changed\":true}"};
}

// A stored before/after as JSON; a text that does not parse (written by an
// older version that spliced raw input in) as a JSON string, so that one
// bad line never makes the whole log unreadable.
JsonWriter& audit_value(JsonWriter& j, const std::string& stored) {
  if (stored.empty()) return j.raw("{}");
  try {
    Poco::JSON::Parser().parse(stored);
    return j.raw(stored);
  } catch (const Poco::Exception&) {
    return j.value(stored);
  }
}

Reply get_audit(Request& r, Database& db, Services&) {
  r.require({Role::admin});
  const std::string user = query_text(r, "user");
  JsonWriter j;
  j.begin_array();
  for (const auto& e : audit_entries(db, user, query_number(r, "limit").value_or(100), query_number(r, "before"))) {
    j.begin_object().key("id").value(e.id).key("at").value(e.at).key("user").value(e.user).key("action").value(e.action);
    j.key("target").value(e.target);
    audit_value(j.key("before"), e.before_json);
    audit_value(j.key("after"), e.after_json).end_object();
  }
  j.end_array();
  return {200, j.str()};
}

// ---- The register, its exports and the stored images ----

bool wants_csv(const Request& r) { return query_text(r, "format") == "csv"; }

std::optional<ExportFormat> wanted_export(const Request& r, Database& db) {
  const auto format = query_text(r, "format");
  if (format == "xlsx") return ExportFormat::xlsx;
  if (format != "csv") return std::nullopt;
  return selection::current_import_profile(db).machine_csv ? ExportFormat::csv_machine : ExportFormat::csv_excel;
}

Reply export_download(const Services& services, const std::string& name, ExportFormat format,
                      const std::function<void(const std::string&)>& write) {
  return temporary_file(services, name + (format == ExportFormat::xlsx ? ".xlsx" : ".csv"), true, write);
}

// A file made for one download, under the uploads folder.
Reply temporary_file(const Services& services, const std::string& name, bool attachment,
                     const std::function<void(const std::string&)>& write) {
  const std::string dir = services.upload_dir + "/exports";
  std::filesystem::create_directories(dir);
  static std::atomic<long> counter{0};  // two requests at once never share a file
  const std::string path = dir + "/" + std::to_string(std::time(nullptr)) + "-" + std::to_string(++counter) + "-" + name;
  write(path);
  Reply reply{200, "", "", path};
  if (attachment) reply.download_name = name;
  reply.remove_file = true;
  return reply;
}

Reply csv_download(const Services& services, const std::string& name, const std::function<void(const std::string&)>& write) {
  return temporary_file(services, name, true, write);
}

std::string returns_json(Database& db, const returns::ReturnFilter& f);

Reply get_returns(Request& r, Database& db, Services& services) {
  r.require({Role::office, Role::analyst, Role::admin});
  returns::ReturnFilter f;
  f.cause = query_text(r, "cause");
  if (!f.cause.empty() && !parse_cause_code(f.cause)) throw HttpError(400, "Causal desconocida: " + f.cause + ".");
  f.zone = query_text(r, "zone");
  f.source = query_text(r, "source");
  f.text = query_text(r, "q");
  f.from = query_text(r, "from");
  f.to = query_text(r, "to");
  for (const auto* d : {&f.from, &f.to}) {
    if (!d->empty() && !Date::parse_iso(*d)) throw HttpError(400, "La fecha " + *d + " no es válida (AAAA-MM-DD).");
  }
  f.before_id = query_number(r, "before");
  f.limit = std::clamp<std::int64_t>(query_number(r, "limit").value_or(200), 1, 1000);  // 0 would mean the whole register
  if (const auto format = wanted_export(r, db)) {
    return export_download(services, "registro-devoluciones", *format,
                           [&](const std::string& path) { returns::write_returns_csv(db, f, path, *format); });
  }
  // Kept while the register is unchanged: everyone's first page is the same query.
  const std::string key = f.cause + '\x1f' + f.zone + '\x1f' + f.source + '\x1f' + f.text + '\x1f' + f.from + '\x1f' + f.to + '\x1f' +
                          std::to_string(f.before_id.value_or(0)) + '\x1f' + std::to_string(f.limit);
  return {200, *services.caches->returns_json.get(key, returns::returns_state(db), [&] { return returns_json(db, f); })};
}

std::string returns_json(Database& db, const returns::ReturnFilter& f) {
  JsonWriter j;
  j.begin_array();
  returns::for_each_return(db, f, [&](const returns::ReturnRow& row) {
    const auto cause = parse_cause_code(row.cause);
    j.begin_object().key("return_id").value(row.return_id).key("letter_id").value(row.letter_id).key("cause").value(row.cause);
    j.key("cause_label").value(cause ? cause_info(*cause).label : row.cause);
    j.key("observation").value(row.observation).key("returned_on").value(row.returned_on).key("registered_at").value(row.registered_at);
    j.key("registered_by").value(row.registered_by).key("source").value(row.source).key("account_id").value(row.account_id);
    j.key("holder_name").value(row.holder_name).key("address").value(row.address).key("zone").value(row.zone);
    j.key("scan_page_id").value(row.scan_page_id).end_object();
  });
  j.end_array();
  return j.str();
}

// The scanned page a return keeps as proof (PNG).
// A registered return corrected from the register: its cause and/or its
// letter, with the reason; the earlier values stay as history.
Reply post_return_correction(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::office, Role::analyst, Role::admin});
  r.require_csrf();
  const auto id = id_of(r.path[2]);
  const auto body = r.json();
  std::optional<ReturnCause> cause;
  if (const auto code = optional_text(body, "cause"); code && !code->empty()) {
    cause = parse_cause_code(*code);
    if (!cause) throw HttpError(400, "Causal desconocida: " + *code + ".");
  }
  std::optional<std::string> letter;
  if (const auto typed = optional_text(body, "letter_id"); typed && !typed->empty()) {
    letter = returns::letter_id_from_typed(*typed);
    if (!letter) throw HttpError(400, "El número de carta no es válido: escríbalo como 2026-000123.");
  }
  const std::string reason = optional_text(body, "reason").value_or("");
  if (!cause && !letter) throw HttpError(400, "Indique la causal o la carta corregida.");
  if (reason.empty()) throw HttpError(400, "Escriba el motivo de la corrección.");
  returns::correct_return(db, id, cause, letter, reason, s.user.name, returns::current_return_settings(db).routing);
  JsonWriter after;
  after.begin_object();
  if (cause) after.key("cause").value(cause_info(*cause).code);
  if (letter) after.key("letter_id").value(*letter);
  after.key("reason").value(reason).end_object();
  audit(db, s.user.name, "return.correct", std::to_string(id), "{}", after.str());
  return {200, "{\"return_id\":" + std::to_string(id) + ",\"corrected\":true}", ""};
}

Reply get_return_image(Request& r, Database& db, Services&) {
  r.require({Role::office, Role::analyst, Role::admin, Role::billing});
  const auto page = returns::return_scan_page(db, id_of(r.path[2]));
  if (!page) throw HttpError(404, "Esa devolución no tiene una página escaneada (se registró a mano o por planilla).");
  const auto png = returns::page_image(db, *page);
  if (!png) throw HttpError(404, "El archivo escaneado de esa devolución ya no está disponible.");
  return {200, "", "", *png};
}

// What the courier wrote on the observation lines of a return's scanned page (PNG).
Reply get_return_observation(Request& r, Database& db, Services&) {
  r.require({Role::office, Role::analyst, Role::admin, Role::billing});
  const auto png = returns::return_observation(db, id_of(r.path[2]));
  if (!png) throw HttpError(404, "Esa devolución no tiene observación escrita en la página escaneada.");
  return {200, "", "", *png};
}

// The whole page of a page in review, next to its crops (PNG).
Reply get_review_page(Request& r, Database& db, Services&) {
  r.require({Role::office, Role::analyst, Role::admin});
  const auto png = returns::page_image(db, id_of(r.path[2]));
  if (!png) throw HttpError(404, "No existe esa página escaneada.");
  return {200, "", "", *png};
}

// What a new batch would select (the funnel), before it is saved.
Reply post_batch_preview(Request& r, Database& db, Services&) {
  r.require({Role::analyst, Role::admin});
  r.require_csrf();
  const auto o = select_options(db, r.json());
  const auto b = selection::preview_batch(db, o);
  JsonWriter j;
  j.begin_object().key("cutoff").value(b.cutoff.iso()).key("settings").raw(selection::settings_to_json(o.settings));
  j.key("funnel").raw(selection::funnel_json(b.total, b.funnel, b.selected)).end_object();
  return {200, j.str()};
}

const std::vector<Route>& routes() {
  static const std::vector<Route> k_routes = {
      {"POST", {"api", "login"}, post_login},
      {"POST", {"api", "logout"}, post_logout},
      {"GET", {"api", "me"}, get_me},
      {"GET", {"api", "causes"}, get_causes},
      {"GET", {"api", "labels"}, get_labels},
      {"GET", {"api", "brand"}, get_brand},
      {"GET", {"api", "users"}, get_users},
      {"POST", {"api", "users"}, post_user},
      {"PUT", {"api", "users", "*"}, put_user},
      {"POST", {"api", "users", "*", "password"}, post_user_password},
      {"GET", {"api", "audit"}, get_audit},
      {"GET", {"api", "settings"}, get_settings},
      {"PUT", {"api", "settings", "*"}, put_settings},
      {"GET", {"api", "zones"}, get_zones},
      {"POST", {"api", "batches", "preview"}, post_batch_preview},
      {"GET", {"api", "batches"}, get_batches},
      {"POST", {"api", "batches"}, post_batch},
      {"GET", {"api", "batches", "*"}, get_batch},
      {"POST", {"api", "batches", "*", "letters"}, post_batch_letters},
      {"GET", {"api", "batches", "*", "files", "*"}, get_batch_file},
      {"POST", {"api", "batches", "*", "dispatch"}, post_batch_dispatch},
      {"GET", {"api", "batches", "*", "selected"}, get_batch_list},
      {"GET", {"api", "batches", "*", "excluded"}, get_batch_list},
      {"POST", {"api", "batches", "*", "discard"}, post_batch_discard},
      {"GET", {"api", "accounts", "*"}, get_account},
      {"GET", {"api", "review"}, get_review},
      {"POST", {"api", "review", "*"}, post_review},
      {"GET", {"api", "review", "*", "page"}, get_review_page},
      {"GET", {"api", "review", "*", "*"}, get_review_crop},
      {"GET", {"api", "returns"}, get_returns},
      {"GET", {"api", "returns", "*", "image"}, get_return_image},
      {"GET", {"api", "returns", "*", "observation"}, get_return_observation},
      {"POST", {"api", "returns", "*", "correction"}, post_return_correction},
      {"POST", {"api", "scans"}, post_scans},
      {"POST", {"api", "imports", "*"}, post_import},
      {"POST", {"api", "imports", "*", "undo"}, post_import_undo},
      {"GET", {"api", "imports", "columns"}, get_import_columns},
      {"GET", {"api", "imports", "*", "template"}, get_import_template},
      {"GET", {"api", "scans"}, get_scan_jobs},
      {"GET", {"api", "scans", "*"}, get_scan_job},
      {"POST", {"api", "field", "cases", "*", "outcome"}, post_field_outcome},
      {"POST", {"api", "billing", "cases", "*", "decision"}, post_billing_decision},
      {"GET", {"api", "field", "lists"}, get_field_list},
      {"GET", {"api", "field", "sheet"}, get_field_sheet},
      {"GET", {"api", "billing", "cases"}, get_billing_cases},
      {"GET", {"api", "reports", "batches"}, get_report_batches},
      {"GET", {"api", "reports", "cases"}, get_report_cases},
  };
  return k_routes;
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (pattern[i] != "*" && pattern[i] != path[i]) return false;
  }
  return true;
}

}  // namespace

Reply handle_api(Request& request, Database& db, Services& services) {
  bool path_known = false;
  for (const auto& route : routes()) {
    if (!matches(route.pattern, request.path)) continue;
    path_known = true;
    if (request.method == route.method) return route.handler(request, db, services);
  }
  throw HttpError(path_known ? 405 : 404, path_known ? "Método no permitido." : "No existe esa dirección de la API.");
}

}  // namespace cartero::webui
