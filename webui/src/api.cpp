#include "api.hpp"

#include "routes/routes.hpp"

namespace cartero::webui {

namespace {

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
      {"GET", {"api", "accounts"}, get_accounts},
      {"POST", {"api", "returns", "*", "void"}, post_return_void},
      {"POST", {"api", "cases", "*", "reopen"}, post_case_reopen},
      {"POST", {"api", "review", "*", "undo"}, post_review_undo},
      {"POST", {"api", "users", "*", "unlock"}, post_user_unlock},
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
      // Campaign and proof (routes/campaign.cpp).
      {"GET", {"api", "batches", "*", "brief"}, get_batch_brief},
      {"POST", {"api", "batches", "*", "approve"}, post_batch_approve},
      {"GET", {"api", "batches", "*", "effectiveness"}, get_batch_effectiveness},
      {"GET", {"api", "reports", "quality"}, get_report_quality},
      {"GET", {"api", "reports", "bureau"}, get_report_bureau},
      {"POST", {"api", "accounts", "*", "certificate"}, post_account_certificate},
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
