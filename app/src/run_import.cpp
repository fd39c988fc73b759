#include <cstdio>

#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/selection/import.hpp"
#include "commands.hpp"

namespace cartero::app {

int run_import(const Context& ctx, Args& args) {
  auto pos = args.positionals();
  if (pos.size() != 2) {
    throw InputError("usage: cartero import accounts|payments|letters FILE.csv");
  }
  const auto kind = selection::parse_import_kind(pos[0]);
  auto db = Database::open(ctx.db_uri);
  const auto summary = selection::import_file(*db, kind, pos[1]);
  std::printf("%s\n", summary.to_json().c_str());
  if (!summary.rejected.empty()) {
    std::fprintf(stderr, "cartero: %zu of %lld rows of %s were not imported (see \"rejected\")\n",
                 summary.rejected.size(), static_cast<long long>(summary.read), pos[1].c_str());
  }
  return 0;
}

}  // namespace cartero::app
