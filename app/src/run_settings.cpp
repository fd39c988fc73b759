#include <cstdio>
#include <fstream>
#include <sstream>

#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/webui/settings.hpp"
#include "commands.hpp"

namespace cartero::app {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("settings set: cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

// `cartero settings show` prints the settings in force (saved or default);
// `settings set selection|returns|import FILE.json` checks a file whole and saves it
// for every later command and the web UI (audited).
int run_settings(const Context& ctx, Args& args) {
  const auto pos = args.positionals();
  auto db = Database::open(ctx.db_uri);
  if (pos.size() == 1 && pos[0] == "show") {
    std::printf("%s\n", webui::settings_in_force_json(*db).c_str());
    return 0;
  }
  if (pos.size() == 3 && pos[0] == "set" && webui::is_settings_kind(pos[1])) {
    std::printf("%s\n", webui::save_settings(*db, pos[1], read_file(pos[2]), pos[2], ctx.user).c_str());
    return 0;
  }
  throw InputError("usage: cartero settings show | settings set selection|returns|import|bureau FILE.json");
}

}  // namespace cartero::app
