// People who use Cartero: roles, passwords (PBKDF2-HMAC-SHA256, random
// salt, 200,000 iterations), server-side sessions with a CSRF token and
// login throttling. Depends only on core, so the command line (`cartero
// user`) and every folder can use it without the web server.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cartero/core/database.hpp"

namespace cartero::access {

// supervisor: reads what analysts read and approves batches before printing
// (never one they selected); does not import, select, print or dispatch.
enum class Role { admin, analyst, office, field, billing, supervisor };
// Who may approve a batch before printing: admin or supervisor.
bool may_approve(Role r);
std::string_view code(Role r);
std::optional<Role> parse_role(std::string_view text);

struct User {
  std::string name;
  Role role = Role::analyst;
  std::vector<std::string> zones;  // field staff: the zones they work
  bool disabled = false;           // cannot log in; kept for the audit log
};

// {"name", "role", "zones": [...], "disabled"} (core's JSON writer).
std::string to_json(const User& u);

// InputError: a name already taken, an empty or short password (< 8).
// The caller writes the audit line (it knows who did it), in its own
// transaction around this one when it wants them together.
void add_user(Database& db, const User& user, const std::string& password);
// InputError: unknown user, short password. The user's sessions end.
void set_password(Database& db, const std::string& name, const std::string& password);
std::vector<User> list_users(Database& db);
std::optional<User> find_user(Database& db, const std::string& name);
// Changes a user's role, zones and whether they may log in; their open
// sessions end, so the change takes effect at once. Returns the user as they
// were (for the audit line). InputError: unknown user (no_such_user), or the
// change would leave no admin who can log in (last_admin).
User update_user(Database& db, const User& user);

struct Session {
  std::string token;  // the cookie's value
  std::string csrf;   // to send back in X-CSRF-Token on every write
  User user;
};

enum class LoginResult { ok, wrong, throttled };

// Checks the password; on success opens a session of `hours`. Five failures
// for a user from one address, or twenty from one address whatever the
// user, within 15 minutes throttle further tries (without hashing). The
// count and the record of an attempt are one step, so parallel tries cannot
// pass the limit; failures older than the window are pruned.
LoginResult login(Database& db, const std::string& name, const std::string& password, const std::string& address,
                  Session& session, int hours = 8);
// The live session of a token, if any.
std::optional<Session> find_session(Database& db, const std::string& token);
void logout(Database& db, const std::string& token);

// The users throttled now: five failures or more from one address within
// the window (by name).
std::vector<std::string> throttled_users(Database& db);
// An admin lifts a user's throttling: every recorded failure of the user is
// forgotten (an address's own limit, twenty failures whatever the user,
// stays). Returns how many failures were removed. InputError: unknown user
// (no_such_user), a user not throttled (user_not_locked).
std::int64_t unlock_user(Database& db, const std::string& name);

}  // namespace cartero::access
