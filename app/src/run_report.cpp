#include <cstdio>

#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/returns/reports.hpp"
#include "commands.hpp"

namespace cartero::app {

int run_report(const Context& ctx, Args& args) {
  auto pos = args.positionals();
  if (pos.empty()) throw InputError("usage: cartero report batches [--batch ID] [--csv FILE] | report cases | report account ID");
  Args rest(args.command() + " " + pos[0], std::vector<std::string>(pos.begin() + 1, pos.end()));
  returns::ReportSettings settings;
  if (pos[0] == "batches" || pos[0] == "batch") {
    const auto batch = rest.integer("--batch");
    const auto csv = rest.option("--csv");
    rest.finish();
    auto db = Database::open(ctx.db_uri);
    const auto reports = returns::batch_reports(*db, settings, batch ? std::optional<std::int64_t>(*batch) : std::nullopt);
    if (csv) returns::write_csv(*csv, reports);
    std::printf("%s\n", returns::to_json(reports).c_str());
    return 0;
  }
  if (pos[0] == "cases") {
    rest.finish();
    auto db = Database::open(ctx.db_uri);
    std::printf("%s\n", returns::to_json(returns::case_ages(*db, settings, Date::today())).c_str());
    return 0;
  }
  if (pos[0] == "account") {
    const auto ids = rest.positionals();
    if (ids.size() != 1) throw InputError("usage: cartero report account ID");
    auto db = Database::open(ctx.db_uri);
    std::printf("%s\n", returns::account_history_json(*db, ids[0]).c_str());
    return 0;
  }
  throw InputError("report: unknown report '" + pos[0] + "' (batches, cases, account)");
}

}  // namespace cartero::app
