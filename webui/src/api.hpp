// Private: the JSON API's routes. Each handler parses, calls one service and
// renders JSON; it returns the status and the body.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/returns/cases.hpp"
#include "cartero/returns/lists.hpp"
#include "cartero/returns/reports.hpp"
#include "cartero/returns/scan_jobs.hpp"
#include "cartero/selection/account_words.hpp"
#include "http.hpp"
#include "state_cache.hpp"

namespace cartero::webui {

struct Reply {
  Reply(int s, std::string j, std::string cookie = "", std::string f = "")
      : status(s), json(std::move(j)), set_cookie(std::move(cookie)), file(std::move(f)) {}
  int status = 200;
  std::string json;
  std::string set_cookie;  // a Set-Cookie value, when the session changes
  std::string file;        // instead of JSON: a file to send (an image)
  std::string download_name;  // the file is an attachment with this name (exports)
  bool remove_file = false;   // the file was made for this reply: removed once sent
  std::vector<std::pair<std::string, std::string>> headers;  // more response headers (X-Total-Count)
};


// The reports, the register list and the work lists as last computed, each
// under the database state it was computed at (returns::returns_state).
struct Caches {
  StateCache<std::vector<returns::BatchReport>> batch_reports;
  StateCache<std::vector<returns::CaseAge>> case_ages;
  StateCache<std::vector<returns::Case>> field_lists;
  StateCache<std::vector<returns::Case>> billing_list;
  StateCache<std::string> returns_json;
  StateCache<std::vector<returns::ZoneSummary>> zones;
};

// What handlers share besides the database: the background scan jobs and
// where uploads go.
struct Services {
  returns::ScanJobs& scan_jobs;
  std::string upload_dir;
  std::string letters_dir;  // where each batch's letters are written (batch-N/)
  std::int64_t max_upload_bytes = 512LL * 1024 * 1024;  // one upload, all its files
  std::shared_ptr<Caches> caches = std::make_shared<Caches>();
  // Writes the account words after an accounts import, in the background
  // (the server's); none: a search writes missing words itself.
  selection::AccountWordsWriter* account_words = nullptr;
};

// Routes an /api/ request; HttpError 404 for an unknown path or method.
Reply handle_api(Request& request, Database& db, Services& services);

}  // namespace cartero::webui
