#include "cartero/webui/users.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <ctime>
#include <limits>

#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/text.hpp"

namespace cartero::webui {

namespace {

constexpr int k_iterations = 200000;
constexpr int k_max_failures = 5;           // per user and address
constexpr int k_max_address_failures = 20;  // per address, whatever the user names
constexpr long k_window_seconds = 15 * 60;

std::string hex(const unsigned char* data, std::size_t n) {
  static const char* k_digits = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(k_digits[data[i] >> 4]);
    out.push_back(k_digits[data[i] & 15]);
  }
  return out;
}

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  if (RAND_bytes(buf.data(), static_cast<int>(bytes)) != 1) throw InternalError("no random bytes from OpenSSL");
  return hex(buf.data(), bytes);
}

std::string pbkdf2(const std::string& password, const std::string& salt, int iterations) {
  unsigned char out[32];
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(), sizeof out, out) != 1) {
    throw InternalError("PBKDF2 failed");
  }
  return hex(out, sizeof out);
}

// Compares without leaking where the texts differ.
bool same(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string iso_in(long seconds) {
  const std::time_t t = std::time(nullptr) + seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void check_password(const std::string& password) {
  if (password.size() < 8) throw InputError("the password must have at least 8 characters");
}

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

User user_from(const sql::Row& r) {
  return {std::string(r.text(0)), parse_role(r.text(1)).value_or(Role::office), split(r.text(2))};
}

}  // namespace

std::string_view code(Role r) {
  switch (r) {
    case Role::admin: return "admin";
    case Role::analyst: return "analyst";
    case Role::office: return "office";
    case Role::field: return "field";
    case Role::billing: return "billing";
  }
  return "";
}

std::optional<Role> parse_role(std::string_view text) {
  for (auto r : {Role::admin, Role::analyst, Role::office, Role::field, Role::billing}) {
    if (text == code(r)) return r;
  }
  return std::nullopt;
}

void add_user(Database& db, const User& u, const std::string& password) {
  if (trim(u.name).empty()) throw InputError("a user needs a name");
  check_password(password);
  sql::Transaction tx(db);
  if (sql::scalar(db, "SELECT name FROM users WHERE name = ?", {u.name})) throw InputError("user " + u.name + " already exists");
  const std::string salt = random_hex(16);
  sql::exec(db, "INSERT INTO users (name, role, zones, password_hash, salt, iterations, created_at, disabled) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
            {u.name, std::string(code(u.role)), join(u.zones), pbkdf2(password, salt, k_iterations), salt,
             std::to_string(k_iterations), now_utc_iso()});
  tx.commit();
}

void set_password(Database& db, const std::string& name, const std::string& password) {
  check_password(password);
  sql::Transaction tx(db);
  if (!sql::scalar(db, "SELECT name FROM users WHERE name = ?", {name})) throw InputError("there is no user " + name);
  const std::string salt = random_hex(16);
  sql::exec(db, "UPDATE users SET password_hash = ?, salt = ?, iterations = ? WHERE name = ?",
            {pbkdf2(password, salt, k_iterations), salt, std::to_string(k_iterations), name});
  sql::exec(db, "DELETE FROM sessions WHERE user_name = ?", {name});
  tx.commit();
}

std::vector<User> list_users(Database& db) {
  std::vector<User> out;
  sql::for_each_row(db, "SELECT name, role, zones, disabled FROM users ORDER BY name", {}, [&](const sql::Row& r) {
    out.push_back(user_from(r));
    out.back().disabled = r.int64(3) != 0;
  });
  return out;
}

User update_user(Database& db, const User& u) {
  sql::Transaction tx(db);
  std::optional<User> before;
  sql::for_each_row(db, "SELECT name, role, zones, disabled FROM users WHERE name = ?", {u.name},
                    [&](const sql::Row& r) {
                      before = user_from(r);
                      before->disabled = r.int64(3) != 0;
                    });
  if (!before) throw InputError("there is no user " + u.name);
  sql::exec(db, "UPDATE users SET role = ?, zones = ?, disabled = ? WHERE name = ?",
            {std::string(code(u.role)), join(u.zones), u.disabled ? "1" : "0", u.name});
  const auto admins = sql::scalar(db, "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0");
  if (admins.value_or("0") == "0") throw InputError("the change would leave no admin who can log in");
  sql::exec(db, "DELETE FROM sessions WHERE user_name = ?", {u.name});
  tx.commit();
  return *before;
}

namespace {

// One login attempt's place, taken atomically before the password is
// hashed: failures older than the window are pruned, the user's failures
// from this address and all failures from this address are counted, and a
// failure is recorded at once (removed again if the password is right). So
// 128 wrong passwords sent at the same moment get exactly five checked.
bool reserve_attempt(Database& db, const std::string& name, const std::string& address) {
  sql::Transaction tx(db);
  sql::lock_exclusive(db, sql::k_lock_logins);
  sql::exec(db, "DELETE FROM login_failures WHERE failed_at < ?", {iso_in(-k_window_seconds)});
  const auto since = iso_in(-k_window_seconds);
  const auto of_user = sql::scalar(db, "SELECT COUNT(*) FROM login_failures WHERE user_name = ? AND address = ? AND failed_at >= ?",
                                   {name, address, since});
  const auto of_address = sql::scalar(db, "SELECT COUNT(*) FROM login_failures WHERE address = ? AND failed_at >= ?", {address, since});
  if (std::stoi(of_user.value_or("0")) >= k_max_failures || std::stoi(of_address.value_or("0")) >= k_max_address_failures) {
    tx.commit();  // the pruning
    return false;
  }
  sql::exec(db, "INSERT INTO login_failures (user_name, address, failed_at) VALUES (?, ?, ?)", {name, address, now_utc_iso()});
  tx.commit();
  return true;
}

}  // namespace

LoginResult login(Database& db, const std::string& name, const std::string& password, const std::string& address,
                  Session& session, int hours) {
  if (!reserve_attempt(db, name, address)) return LoginResult::throttled;
  // The slow hash is computed outside any transaction and after the row is
  // read: logins never hold a lock or a statement while hashing.
  std::optional<User> user;
  std::string hash, salt;
  int iterations = k_iterations;
  sql::for_each_row(db, "SELECT name, role, zones, password_hash, salt, iterations FROM users WHERE name = ? AND disabled = 0", {name},
                    [&](const sql::Row& r) {
                      user = user_from(r);
                      hash = r.text(3);
                      salt = r.text(4);
                      iterations = static_cast<int>(r.int64(5));
                    });
  const std::string computed = pbkdf2(password, user ? salt : std::string("no-such-user"), user ? iterations : k_iterations);
  if (!user || !same(computed, hash)) return LoginResult::wrong;  // the failure reserved stays
  session = {random_hex(32), random_hex(16), *user};
  sql::Transaction tx(db);
  sql::exec(db, "INSERT INTO sessions (token, user_name, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            {session.token, name, session.csrf, now_utc_iso(), iso_in(hours * 3600L)});
  sql::exec(db, "DELETE FROM login_failures WHERE user_name = ? AND address = ?", {name, address});
  tx.commit();
  return LoginResult::ok;
}

std::optional<Session> find_session(Database& db, const std::string& token) {
  if (token.empty()) return std::nullopt;
  std::optional<Session> s;
  sql::for_each_row(db,
                    "SELECT u.name, u.role, u.zones, s.csrf FROM sessions s JOIN users u ON u.name = s.user_name "
                    "WHERE s.token = ? AND s.expires_at > ? AND u.disabled = 0",
                    {token, now_utc_iso()}, [&](const sql::Row& r) { s = Session{token, std::string(r.text(3)), user_from(r)}; });
  return s;
}

void logout(Database& db, const std::string& token) { sql::exec(db, "DELETE FROM sessions WHERE token = ?", {token}); }

void audit(Database& db, const std::string& user, const std::string& action, const std::string& target,
           const std::string& before_json, const std::string& after_json) {
  sql::exec(db, "INSERT INTO audit_log (at, user_name, action, target, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)",
            {now_utc_iso(), user, action, target, before_json, after_json});
}

std::vector<AuditEntry> audit_entries(Database& db, const std::string& user, std::int64_t limit,
                                      std::optional<std::int64_t> before_id) {
  std::vector<AuditEntry> out;
  sql::for_each_row(db,
                    "SELECT id, at, user_name, action, target, before_json, after_json FROM audit_log "
                    "WHERE (? = '' OR user_name = ?) AND id < ? ORDER BY id DESC LIMIT " + std::to_string(std::clamp<std::int64_t>(limit, 1, 1000)),
                    {user, user, std::to_string(before_id.value_or(std::numeric_limits<std::int64_t>::max()))}, [&](const sql::Row& r) {
                      out.push_back({r.int64(0), std::string(r.text(1)), std::string(r.text(2)), std::string(r.text(3)),
                                     std::string(r.text(4)), std::string(r.text(5)), std::string(r.text(6))});
                    });
  return out;
}

}  // namespace cartero::webui
