#include "store.hpp"

#include "cartero/core/date.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/text.hpp"

namespace cartero::access::store {

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> split(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const auto comma = s.find(',');
    const auto part = trim(s.substr(0, comma));
    if (!part.empty()) out.emplace_back(part);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

// name, role, zones[, disabled]
User user_from(const sql::Row& r, bool with_disabled) {
  User u{std::string(r.text(0)), parse_role(r.text(1)).value_or(Role::office), split(r.text(2))};
  if (with_disabled) u.disabled = r.int64(3) != 0;
  return u;
}

}  // namespace

bool user_exists(Database& db, const std::string& name) {
  return sql::scalar(db, "SELECT name FROM users WHERE name = ?", {name}).has_value();
}

void insert_user(Database& db, const User& u, const std::string& hash, const std::string& salt, int iterations) {
  sql::exec(db,
            "INSERT INTO users (name, role, zones, password_hash, salt, iterations, created_at, disabled) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {u.name, std::string(code(u.role)), join(u.zones), hash, salt, std::to_string(iterations), now_utc_iso(),
             u.disabled ? "1" : "0"});
}

void update_password(Database& db, const std::string& name, const std::string& hash, const std::string& salt, int iterations) {
  sql::exec(db, "UPDATE users SET password_hash = ?, salt = ?, iterations = ? WHERE name = ?",
            {hash, salt, std::to_string(iterations), name});
}

void update_user(Database& db, const User& u) {
  sql::exec(db, "UPDATE users SET role = ?, zones = ?, disabled = ? WHERE name = ?",
            {std::string(code(u.role)), join(u.zones), u.disabled ? "1" : "0", u.name});
}

std::vector<User> users(Database& db, const std::optional<std::string>& name) {
  std::vector<User> out;
  const auto on_row = [&](const sql::Row& r) { out.push_back(user_from(r, true)); };
  if (name) {
    sql::for_each_row(db, "SELECT name, role, zones, disabled FROM users WHERE name = ?", {*name}, on_row);
  } else {
    sql::for_each_row(db, "SELECT name, role, zones, disabled FROM users ORDER BY name", {}, on_row);
  }
  return out;
}

std::int64_t active_admins(Database& db) {
  return std::stoll(sql::scalar(db, "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0").value_or("0"));
}

std::optional<Credentials> credentials(Database& db, const std::string& name) {
  std::optional<Credentials> c;
  sql::for_each_row(db, "SELECT name, role, zones, password_hash, salt, iterations FROM users WHERE name = ? AND disabled = 0", {name},
                    [&](const sql::Row& r) {
                      c = Credentials{user_from(r, false), std::string(r.text(3)), std::string(r.text(4)), static_cast<int>(r.int64(5))};
                    });
  return c;
}

std::int64_t recent_failures(Database& db, const std::string& name, const std::string& address, const std::string& since) {
  return std::stoll(sql::scalar(db, "SELECT COUNT(*) FROM login_failures WHERE user_name = ? AND address = ? AND failed_at >= ?",
                                {name, address, since})
                        .value_or("0"));
}

std::int64_t recent_failures_from(Database& db, const std::string& address, const std::string& since) {
  return std::stoll(sql::scalar(db, "SELECT COUNT(*) FROM login_failures WHERE address = ? AND failed_at >= ?", {address, since}).value_or("0"));
}

void prune_failures(Database& db, const std::string& before) {
  sql::exec(db, "DELETE FROM login_failures WHERE failed_at < ?", {before});
}

void insert_failure(Database& db, const std::string& name, const std::string& address, const std::string& at) {
  sql::exec(db, "INSERT INTO login_failures (user_name, address, failed_at) VALUES (?, ?, ?)", {name, address, at});
}

void clear_failures(Database& db, const std::string& name, const std::string& address) {
  sql::exec(db, "DELETE FROM login_failures WHERE user_name = ? AND address = ?", {name, address});
}

std::int64_t clear_user_failures(Database& db, const std::string& name) {
  const auto n = std::stoll(sql::scalar(db, "SELECT COUNT(*) FROM login_failures WHERE user_name = ?", {name}).value_or("0"));
  sql::exec(db, "DELETE FROM login_failures WHERE user_name = ?", {name});
  return n;
}

std::vector<std::string> users_with_failures(Database& db, const std::string& since, std::int64_t limit) {
  std::vector<std::string> out;
  sql::for_each_row(db,
                    "SELECT DISTINCT user_name FROM login_failures WHERE failed_at >= ? GROUP BY user_name, address "
                    "HAVING COUNT(*) >= " + std::to_string(limit) + " ORDER BY user_name",
                    {since}, [&](const sql::Row& r) { out.emplace_back(r.text(0)); });
  return out;
}

void insert_session(Database& db, const Session& s, const std::string& created_at, const std::string& expires_at) {
  sql::exec(db, "INSERT INTO sessions (token, user_name, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            {s.token, s.user.name, s.csrf, created_at, expires_at});
}

std::optional<Session> live_session(Database& db, const std::string& token, const std::string& now) {
  std::optional<Session> s;
  sql::for_each_row(db,
                    "SELECT u.name, u.role, u.zones, s.csrf FROM sessions s JOIN users u ON u.name = s.user_name "
                    "WHERE s.token = ? AND s.expires_at > ? AND u.disabled = 0",
                    {token, now}, [&](const sql::Row& r) { s = Session{token, std::string(r.text(3)), user_from(r, false)}; });
  return s;
}

void delete_session(Database& db, const std::string& token) { sql::exec(db, "DELETE FROM sessions WHERE token = ?", {token}); }

void delete_sessions_of(Database& db, const std::string& name) {
  sql::exec(db, "DELETE FROM sessions WHERE user_name = ?", {name});
}

void insert_audit(Database& db, const AuditEntry& e) {
  sql::exec(db, "INSERT INTO audit_log (at, user_name, action, target, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)",
            {e.at, e.user, e.action, e.target, e.before_json, e.after_json});
}

namespace {

// The user without regard to case, the action by its first words
// ("login" finds login, login.failed and login.throttled); LIKE's wildcards
// in what was typed are text.
std::string audit_where(const std::string& user, const std::string& action, std::vector<std::string>& params) {
  std::string pattern = like_contains(action);
  pattern.erase(0, 1);  // a prefix
  params = {user, user, action, pattern};
  return "(? = '' OR LOWER(user_name) = LOWER(?)) AND (? = '' OR action LIKE ? ESCAPE '\\')";
}

}  // namespace

std::int64_t count_audit_entries(Database& db, const std::string& user, const std::string& action) {
  std::vector<std::string> params;
  const std::string where = audit_where(user, action, params);
  return std::stoll(sql::scalar(db, "SELECT COUNT(*) FROM audit_log WHERE " + where, params).value_or("0"));
}

std::vector<AuditEntry> audit_entries(Database& db, const std::string& user, std::int64_t limit, std::int64_t before_id,
                                      const std::string& action, AuditSort sort, std::int64_t offset) {
  std::vector<AuditEntry> out;
  std::vector<std::string> params;
  std::string where = audit_where(user, action, params);
  std::string order = " ORDER BY id DESC LIMIT " + std::to_string(limit);
  if (sort.is_default()) {
    where += " AND id < ?";
    params.push_back(std::to_string(before_id));
  } else {
    // A column of the whitelist, never text from the client.
    const char* column = sort.key == AuditSort::Key::user ? "LOWER(user_name)" : sort.key == AuditSort::Key::action ? "action" : "id";
    const char* direction = sort.descending ? " DESC" : "";
    order = std::string(" ORDER BY ") + column + direction + ", id" + direction + " LIMIT " + std::to_string(limit) + " OFFSET " +
            std::to_string(offset);
  }
  sql::for_each_row(db,
                    "SELECT id, at, user_name, action, target, before_json, after_json FROM audit_log "
                    "WHERE " + where + order,
                    params, [&](const sql::Row& r) {
                      out.push_back({r.int64(0), std::string(r.text(1)), std::string(r.text(2)), std::string(r.text(3)),
                                     std::string(r.text(4)), std::string(r.text(5)), std::string(r.text(6))});
                    });
  return out;
}

}  // namespace cartero::access::store
