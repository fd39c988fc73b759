#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

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
  // One bad file never stops the stack: each page has its line, and the
  // pages that could not be read are listed again at the end, by file and
  // page, for the person at the scanner.
  std::vector<std::string> unreadable;
  std::size_t pages = 0;
  returns::scan_files(*db, files, o, [&](const returns::ScanLine& l) {
    std::printf("%s\n", l.to_json().c_str());
    std::fflush(stdout);
    ++pages;
    if (l.status == "unreadable") unreadable.push_back(l.file + " page " + std::to_string(l.page) + ": " + l.note);
  });
  if (!unreadable.empty()) {
    std::fprintf(stderr, "cartero scan: %zu of %zu pages in %zu files could not be read:\n", unreadable.size(), pages,
                 files.size());
    for (const auto& u : unreadable) std::fprintf(stderr, "  %s\n", u.c_str());
  }
  return 0;
}

}  // namespace cartero::app
