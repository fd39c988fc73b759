#include "cartero/access/audit.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "cartero/core/date.hpp"
#include "cartero/core/sql.hpp"
#include "store.hpp"

namespace cartero::access {

std::string system_user() {
  if (const char* u = std::getenv("USER"); u && *u) return u;
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) return pw->pw_name;
  return "unknown";
}

void audit(Database& db, const std::string& user, const std::string& action, const std::string& target,
           const std::string& before_json, const std::string& after_json) {
  store::insert_audit(db, {0, now_utc_iso(), user, action, target, before_json.empty() ? "null" : before_json,
                           after_json.empty() ? "null" : after_json});
}

void audited(Database& db, const std::string& user, const std::string& action, const std::string& target,
             const std::function<Change()>& write) {
  sql::Transaction tx(db);
  const Change change = write();
  audit(db, user, action, target, change.before_json, change.after_json);
  tx.commit();
}

std::vector<AuditEntry> audit_entries(Database& db, const std::string& user, std::int64_t limit,
                                      std::optional<std::int64_t> before_id, const std::string& action, AuditSort sort,
                                      std::int64_t offset) {
  return store::audit_entries(db, user, std::clamp<std::int64_t>(limit, 1, 1000),
                              before_id.value_or(std::numeric_limits<std::int64_t>::max()), action, sort,
                              std::max<std::int64_t>(offset, 0));
}

std::int64_t count_audit_entries(Database& db, const std::string& user, const std::string& action) {
  return store::count_audit_entries(db, user, action);
}

}  // namespace cartero::access
