// The audit log: who did what, on what, with the values before and after.
// Every write of the command line and of the web UI is recorded in the same
// transaction as the write itself, so a write that fails leaves no line and
// a line never names a write that did not happen.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cartero/core/database.hpp"

namespace cartero::access {

// The user of the command line when `--user` is not given: $USER, else the
// system's name for this process's user, else "unknown".
std::string system_user();

// Records a write inside the caller's transaction: who, what, on what,
// before and after (JSON texts; "null" for what did not exist).
void audit(Database& db, const std::string& user, const std::string& action, const std::string& target,
           const std::string& before_json, const std::string& after_json);

// What an audited write changed, as JSON texts.
struct Change {
  std::string before_json = "null";
  std::string after_json = "null";
};

// Runs `write` and records its audit line in one transaction: the services
// `write` calls open their own transactions, which become part of this one.
// When `write` throws, nothing of it and no line is kept.
void audited(Database& db, const std::string& user, const std::string& action, const std::string& target,
             const std::function<Change()>& write);

struct AuditEntry {
  std::int64_t id = 0;
  std::string at, user, action, target, before_json, after_json;
};
// The audit log, newest first: at most `limit` entries numbered below
// `before_id` (the next page), of one user when `user` is not empty.
// `user` without regard to case; `action`, when given, the actions starting
// with it ("login" finds login, login.failed and login.throttled).
// In another order than newest first (`sort`), `before_id` is not used and
// the page starts after `offset` entries.
struct AuditSort {
  enum class Key { at, user, action };
  Key key = Key::at;
  bool descending = true;
  bool is_default() const { return key == Key::at && descending; }
};
std::vector<AuditEntry> audit_entries(Database& db, const std::string& user, std::int64_t limit,
                                      std::optional<std::int64_t> before_id, const std::string& action = "",
                                      AuditSort sort = {}, std::int64_t offset = 0);
// How many entries those filters find (for the list's total).
std::int64_t count_audit_entries(Database& db, const std::string& user, const std::string& action = "");

}  // namespace cartero::access
