// The campaign reports (campaign/): what the letters recovered.
#include <cstdio>

#include "cartero/campaign/effectiveness.hpp"
#include "cartero/campaign/quality.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "commands.hpp"

namespace cartero::app {

int run_effectiveness_report(const Context& ctx, std::optional<long long> batch, const std::optional<std::string>& days,
                             const std::optional<std::string>& csv) {
  if (!batch) throw InputError("report effectiveness: --batch ID is required (see `cartero report batches`)");
  const auto windows = days ? campaign::parse_windows(*days) : campaign::default_windows();
  auto db = Database::open(ctx.db_uri);
  const auto report = campaign::effectiveness_report(*db, *batch, windows);
  if (csv) campaign::write_csv(*csv, report);
  std::printf("%s\n", campaign::to_json(report).c_str());
  return 0;
}

int run_quality_report(const Context& ctx, std::optional<long long> batch, const std::optional<std::string>& csv) {
  auto db = Database::open(ctx.db_uri);
  const auto report = campaign::quality_report(*db, batch ? std::optional<std::int64_t>(*batch) : std::nullopt);
  if (csv) campaign::write_csv(*csv, report);
  std::printf("%s\n", campaign::to_json(report).c_str());
  return 0;
}

}  // namespace cartero::app
