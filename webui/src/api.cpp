#include "api.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <sstream>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <functional>

#include "cartero/access/audit.hpp"
#include "cartero/access/users.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/page_notes.hpp"
#include "cartero/core/sql.hpp"
#include "scan_jobs.hpp"
#include "messages.hpp"
#include "uploads.hpp"
#include "cartero/letters/generate.hpp"
#include "cartero/returns/cases.hpp"
#include "cartero/returns/lists.hpp"
#include "cartero/returns/settings.hpp"
#include "cartero/returns/register.hpp"
#include "cartero/returns/reports.hpp"
#include "cartero/returns/route_sheet.hpp"
#include "cartero/returns/scan_intake.hpp"
#include "cartero/returns/snapshots.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/selection/explain.hpp"
#include "cartero/webui/settings.hpp"
#include "cartero/selection/import.hpp"

namespace cartero::webui {

namespace {

using access::audit;
using access::audited;
using access::Change;

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
// A file made for one reply, under the uploads folder, removed once sent;
// an attachment named `name` when `attachment` (else shown by the browser).
Reply temporary_file(const Services& services, const std::string& name, bool attachment,
                     const std::function<void(const std::string&)>& write);
Reply csv_download(const Services& services, const std::string& name, const std::function<void(const std::string&)>& write);

std::string user_json(const User& u);

Reply post_login(Request& r, Database& db, Services&) {
  const auto body = r.json();
  Session s;
  switch (access::login(db, text_of(body, "username"), text_of(body, "password"), r.raw.clientAddress().host().toString(), s)) {
    case LoginResult::wrong: throw HttpError(401, "Usuario o contraseña incorrectos.");
    case LoginResult::throttled: throw HttpError(429, "Demasiados intentos fallidos: espere 15 minutos.");
    case LoginResult::ok: break;
  }
  // Not in the login's transaction: the password is hashed outside any, so
  // a login never holds the database's write lock while hashing.
  audit(db, s.user.name, "login", s.user.name, "null", "{\"address\":" + json_quote(r.raw.clientAddress().host().toString()) + "}");
  return {200, session_json(s), "cartero_session=" + s.token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800"};
}

Reply post_logout(Request& r, Database& db, Services&) {
  r.require_csrf();
  access::logout(db, r.user().token);
  return {200, "{\"ok\":true}", "cartero_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"};
}

Reply get_me(Request& r, Database&, Services&) { return {200, session_json(r.user()), ""}; }

Reply get_batches(Request& r, Database& db, Services&) {
  r.require({Role::analyst, Role::admin});
  JsonWriter j;
  j.begin_array();
  for (const auto& b : selection::list_batches(db)) {
    j.begin_object().key("id").value(b.id).key("created_at").value(b.created_at).key("cutoff").value(b.cutoff);
    j.key("status").value(b.status).key("accounts").value(b.accounts).key("selected").value(b.selected);
    const auto text_or_null = [&](const std::string& v) { v.empty() ? j.null() : j.value(v); };
    j.key("dispatched_on");
    text_or_null(b.dispatched_on);
    j.key("dispatched_by");
    text_or_null(b.dispatched_by);
    j.key("dispatched_at");
    text_or_null(b.dispatched_at);
    j.end_object();
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
  const auto o = select_options(db, r.json());
  selection::BatchResult b;
  audited(db, s.user.name, "batch.create", "", [&] {
    b = selection::create_batch(db, o);
    JsonWriter after;
    after.begin_object().key("batch").value(b.batch_id).key("cutoff").value(b.cutoff.iso());
    after.key("settings").raw(selection::settings_to_json(o.settings)).key("selected").value(b.selected).end_object();
    return Change{"null", after.str()};
  });
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
  const auto explanation = selection::explain_account(db, account);
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
    // The note as a code and its Spanish label (pages scanned before notes had codes keep their English note).
    const auto& info = page_note_info(item.note_code);
    j.key("note_code").value(info.code).key("note_label").value(item.note_code == PageNote::none ? std::string_view(item.note) : info.label);
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
    const auto cause = parse_cause_code(c.cause);
    j.key("zone").value(c.zone).key("cause").value(c.cause).key("cause_label").value(cause ? cause_info(*cause).label : c.cause);
    j.key("letter_id").value(c.letter_id).key("opened_at").value(c.opened_at).end_object();
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
  if (wants_csv(r)) {
    const auto cases = returns::field_list(db, zone);
    return csv_download(services, "verificacion-" + safe_file_name(zone) + ".csv", [&](const std::string& p) { returns::write_cases_csv(p, cases); });
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
  if (wants_csv(r)) {
    const auto cases = returns::billing_list(db);
    return csv_download(services, "facturacion.csv", [&](const std::string& p) { returns::write_cases_csv(p, cases); });
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
  if (wants_csv(r)) {
    return csv_download(services, "informe-lotes.csv", [&](const std::string& p) { returns::write_csv(p, *reports); });
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
  const auto cause = cause_from(body);
  // The routing an admin saved, as `cartero review` uses it.
  const auto routing = returns::current_return_settings(db).routing;
  std::int64_t return_id = 0;
  audited(db, s.user.name, "review.confirm", std::to_string(page), [&] {
    Change change{returns::scan_page_snapshot(db, page), ""};
    return_id = returns::confirm_review(db, page, *letter, cause, s.user.name, routing);
    change.after_json = returns::return_snapshot(db, return_id);
    return change;
  });
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
  audited(db, s.user.name, "case.outcome", std::to_string(id), [&] {
    Change change{returns::case_snapshot(db, id), ""};
    returns::record_field_outcome(db, id, *outcome, address, s.user.name);
    change.after_json = returns::case_snapshot(db, id);
    return change;
  });
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
  audited(db, s.user.name, "case.decision", std::to_string(id), [&] {
    Change change{returns::case_snapshot(db, id), ""};
    returns::record_billing_decision(db, id, *decision, text, s.user.name);
    change.after_json = returns::case_snapshot(db, id);
    return change;
  });
  return {200, "{\"case\":" + std::to_string(id) + ",\"closed\":true}", ""};
}

Reply get_users(Request& r, Database& db, Services&) {
  r.require({Role::admin});
  JsonWriter j;
  j.begin_array();
  for (const auto& u : access::list_users(db)) j.raw(user_json(u));
  j.end_array();
  return {200, j.str()};
}

Reply post_user(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::admin});
  r.require_csrf();
  const auto body = r.json();
  const auto role = access::parse_role(text_of(body, "role"));
  if (!role) throw HttpError(400, "Rol desconocido (admin, analyst, office, field, billing).");
  const auto zones = text_list(body, "zones");
  const std::string name = text_of(body, "name");
  const User user{name, *role, zones};
  const std::string password = text_of(body, "password");
  audited(db, s.user.name, "user.add", name, [&] {
    access::add_user(db, user, password);
    return Change{"null", access::to_json(user)};
  });
  return {201, "{\"user\":" + json_quote(name) + "}"};
}

// The ten causes with their Spanish labels (core/causes.hpp), for the pages.
Reply get_causes(Request& r, Database&, Services&) {
  r.user();
  JsonWriter j;
  j.begin_array();
  for (const auto& c : all_causes()) j.begin_object().key("code").value(c.code).key("label").value(c.label).end_object();
  j.end_array();
  return {200, j.str(), ""};
}

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
  std::filesystem::remove_all(o.out_dir);  // a new run gives the same letters (same ids, same content)
  const auto status = [&] {
    for (const auto& b : selection::list_batches(db)) {
      if (b.id == o.batch_id) return "{\"status\":" + json_quote(b.status) + "}";
    }
    return std::string("null");
  };
  const std::string before = status();
  // Numbering, rendering on every core and recording the parts are several
  // transactions (the parts are written by other connections): the line is
  // written once the letters are recorded.
  const auto g = letters::generate_letters(db, o);
  JsonWriter after;
  after.begin_object().key("status").value("generated").key("letters").value(g.letters).key("numbered_now").value(g.numbered_now);
  after.key("first_letter").value(g.first_letter).key("last_letter").value(g.last_letter).end_object();
  audit(db, s.user.name, "batch.letters", std::to_string(o.batch_id), before, after.str());
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
  const auto id = id_of(r.path[2]);
  letters::DispatchResult d;
  audited(db, s.user.name, "batch.dispatch", std::to_string(id), [&] {
    d = letters::dispatch_batch(db, id, date, s.user.name);
    return Change{"{\"status\":\"generated\"}", letters::to_json(d)};
  });
  return {200, letters::to_json(d)};
}

Reply get_review_crop(Request& r, Database& db, Services&) {
  r.require({Role::office, Role::analyst, Role::admin});
  const std::string which = r.path[3];
  if (which != "code" && which != "panel") throw HttpError(404, "No existe ese recorte.");
  const auto file = returns::review_crop(db, id_of(r.path[2]), which == "code");
  if (!file) throw HttpError(404, "Esa página no tiene recortes.");
  return {200, "", "", *file};
}

// A portfolio export uploaded by an analyst: imported like `cartero import`.
Reply post_import(Request& r, Database& db, Services& services) {
  const auto& s = r.require({Role::analyst, Role::admin});
  r.require_csrf();
  const auto kind = selection::parse_import_kind(r.path[2]);
  const auto files = receive_files(r.raw, services.upload_dir + "/imports", {services.max_upload_bytes, false});
  if (files.size() != 1) throw HttpError(400, "Envíe exactamente un archivo CSV.");
  selection::ImportSummary summary;
  const std::string name = std::filesystem::path(files.front()).filename().string();  // the name sent, not the server's folders
  audited(db, s.user.name, "import." + r.path[2], name, [&] {
    Change change{selection::last_import_json(db, kind), ""};
    summary = selection::import_file(db, kind, files.front());
    change.after_json = selection::last_import_json(db, kind);
    return change;
  });
  summary.file = name;
  for (auto& row : summary.rejected) row.reason = selection::spanish_label(row);
  return {200, summary.to_json()};
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
  for (const auto& u : access::list_users(db)) {
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

std::string user_json(const User& u) { return access::to_json(u); }

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
  const auto role = access::parse_role(text_of(body, "role"));
  if (!role) throw HttpError(400, "Rol desconocido (admin, analyst, office, field, billing).");
  bool disabled = false;
  if (body->has("disabled")) {
    const auto v = body->get("disabled");
    if (!v.isBoolean()) throw HttpError(400, "\"disabled\" debe ser true o false.");
    disabled = v.extract<bool>();
  }
  const User after{r.path[2], *role, zones_of(body), disabled};
  if (*role == Role::field && after.zones.empty() && !disabled) throw HttpError(400, "Un usuario de terreno necesita al menos una zona.");
  // An unknown user is a 404, the last admin a 409 (core's error table).
  audited(db, s.user.name, "user.update", after.name, [&] {
    const User before = access::update_user(db, after);
    return Change{user_json(before), user_json(after)};
  });
  return {200, user_json(after)};
}

Reply post_user_password(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::admin});
  r.require_csrf();
  const auto body = r.json();
  const std::string password = text_of(body, "password");
  if (password.size() < 8) throw HttpError(400, "La contraseña debe tener al menos 8 caracteres.");
  audited(db, s.user.name, "user.passwd", r.path[2], [&] {  // an unknown user: 404
    const auto before = access::find_user(db, r.path[2]);
    access::set_password(db, r.path[2], password);
    const std::string json = user_json(*before);  // set_password refused an unknown user
    return Change{json, json.substr(0, json.size() - 1) + ",\"password\":\"changed\"}"};
  });
  return {200, "{\"user\":" + json_quote(r.path[2]) + ",\"password_changed\":true}"};
}

Reply get_audit(Request& r, Database& db, Services&) {
  r.require({Role::admin});
  const std::string user = query_text(r, "user");
  JsonWriter j;
  j.begin_array();
  for (const auto& e : access::audit_entries(db, user, query_number(r, "limit").value_or(100), query_number(r, "before"))) {
    j.begin_object().key("id").value(e.id).key("at").value(e.at).key("user").value(e.user).key("action").value(e.action);
    j.key("target").value(e.target).key("before").raw(e.before_json.empty() ? "{}" : e.before_json);
    j.key("after").raw(e.after_json.empty() ? "{}" : e.after_json).end_object();
  }
  j.end_array();
  return {200, j.str()};
}

// ---- The register, its exports and the stored images ----

bool wants_csv(const Request& r) { return query_text(r, "format") == "csv"; }

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
  if (wants_csv(r)) {
    return csv_download(services, "registro-devoluciones.csv", [&](const std::string& path) { returns::write_returns_csv(db, f, path); });
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
Reply get_return_image(Request& r, Database& db, Services&) {
  r.require({Role::office, Role::analyst, Role::admin, Role::billing});
  const auto page = returns::return_scan_page(db, id_of(r.path[2]));
  if (!page) throw HttpError(404, "Esa devolución no tiene una página escaneada (se registró a mano o por planilla).");
  const auto png = returns::page_image(db, *page);
  if (!png) throw HttpError(404, "El archivo escaneado de esa devolución ya no está disponible.");
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
      {"GET", {"api", "accounts", "*"}, get_account},
      {"GET", {"api", "review"}, get_review},
      {"POST", {"api", "review", "*"}, post_review},
      {"GET", {"api", "review", "*", "page"}, get_review_page},
      {"GET", {"api", "review", "*", "*"}, get_review_crop},
      {"GET", {"api", "returns"}, get_returns},
      {"GET", {"api", "returns", "*", "image"}, get_return_image},
      {"POST", {"api", "scans"}, post_scans},
      {"POST", {"api", "imports", "*"}, post_import},
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
