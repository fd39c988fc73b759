// The API's returns routes: each handler parses the request, calls one service and renders.
#include "common.hpp"

namespace cartero::webui {
namespace {

std::string returns_json(Database& db, const returns::ReturnFilter& f) {
  JsonWriter j;
  j.begin_array();
  returns::for_each_return(db, f, [&](const returns::ReturnRow& row) {
    write_return(j, row);
  });
  j.end_array();
  return j.str();
}

}  // namespace


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
  // The observation a person typed from the courier's handwriting.
  const auto observation = optional_text(body, "observation");
  const std::string reason = optional_text(body, "reason").value_or("");
  if (!cause && !letter && !observation) throw HttpError(400, "Indique la causal, la carta o la observación corregida.");
  if (reason.empty()) throw HttpError(400, "Escriba el motivo de la corrección.");
  JsonWriter after;
  after.begin_object();
  if (cause) after.key("cause").value(cause_info(*cause).code);
  if (letter) after.key("letter_id").value(*letter);
  if (observation) after.key("observation").value(*observation);
  after.key("reason").value(reason).end_object();
  audited(db, s.user.name, "return.correct", std::to_string(id), [&] {
    returns::correct_return(db, id, cause, letter, reason, s.user.name, returns::current_return_settings(db).routing,
                            observation);
    return Change{"null", after.str()};
  });
  return {200, "{\"return_id\":" + std::to_string(id) + ",\"corrected\":true}", ""};
}

// A registered return voided from the register, with its reason: kept in
// the register marked voided, the cases it opened and nobody worked closed.
Reply post_return_void(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::office, Role::analyst, Role::admin});
  r.require_csrf();
  const auto id = id_of(r.path[2]);
  const std::string reason = optional_text(r.json(), "reason").value_or("");
  returns::Voided voided;
  audited(db, s.user.name, "return.void", std::to_string(id), [&] {
    Change change{returns::return_snapshot(db, id), ""};
    voided = returns::void_return(db, id, reason, s.user.name);
    change.after_json = returns::return_snapshot(db, id);
    return change;
  });
  JsonWriter j;
  j.begin_object().key("return_id").value(id).key("voided").value(true).key("cases_closed").begin_array();
  for (const auto c : voided.cases_closed) j.value(c);
  j.end_array().end_object();
  return {200, j.str()};
}

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
  if (const auto asked = requested_sort(r, {"number", "letter", "zone", "cause", "returned_on", "registered_by", "source"})) {
    f.sort = {static_cast<returns::ReturnSort::Key>(asked->key), asked->descending};
  }
  f.offset = std::max<std::int64_t>(query_number(r, "offset").value_or(0), 0);
  if (const auto format = wanted_export(r, db)) {
    return export_download(services, "registro-devoluciones", *format,
                           [&](const std::string& path) { returns::write_returns_csv(db, f, path, *format); });
  }
  // Kept while the register is unchanged: everyone's first page is the same query.
  const std::string key = f.cause + '\x1f' + f.zone + '\x1f' + f.source + '\x1f' + f.text + '\x1f' + f.from + '\x1f' + f.to + '\x1f' +
                          std::to_string(f.before_id.value_or(0)) + '\x1f' + std::to_string(f.limit) + '\x1f' +
                          std::to_string(static_cast<int>(f.sort.key)) + (f.sort.descending ? "d" : "a") + std::to_string(f.offset);
  const auto state = returns::returns_state(db);
  Reply reply{200, *services.caches->returns_json.get(key, state, [&] { return returns_json(db, f); })};
  // The whole list's length, for "Ver más" (counted when the register changed or the filter differs).
  reply.headers.emplace_back("X-Total-Count", *services.caches->returns_json.get(key + "\x1fcount", state, [&] {
    returns::ReturnFilter all = f;
    all.before_id.reset();
    all.offset = 0;
    return std::to_string(returns::count_returns(db, all));
  }));
  return reply;
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

// What the courier wrote on the observation lines of a return's scanned page (PNG).
Reply get_return_observation(Request& r, Database& db, Services&) {
  r.require({Role::office, Role::analyst, Role::admin, Role::billing});
  const auto png = returns::return_observation(db, id_of(r.path[2]));
  if (!png) throw HttpError(404, "Esa devolución no tiene observación escrita en la página escaneada.");
  return {200, "", "", *png};
}

}  // namespace cartero::webui
