#include "cartero/access/users.hpp"

#include <algorithm>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <ctime>

#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/text.hpp"
#include "store.hpp"

namespace cartero::access {

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
  if (password.size() < 8) throw InputError(ErrorCode::password_too_short, "the password must have at least 8 characters");
}

}  // namespace

std::string_view code(Role r) {
  switch (r) {
    case Role::admin: return "admin";
    case Role::analyst: return "analyst";
    case Role::office: return "office";
    case Role::field: return "field";
    case Role::billing: return "billing";
    case Role::supervisor: return "supervisor";
  }
  return "";
}

std::optional<Role> parse_role(std::string_view text) {
  for (auto r : {Role::admin, Role::analyst, Role::office, Role::field, Role::billing, Role::supervisor}) {
    if (text == code(r)) return r;
  }
  return std::nullopt;
}

bool may_approve(Role r) { return r == Role::admin || r == Role::supervisor; }

std::string to_json(const User& u) {
  JsonWriter j;
  j.begin_object().key("name").value(u.name).key("role").value(code(u.role)).key("zones").begin_array();
  for (const auto& z : u.zones) j.value(z);
  j.end_array().key("disabled").value(u.disabled).end_object();
  return j.str();
}

void add_user(Database& db, const User& u, const std::string& password) {
  if (trim(u.name).empty()) throw InputError(ErrorCode::user_needs_name, "a user needs a name");
  check_password(password);
  sql::Transaction tx(db);
  if (store::user_exists(db, u.name)) throw InputError(ErrorCode::user_exists, "user " + u.name + " already exists", {{"user", u.name}});
  const std::string salt = random_hex(16);
  User stored = u;
  stored.disabled = false;
  store::insert_user(db, stored, pbkdf2(password, salt, k_iterations), salt, k_iterations);
  tx.commit();
}

void set_password(Database& db, const std::string& name, const std::string& password) {
  check_password(password);
  sql::Transaction tx(db);
  if (!store::user_exists(db, name)) throw InputError(ErrorCode::no_such_user, "there is no user " + name, {{"user", name}});
  const std::string salt = random_hex(16);
  store::update_password(db, name, pbkdf2(password, salt, k_iterations), salt, k_iterations);
  store::delete_sessions_of(db, name);
  tx.commit();
}

std::vector<User> list_users(Database& db) { return store::users(db); }

std::optional<User> find_user(Database& db, const std::string& name) {
  auto found = store::users(db, name);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

User update_user(Database& db, const User& u) {
  sql::Transaction tx(db);
  const auto before = find_user(db, u.name);
  if (!before) throw InputError(ErrorCode::no_such_user, "there is no user " + u.name, {{"user", u.name}});
  store::update_user(db, u);
  if (store::active_admins(db) == 0) throw InputError(ErrorCode::last_admin, "the change would leave no admin who can log in");
  store::delete_sessions_of(db, u.name);
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
  const auto since = iso_in(-k_window_seconds);
  store::prune_failures(db, since);
  if (store::recent_failures(db, name, address, since) >= k_max_failures ||
      store::recent_failures_from(db, address, since) >= k_max_address_failures) {
    tx.commit();  // the pruning
    return false;
  }
  store::insert_failure(db, name, address, now_utc_iso());
  tx.commit();
  return true;
}

}  // namespace

LoginResult login(Database& db, const std::string& name, const std::string& password, const std::string& address,
                  Session& session, int hours) {
  if (!reserve_attempt(db, name, address)) return LoginResult::throttled;
  // The slow hash is computed outside any transaction and after the row is
  // read: logins never hold a lock or a statement while hashing.
  const auto found = store::credentials(db, name);
  const bool right = found ? same(pbkdf2(password, found->salt, found->iterations), found->password_hash)
                           : (pbkdf2(password, "no-such-user", k_iterations), false);  // the same time either way
  if (!right) return LoginResult::wrong;  // the failure reserved stays
  session = {random_hex(32), random_hex(16), found->user};
  sql::Transaction tx(db);
  store::insert_session(db, session, now_utc_iso(), iso_in(hours * 3600L));
  store::clear_failures(db, name, address);
  tx.commit();
  return LoginResult::ok;
}

std::optional<Session> find_session(Database& db, const std::string& token) {
  if (token.empty()) return std::nullopt;
  return store::live_session(db, token, now_utc_iso());
}

void logout(Database& db, const std::string& token) { store::delete_session(db, token); }

std::vector<std::string> throttled_users(Database& db) {
  return store::users_with_failures(db, iso_in(-k_window_seconds), k_max_failures);
}

std::int64_t unlock_user(Database& db, const std::string& name) {
  sql::Transaction tx(db);
  sql::lock_exclusive(db, sql::k_lock_logins);
  if (store::users(db, name).empty()) throw InputError(ErrorCode::no_such_user, "there is no user " + name, {{"user", name}});
  const auto locked = throttled_users(db);
  if (std::find(locked.begin(), locked.end(), name) == locked.end()) {
    throw InputError(ErrorCode::user_not_locked, "user " + name + " is not throttled by failed logins", {{"user", name}});
  }
  const auto n = store::clear_user_failures(db, name);
  tx.commit();
  return n;
}

}  // namespace cartero::access
