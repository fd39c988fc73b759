#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/stored_settings.hpp"
#include "cartero/returns/settings.hpp"
#include "cartero/selection/settings.hpp"
#include "cartero/webui/users.hpp"
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
// `settings set selection|returns FILE.json` checks a file whole and saves it
// for every later command and the web UI (audited).
int run_settings(const Context& ctx, Args& args) {
  const auto pos = args.positionals();
  auto db = Database::open(ctx.db_uri);
  if (pos.size() == 1 && pos[0] == "show") {
    std::printf("{\"selection\":%s,\"returns\":%s}\n", selection::settings_to_json(selection::current_settings(*db)).c_str(),
                returns::return_settings_to_json(returns::current_return_settings(*db)).c_str());
    return 0;
  }
  if (pos.size() == 3 && pos[0] == "set" && (pos[1] == "selection" || pos[1] == "returns")) {
    const std::string text = read_file(pos[2]);
    const bool sel = pos[1] == "selection";
    const std::string before = sel ? selection::settings_to_json(selection::current_settings(*db))
                                   : returns::return_settings_to_json(returns::current_return_settings(*db));
    const std::string after = sel ? selection::settings_to_json(selection::settings_from_json(text, pos[2]))
                                  : returns::return_settings_to_json(returns::return_settings_from_json(text, pos[2]));
    const char* user = std::getenv("USER");
    const std::string who = std::string("cli:") + (user ? user : "unknown");
    sql::Transaction tx(*db);
    store_settings(*db, sel ? selection::k_settings_name : returns::k_return_settings_name, after, who);
    webui::audit(*db, who, "settings." + pos[1], pos[1], before, after);
    tx.commit();
    std::printf("%s\n", after.c_str());
    return 0;
  }
  throw InputError("usage: cartero settings show | settings set selection|returns FILE.json");
}

}  // namespace cartero::app
