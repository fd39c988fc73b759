// Private: the access library's SQL (users, sessions, login_failures,
// audit_log). Nothing else in Cartero reads or writes these tables.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cartero/access/audit.hpp"
#include "cartero/access/users.hpp"

namespace cartero::access::store {

struct Credentials {
  User user;
  std::string password_hash, salt;
  int iterations = 0;
};

bool user_exists(Database& db, const std::string& name);
void insert_user(Database& db, const User& u, const std::string& hash, const std::string& salt, int iterations);
void update_password(Database& db, const std::string& name, const std::string& hash, const std::string& salt, int iterations);
void update_user(Database& db, const User& u);
std::vector<User> users(Database& db, const std::optional<std::string>& name = std::nullopt);
std::int64_t active_admins(Database& db);
std::optional<Credentials> credentials(Database& db, const std::string& name);

std::int64_t recent_failures(Database& db, const std::string& name, const std::string& address, const std::string& since);
// Failures from `address` since `since`, whatever the user named.
std::int64_t recent_failures_from(Database& db, const std::string& address, const std::string& since);
// Forgets failures older than `before`.
void prune_failures(Database& db, const std::string& before);
void insert_failure(Database& db, const std::string& name, const std::string& address, const std::string& at);
void clear_failures(Database& db, const std::string& name, const std::string& address);
// Every failure of a user, from any address; how many were removed.
std::int64_t clear_user_failures(Database& db, const std::string& name);
// Users with at least `limit` failures since `since` from one address.
std::vector<std::string> users_with_failures(Database& db, const std::string& since, std::int64_t limit);
void insert_session(Database& db, const Session& s, const std::string& created_at, const std::string& expires_at);
std::optional<Session> live_session(Database& db, const std::string& token, const std::string& now);
void delete_session(Database& db, const std::string& token);
void delete_sessions_of(Database& db, const std::string& name);

void insert_audit(Database& db, const AuditEntry& e);
std::vector<AuditEntry> audit_entries(Database& db, const std::string& user, std::int64_t limit, std::int64_t before_id,
                                      const std::string& action, AuditSort sort, std::int64_t offset);
std::int64_t count_audit_entries(Database& db, const std::string& user, const std::string& action);

}  // namespace cartero::access::store
