#include "api.hpp"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>

#include "cartero/core/json.hpp"
#include "cartero/core/sql.hpp"
#include "scan_jobs.hpp"
#include "cartero/letters/generate.hpp"
#include "cartero/returns/cases.hpp"
#include "cartero/returns/register.hpp"
#include "cartero/returns/reports.hpp"
#include "cartero/returns/route_sheet.hpp"
#include "cartero/returns/scan_intake.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/selection/import.hpp"

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

std::string text_of(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  if (!o->has(key) || !o->get(key).isString()) throw HttpError(400, "Falta el campo \"" + key + "\".");
  return o->getValue<std::string>(key);
}

Reply post_login(Request& r, Database& db, Services&) {
  const auto body = r.json();
  Session s;
  switch (login(db, text_of(body, "username"), text_of(body, "password"), r.raw.clientAddress().host().toString(), s)) {
    case LoginResult::wrong: throw HttpError(401, "Usuario o contraseña incorrectos.");
    case LoginResult::throttled: throw HttpError(429, "Demasiados intentos fallidos: espere 15 minutos.");
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
  sql::for_each_row(db, "SELECT id, created_at, cutoff, status, accounts_total, selected_count FROM batches ORDER BY id DESC", {},
                    [&](const sql::Row& row) {
                      j.begin_object().key("id").value(row.int64(0)).key("created_at").value(row.text(1)).key("cutoff").value(row.text(2));
                      j.key("status").value(row.text(3)).key("accounts").value(row.int64(4)).key("selected").value(row.int64(5)).end_object();
                    });
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

// Every batch's report, computed again only when the register, the
// deliveries or the batches changed.
std::shared_ptr<const std::vector<returns::BatchReport>> batch_reports(Database& db, Services& services) {
  const auto state = returns::returns_state(db);
  return services.caches->batch_reports.get("all", state, [&] { return returns::batch_reports(db, {}); });
}

Reply get_batch(Request& r, Database& db, Services& services) {
  r.require({Role::analyst, Role::admin});
  const auto id = id_of(r.path[2]);
  const auto funnel = sql::scalar(db, "SELECT funnel_json FROM batches WHERE id = ?", {std::to_string(id)});
  if (!funnel) throw HttpError(404, "No existe el lote " + std::to_string(id) + ".");
  std::vector<returns::BatchReport> report;
  for (const auto& b : *batch_reports(db, services)) {
    if (b.batch_id == id) report.push_back(b);
  }
  if (report.empty()) report = returns::batch_reports(db, {}, id);
  JsonWriter j;
  j.begin_object().key("id").value(id).key("funnel").raw(*funnel).key("report").raw(returns::to_json(report)).end_object();
  return {200, j.str(), ""};
}

Reply post_batch(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::analyst, Role::admin});
  r.require_csrf();
  const auto body = r.json();
  selection::SelectOptions o;
  o.cutoff = Date::today();
  if (body->has("cutoff")) {
    const auto d = Date::parse_iso(text_of(body, "cutoff"));
    if (!d) throw HttpError(400, "La fecha de corte no es válida (AAAA-MM-DD).");
    o.cutoff = *d;
  }
  if (body->has("settings")) o.settings = selection::settings_from_json(body->get("settings").toString(), "settings");
  if (body->has("max") && !body->isNull("max")) o.settings.max_letters = body->getValue<long long>("max");
  const auto b = selection::create_batch(db, o);
  audit(db, s.user.name, "batch.create", std::to_string(b.batch_id), "{}", selection::funnel_json(b.total, b.funnel, b.selected));
  JsonWriter j;
  j.begin_object().key("batch").value(b.batch_id).key("funnel").raw(selection::funnel_json(b.total, b.funnel, b.selected)).end_object();
  return {201, j.str(), ""};
}

bool field_may_see(Database& db, const Session& s, const std::string& account) {
  for (const auto& zone : s.user.zones) {
    if (sql::scalar(db, "SELECT id FROM cases WHERE account_id = ? AND zone = ? AND kind = 'field_check'", {account, zone})) return true;
  }
  return false;
}

Reply get_account(Request& r, Database& db, Services&) {
  const auto& s = r.user();
  const std::string account = r.path[2];
  if (s.user.role == Role::field && !field_may_see(db, s, account)) {
    throw HttpError(403, "La cuenta no está en las listas de sus zonas.");
  }
  return {200, returns::account_history_json(db, account), ""};
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
  const auto number = [&](const char* name, std::size_t fallback, std::size_t max) {
    if (!r.query.count(name)) return fallback;
    const std::string& text = r.query.at(name);
    if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      throw HttpError(400, std::string("El parámetro ") + name + " debe ser un número entero.");
    }
    return std::min<std::size_t>(std::stoul(text), max);
  };
  const std::size_t offset = std::min(number("offset", 0, cases.size()), cases.size());
  const std::size_t limit = number("limit", 200, 1000);
  const auto first = cases.begin() + static_cast<std::ptrdiff_t>(offset);
  const auto last = first + static_cast<std::ptrdiff_t>(std::min(limit, cases.size() - offset));
  Reply reply{200, cases_json({first, last})};
  reply.headers.emplace_back("X-Total-Count", std::to_string(cases.size()));
  return reply;
}

Reply get_field_list(Request& r, Database& db, Services& services) {
  const auto& s = r.require({Role::field, Role::analyst, Role::admin});
  const auto zone = r.query.count("zone") ? r.query.at("zone") : "";
  if (zone.empty()) throw HttpError(400, "Indique la zona (?zone=…).");
  if (s.user.role == Role::field && std::find(s.user.zones.begin(), s.user.zones.end(), zone) == s.user.zones.end()) {
    throw HttpError(403, "La zona " + zone + " no está asignada a usted.");
  }
  const auto state = returns::returns_state(db);
  return list_page(r, *services.caches->field_lists.get(zone, state, [&] { return returns::field_list(db, zone); }));
}

// The zone's printable route sheet (PDF).
Reply get_field_sheet(Request& r, Database& db, Services& services) {
  const auto& s = r.require({Role::field, Role::analyst, Role::admin});
  const auto zone = r.query.count("zone") ? r.query.at("zone") : "";
  if (zone.empty()) throw HttpError(400, "Indique la zona (?zone=…).");
  if (s.user.role == Role::field && std::find(s.user.zones.begin(), s.user.zones.end(), zone) == s.user.zones.end()) {
    throw HttpError(403, "La zona " + zone + " no está asignada a usted.");
  }
  std::filesystem::create_directories(services.upload_dir);
  const std::string path = services.upload_dir + "/ruta-" + std::to_string(std::hash<std::string>{}(zone)) + ".pdf";
  returns::write_route_sheet(path, zone, returns::field_list(db, zone));
  return {200, "", "", path};
}

Reply get_billing_cases(Request& r, Database& db, Services& services) {
  r.require({Role::billing, Role::analyst, Role::admin});
  const auto state = returns::returns_state(db);
  return list_page(r, *services.caches->billing_list.get("open", state, [&] { return returns::billing_list(db); }));
}

Reply get_report_cases(Request& r, Database& db, Services& services) {
  r.require({Role::analyst, Role::admin, Role::billing});
  const auto today = Date::today();
  const auto state = returns::returns_state(db);
  return {200, returns::to_json(*services.caches->case_ages.get(today.iso(), state, [&] { return returns::case_ages(db, {}, today); }))};
}

Reply get_report_batches(Request& r, Database& db, Services& services) {
  r.require({Role::analyst, Role::admin});
  return {200, returns::to_json(*batch_reports(db, services)), ""};
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
  const auto return_id = returns::confirm_review(db, page, *letter, cause_from(body), s.user.name);
  audit(db, s.user.name, "review.confirm", std::to_string(page), "{}", "{\"return_id\":" + std::to_string(return_id) + "}");
  return {200, "{\"return_id\":" + std::to_string(return_id) + "}", ""};
}

// The newest 500 returns, of one cause or of all (the cause's index, newest
// first, rather than the whole register filtered).
std::string returns_json(Database& db, const std::string& cause) {
  JsonWriter j;
  j.begin_array();
  sql::for_each_row(db,
                    std::string("SELECT r.return_id, r.letter_id, r.cause, r.observation, r.returned_on, r.registered_by, r.source, "
                                "l.account_id, l.zone FROM returns r JOIN letters l ON l.letter_id = r.letter_id ") +
                        (cause.empty() ? "" : "WHERE r.cause = ? ") + "ORDER BY r.return_id DESC LIMIT 500",
                    cause.empty() ? std::vector<std::string>{} : std::vector<std::string>{cause}, [&](const sql::Row& row) {
                      j.begin_object().key("return_id").value(row.int64(0)).key("letter_id").value(row.text(1)).key("cause").value(row.text(2));
                      j.key("observation").value(row.text(3)).key("returned_on").value(row.text(4)).key("registered_by").value(row.text(5));
                      j.key("source").value(row.text(6)).key("account_id").value(row.text(7)).key("zone").value(row.text(8)).end_object();
                    });
  j.end_array();
  return j.str();
}

Reply get_returns(Request& r, Database& db, Services& services) {
  r.require({Role::office, Role::analyst, Role::admin});
  const std::string cause = r.query.count("cause") ? r.query.at("cause") : "";
  if (!cause.empty() && !parse_cause_code(cause)) return {200, returns_json(db, cause), ""};  // kept only for the ten causes
  const auto state = returns::returns_state(db);
  return {200, *services.caches->returns_json.get(cause, state, [&] { return returns_json(db, cause); }), ""};
}

Reply post_field_outcome(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::field, Role::analyst, Role::admin});
  r.require_csrf();
  const auto id = id_of(r.path[3]);
  if (s.user.role == Role::field) {
    const auto zone = sql::scalar(db, "SELECT zone FROM cases WHERE id = ?", {std::to_string(id)});
    if (!zone || std::find(s.user.zones.begin(), s.user.zones.end(), *zone) == s.user.zones.end()) {
      throw HttpError(403, "El caso no es de sus zonas.");
    }
  }
  const auto body = r.json();
  const auto outcome = returns::parse_field_outcome(text_of(body, "outcome"));
  if (!outcome) throw HttpError(400, "Resultado de terreno desconocido.");
  const std::string address = body->has("address") ? body->getValue<std::string>("address") : "";
  returns::record_field_outcome(db, id, *outcome, address, s.user.name);
  audit(db, s.user.name, "case.outcome", std::to_string(id), "{}", "{\"outcome\":\"" + text_of(body, "outcome") + "\"}");
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
  const std::string text = body->has(key) ? body->getValue<std::string>(key) : "";
  returns::record_billing_decision(db, id, *decision, text, s.user.name);
  audit(db, s.user.name, "case.decision", std::to_string(id), "{}", "{\"decision\":\"" + text_of(body, "decision") + "\"}");
  return {200, "{\"case\":" + std::to_string(id) + ",\"closed\":true}", ""};
}

Reply get_users(Request& r, Database& db, Services&) {
  r.require({Role::admin});
  JsonWriter j;
  j.begin_array();
  for (const auto& u : list_users(db)) {
    j.begin_object().key("name").value(u.name).key("role").value(code(u.role)).key("zones").begin_array();
    for (const auto& z : u.zones) j.value(z);
    j.end_array().end_object();
  }
  j.end_array();
  return {200, j.str()};
}

Reply post_user(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::admin});
  r.require_csrf();
  const auto body = r.json();
  const auto role = parse_role(text_of(body, "role"));
  if (!role) throw HttpError(400, "Rol desconocido (admin, analyst, office, field, billing).");
  std::vector<std::string> zones;
  if (const auto list = body->getArray("zones")) {
    for (std::size_t i = 0; i < list->size(); ++i) zones.push_back(list->getElement<std::string>(static_cast<unsigned>(i)));
  }
  const std::string name = text_of(body, "name");
  add_user(db, {name, *role, zones}, text_of(body, "password"));
  audit(db, s.user.name, "user.add", name, "{}", "{\"role\":\"" + std::string(code(*role)) + "\"}");
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

// Keeps only letters, digits, '.', '-' and '_' of an uploaded file's name.
std::string safe_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') out.push_back(c);
  }
  return out.empty() ? "scan" : out.substr(0, 80);
}

// Saves every file part of a multipart upload under `dir`.
class UploadSaver final : public Poco::Net::PartHandler {
 public:
  explicit UploadSaver(std::string dir) : m_dir(std::move(dir)) {}
  void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
    std::string disposition;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, params);
    const std::string path = m_dir + "/" + std::to_string(files.size() + 1) + "-" + safe_name(params.get("filename", "scan"));
    std::ofstream out(path, std::ios::binary);
    Poco::StreamCopier::copyStream(stream, out);
    if (!out) throw HttpError(507, "No hay espacio para guardar el archivo.");
    files.push_back(path);
  }
  std::vector<std::string> files;

 private:
  std::string m_dir;
};

constexpr std::streamsize k_max_upload = 512LL * 1024 * 1024;
constexpr int k_max_files = 10000;

// Saves the files of a multipart upload (at most k_max_upload) under a new
// folder of `base`; HttpError 413 or 400 when the upload cannot be taken.
std::vector<std::string> receive_files(Request& r, const std::string& base, const std::string& too_large) {
  if (r.raw.getContentLength() > k_max_upload) throw HttpError(413, too_large);
  const std::string dir = base + "-" + std::to_string(std::time(nullptr)) + "-" +
                          std::to_string(reinterpret_cast<std::uintptr_t>(&r) % 100000);
  std::filesystem::create_directories(dir);
  UploadSaver saver(dir);
  try {
    Poco::Net::HTMLForm form;
    form.setFieldLimit(k_max_files);  // Poco's default stops a form at 100 parts: a scanned stack has more
    form.load(r.raw, r.raw.stream(), saver);
  } catch (const HttpError&) {
    throw;
  } catch (const std::exception&) {
    throw HttpError(400, "La carga no es un formulario multipart válido.");
  }
  return saver.files;
}

Reply post_scans(Request& r, Database&, Services& services) {
  const auto& s = r.require({Role::office, Role::analyst, Role::admin});
  r.require_csrf();
  const auto files = receive_files(r, services.upload_dir + "/scans", "La carga supera 512 MB: divídala en varios envíos.");
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
  const auto file = sql::scalar(db, std::string("SELECT ") + (which == "code" ? "code_crop" : "panel_crop") + " FROM scan_pages WHERE id = ?",
                                {std::to_string(id_of(r.path[2]))});
  if (!file || file->empty()) throw HttpError(404, "Esa página no tiene recortes.");
  return {200, "", "", *file};
}

// A portfolio export uploaded by an analyst: imported like `cartero import`.
Reply post_import(Request& r, Database& db, Services& services) {
  const auto& s = r.require({Role::analyst, Role::admin});
  r.require_csrf();
  const auto kind = selection::parse_import_kind(r.path[2]);
  const auto files = receive_files(r, services.upload_dir + "/imports", "El archivo supera 512 MB.");
  if (files.size() != 1) throw HttpError(400, "Envíe exactamente un archivo CSV.");
  const auto summary = selection::import_file(db, kind, files.front());
  audit(db, s.user.name, "import." + summary.kind, summary.file, "{}",
        "{\"imported\":" + std::to_string(summary.imported) + ",\"rejected\":" + std::to_string(summary.rejected.size()) + "}");
  return {200, summary.to_json()};
}

Reply get_scan_job(Request& r, Database&, Services& services) {
  r.require({Role::office, Role::analyst, Role::admin});
  const auto json = services.scan_jobs.status_json(id_of(r.path[2]));
  if (json.empty()) throw HttpError(404, "No existe esa carga.");
  return {200, json, ""};
}

const std::vector<Route>& routes() {
  static const std::vector<Route> k_routes = {
      {"POST", {"api", "login"}, post_login},
      {"POST", {"api", "logout"}, post_logout},
      {"GET", {"api", "me"}, get_me},
      {"GET", {"api", "causes"}, get_causes},
      {"GET", {"api", "users"}, get_users},
      {"POST", {"api", "users"}, post_user},
      {"GET", {"api", "batches"}, get_batches},
      {"POST", {"api", "batches"}, post_batch},
      {"GET", {"api", "batches", "*"}, get_batch},
      {"POST", {"api", "batches", "*", "letters"}, post_batch_letters},
      {"GET", {"api", "batches", "*", "files", "*"}, get_batch_file},
      {"POST", {"api", "batches", "*", "dispatch"}, post_batch_dispatch},
      {"GET", {"api", "accounts", "*"}, get_account},
      {"GET", {"api", "review"}, get_review},
      {"POST", {"api", "review", "*"}, post_review},
      {"GET", {"api", "review", "*", "*"}, get_review_crop},
      {"GET", {"api", "returns"}, get_returns},
      {"POST", {"api", "scans"}, post_scans},
      {"POST", {"api", "imports", "*"}, post_import},
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
