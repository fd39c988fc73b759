#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cartero/access/audit.hpp"
#include "cartero/access/users.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "commands.hpp"

namespace cartero::app {

namespace {

std::string read_password() {
  std::string line;
  if (!std::getline(std::cin, line)) throw InputError("user: type the password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::vector<std::string> split_zones(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

// `cartero user add NAME --role R [--zones Z1,Z2]`, `user passwd NAME`
// (the password on standard input), `user list` (one JSON line per user).
// Needs only the access library, not the web server.
int run_user(const Context& ctx, Args& args) {
  const auto role = args.option("--role");
  const auto zones = args.option("--zones");
  const auto pos = args.positionals();
  auto db = Database::open(ctx.db_uri);
  if (pos.size() == 1 && pos[0] == "list") {
    for (const auto& u : access::list_users(*db)) {
      std::string z;
      for (const auto& zone : u.zones) z += (z.empty() ? "" : ",") + zone;
      JsonWriter j;
      j.begin_object().key("name").value(u.name).key("role").value(access::code(u.role)).key("zones").value(z);
      j.key("disabled").value(u.disabled).end_object();
      std::printf("%s\n", j.str().c_str());
    }
    return 0;
  }
  if (pos.size() == 2 && pos[0] == "add") {
    const auto r = role ? access::parse_role(*role) : std::nullopt;
    if (!r) throw InputError("user add: --role must be admin, analyst, office, field, billing or supervisor");
    const access::User user{pos[1], *r, zones ? split_zones(*zones) : std::vector<std::string>{}};
    const std::string password = read_password();
    access::audited(*db, ctx.user, "user.add", pos[1], [&] {
      access::add_user(*db, user, password);
      return access::Change{"null", access::to_json(user)};
    });
    std::printf("{\"user\":%s,\"added\":true}\n", json_quote(pos[1]).c_str());
    return 0;
  }
  if (pos.size() == 2 && pos[0] == "passwd") {
    const std::string password = read_password();
    access::audited(*db, ctx.user, "user.passwd", pos[1], [&] {
      const auto before = access::find_user(*db, pos[1]);
      access::set_password(*db, pos[1], password);
      const std::string json = before ? access::to_json(*before) : "null";
      return access::Change{json, json.substr(0, json.size() - 1) + ",\"password\":\"changed\"}"};
    });
    std::printf("{\"user\":%s,\"password_changed\":true}\n", json_quote(pos[1]).c_str());
    return 0;
  }
  if (pos.size() == 2 && pos[0] == "unlock") {
    std::int64_t removed = 0;
    access::audited(*db, ctx.user, "user.unlock", pos[1], [&] {
      removed = access::unlock_user(*db, pos[1]);
      return access::Change{"{\"locked\":true}", "{\"locked\":false,\"failures_forgotten\":" + std::to_string(removed) + "}"};
    });
    std::printf("{\"user\":%s,\"unlocked\":true,\"failures_forgotten\":%lld}\n", json_quote(pos[1]).c_str(),
                static_cast<long long>(removed));
    return 0;
  }
  throw InputError("usage: cartero user add NAME --role ROLE [--zones Z1,Z2] | user passwd NAME | user list | user unlock NAME"
                   "  (passwords on stdin)");
}

}  // namespace cartero::app
