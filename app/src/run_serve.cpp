#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <iostream>
#include <string>

#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/webui/server.hpp"
#include "cartero/webui/users.hpp"
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

std::string cli_user() {
  const char* u = std::getenv("USER");
  return std::string("cli:") + (u ? u : "unknown");
}

// `cartero user add NAME --role R [--zones Z1,Z2]`, `user passwd NAME`
// (the password on standard input), `user list`.
int run_user(const Context& ctx, Args& args) {
  const auto role = args.option("--role");
  const auto zones = args.option("--zones");
  const auto pos = args.positionals();
  auto db = Database::open(ctx.db_uri);
  if (pos.size() == 1 && pos[0] == "list") {
    for (const auto& u : webui::list_users(*db)) {
      std::string z;
      for (const auto& zone : u.zones) z += (z.empty() ? "" : ",") + zone;
      std::printf("{\"name\":\"%s\",\"role\":\"%s\",\"zones\":\"%s\"}\n", u.name.c_str(), std::string(webui::code(u.role)).c_str(), z.c_str());
    }
    return 0;
  }
  if (pos.size() == 2 && pos[0] == "add") {
    const auto r = role ? webui::parse_role(*role) : std::nullopt;
    if (!r) throw InputError("user add: --role must be admin, analyst, office, field or billing");
    webui::add_user(*db, {pos[1], *r, zones ? split_zones(*zones) : std::vector<std::string>{}}, read_password());
    webui::audit(*db, cli_user(), "user.add", pos[1], "{}", "{\"role\":\"" + *role + "\"}");
    std::printf("{\"user\":\"%s\",\"added\":true}\n", pos[1].c_str());
    return 0;
  }
  if (pos.size() == 2 && pos[0] == "passwd") {
    webui::set_password(*db, pos[1], read_password());
    webui::audit(*db, cli_user(), "user.passwd", pos[1], "{}", "{}");
    std::printf("{\"user\":\"%s\",\"password_changed\":true}\n", pos[1].c_str());
    return 0;
  }
  throw InputError("usage: cartero user add NAME --role ROLE [--zones Z1,Z2] | user passwd NAME | user list  (passwords on stdin)");
}

int run_serve(const Context& ctx, Args& args) {
  webui::ServerOptions o;
  o.db_uri = ctx.db_uri;
  o.port = static_cast<int>(args.integer("--port").value_or(8080));
  o.static_dir = args.option("--static").value_or(CARTERO_STATIC_DIR);
  o.cert_file = args.option("--cert").value_or("");
  o.key_file = args.option("--key").value_or("");
  args.finish();
  // A browser that goes away mid-answer must cost one connection, not the
  // server: writes to a closed socket fail with EPIPE instead of a signal.
  std::signal(SIGPIPE, SIG_IGN);
  webui::Server server(o);
  server.start();
  std::printf("%s://127.0.0.1:%d/\n", server.secure() ? "https" : "http", server.port());
  std::fflush(stdout);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  int received = 0;
  sigwait(&signals, &received);
  server.stop();
  return 0;
}

}  // namespace cartero::app
