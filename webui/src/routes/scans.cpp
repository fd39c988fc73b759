// The API's scans routes: each handler parses the request, calls one service and renders.
#include "common.hpp"

namespace cartero::webui {

Reply post_scans(Request& r, Database&, Services& services) {
  const auto& s = r.require({Role::office, Role::analyst, Role::admin});
  r.require_csrf();
  const auto files = receive_files(r.raw, services.upload_dir + "/scans", {services.max_upload_bytes, true});
  if (files.empty()) throw HttpError(400, "No llegó ningún archivo.");
  const auto job = services.scan_jobs.start(files, s.user.name);
  return {202, "{\"job\":" + std::to_string(job) + ",\"files\":" + std::to_string(files.size()) + "}", ""};
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

Reply get_review(Request& r, Database& db, Services&) {
  r.require({Role::office, Role::analyst, Role::admin});
  return {200, review_json(returns::review_queue(db))};
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
    return_id = returns::confirm_review(db, page, *letter, cause, s.user.name, routing,
                                        optional_text(body, "observation").value_or(""));
    change.after_json = returns::return_snapshot(db, return_id);
    return change;
  });
  return {200, "{\"return_id\":" + std::to_string(return_id) + "}", ""};
}

// "Deshacer" after a confirmation: the return it registered voided, the
// page back in the review queue.
Reply post_review_undo(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::office, Role::analyst, Role::admin});
  r.require_csrf();
  const auto page = id_of(r.path[2]);
  std::int64_t return_id = 0;
  audited(db, s.user.name, "review.undo", std::to_string(page), [&] {
    Change change{returns::scan_page_snapshot(db, page), ""};
    return_id = returns::undo_review(db, page, s.user.name);
    change.after_json = returns::scan_page_snapshot(db, page);
    return change;
  });
  return {200, "{\"page\":" + std::to_string(page) + ",\"voided_return\":" + std::to_string(return_id) + "}"};
}

Reply get_review_crop(Request& r, Database& db, Services&) {
  r.require({Role::office, Role::analyst, Role::admin});
  const std::string which = r.path[3];
  if (which != "code" && which != "panel") throw HttpError(404, "No existe ese recorte.");
  const auto file = returns::review_crop(db, id_of(r.path[2]), which == "code");
  if (!file) throw HttpError(404, "Esa página no tiene recortes.");
  return {200, "", "", *file};
}

// The whole page of a page in review, next to its crops (PNG).
Reply get_review_page(Request& r, Database& db, Services&) {
  r.require({Role::office, Role::analyst, Role::admin});
  const auto png = returns::page_image(db, id_of(r.path[2]));
  if (!png) throw HttpError(404, "No existe esa página escaneada.");
  return {200, "", "", *png};
}

}  // namespace cartero::webui
