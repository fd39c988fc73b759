#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/returns/scan_intake.hpp"
#include "cartero/returns/settings.hpp"
#include "commands.hpp"

namespace cartero::app {

int run_scan(const Context& ctx, Args& args) {
  returns::ScanOptions o;
  o.user = user_of(ctx, args);
  o.dry_run = args.flag("--dry-run");
  const auto config = args.option("--config");
  const auto files = args.positionals();
  if (files.empty()) throw InputError("usage: cartero scan [--user NAME] [--dry-run] FILE…");
  auto db = Database::open(ctx.db_uri);
  o.routing = returns::return_settings_for(*db, config).routing;
  returns::scan_files(*db, files, o, [](const returns::ScanLine& l) {
    std::printf("%s\n", l.to_json().c_str());
    std::fflush(stdout);
  });
  return 0;
}

}  // namespace cartero::app
