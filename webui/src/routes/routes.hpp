// Private: the API's handlers, one file per resource under routes/ (their
// table is in api.cpp). A handler parses the request, calls one service and
// renders its result (render.cpp).
#pragma once

#include "../api.hpp"

namespace cartero::webui {

Reply post_login(Request& r, Database& db, Services& services);
Reply post_logout(Request& r, Database& db, Services& services);
Reply get_me(Request& r, Database& db, Services& services);
Reply get_causes(Request& r, Database& db, Services& services);
Reply get_labels(Request& r, Database& db, Services& services);
Reply get_brand(Request& r, Database& db, Services& services);
Reply get_batches(Request& r, Database& db, Services& services);
Reply get_batch(Request& r, Database& db, Services& services);
Reply post_batch(Request& r, Database& db, Services& services);
Reply post_batch_preview(Request& r, Database& db, Services& services);
Reply post_batch_letters(Request& r, Database& db, Services& services);
Reply get_batch_file(Request& r, Database& db, Services& services);
Reply post_batch_dispatch(Request& r, Database& db, Services& services);
Reply get_batch_list(Request& r, Database& db, Services& services);
Reply post_batch_discard(Request& r, Database& db, Services& services);
Reply post_return_correction(Request& r, Database& db, Services& services);
Reply post_import(Request& r, Database& db, Services& services);
Reply post_import_undo(Request& r, Database& db, Services& services);
Reply get_import_columns(Request& r, Database& db, Services& services);
Reply get_import_template(Request& r, Database& db, Services& services);
Reply get_account(Request& r, Database& db, Services& services);
Reply get_accounts(Request& r, Database& db, Services& services);
Reply post_return_void(Request& r, Database& db, Services& services);
Reply post_case_reopen(Request& r, Database& db, Services& services);
Reply post_review_undo(Request& r, Database& db, Services& services);
Reply post_user_unlock(Request& r, Database& db, Services& services);
Reply post_scans(Request& r, Database& db, Services& services);
Reply get_scan_jobs(Request& r, Database& db, Services& services);
Reply get_scan_job(Request& r, Database& db, Services& services);
Reply get_review(Request& r, Database& db, Services& services);
Reply post_review(Request& r, Database& db, Services& services);
Reply get_review_crop(Request& r, Database& db, Services& services);
Reply get_review_page(Request& r, Database& db, Services& services);
Reply get_returns(Request& r, Database& db, Services& services);
Reply get_return_image(Request& r, Database& db, Services& services);
Reply get_return_observation(Request& r, Database& db, Services& services);
Reply get_field_list(Request& r, Database& db, Services& services);
Reply get_field_sheet(Request& r, Database& db, Services& services);
Reply get_billing_cases(Request& r, Database& db, Services& services);
Reply post_field_outcome(Request& r, Database& db, Services& services);
Reply post_billing_decision(Request& r, Database& db, Services& services);
Reply get_report_cases(Request& r, Database& db, Services& services);
Reply get_report_batches(Request& r, Database& db, Services& services);
Reply get_zones(Request& r, Database& db, Services& services);
Reply get_settings(Request& r, Database& db, Services& services);
Reply put_settings(Request& r, Database& db, Services& services);
Reply get_users(Request& r, Database& db, Services& services);
Reply post_user(Request& r, Database& db, Services& services);
Reply put_user(Request& r, Database& db, Services& services);
Reply post_user_password(Request& r, Database& db, Services& services);
Reply get_audit(Request& r, Database& db, Services& services);

// Campaign and proof (routes/campaign.cpp).
Reply get_batch_brief(Request& r, Database& db, Services& services);
Reply post_batch_approve(Request& r, Database& db, Services& services);
Reply get_batch_effectiveness(Request& r, Database& db, Services& services);
Reply get_report_quality(Request& r, Database& db, Services& services);
Reply get_report_bureau(Request& r, Database& db, Services& services);
Reply post_account_certificate(Request& r, Database& db, Services& services);

// One route of the API: "*" in a pattern matches one path segment.
using Handler = Reply (*)(Request&, Database&, Services&);
struct Route {
  const char* method;
  std::vector<std::string> pattern;
  Handler handler;
};

}  // namespace cartero::webui
