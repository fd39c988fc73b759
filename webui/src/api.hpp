// Private: the JSON API's routes. Each handler parses, calls one service and
// renders JSON; it returns the status and the body.
#pragma once

#include <string>
#include <utility>

#include "cartero/core/database.hpp"
#include "http.hpp"

namespace cartero::webui {

struct Reply {
  int status = 200;
  std::string json;
  std::string set_cookie;  // a Set-Cookie value, when the session changes
};

class ScanJobs;

// What handlers share besides the database: the background scan jobs and
// where uploads go.
struct Services {
  ScanJobs& scan_jobs;
  std::string upload_dir;
};

// Routes an /api/ request; HttpError 404 for an unknown path or method.
Reply handle_api(Request& request, Database& db, Services& services);

}  // namespace cartero::webui
