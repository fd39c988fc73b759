#include <cstdio>

#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/proof/bureau.hpp"
#include "cartero/returns/reports.hpp"
#include "cartero/returns/settings.hpp"
#include "commands.hpp"

namespace cartero::app {

int run_report(const Context& ctx, Args& args) {
  const auto batch = args.integer("--batch");
  const auto csv = args.option("--csv");
  const auto config = args.option("--config");
  const auto as_of_text = args.option("--as-of");
  const auto pos = args.positionals();
  if (pos.empty()) throw InputError("usage: cartero report batches [--batch ID] [--csv FILE] | report cases | report account ID | report bureau [--as-of DATE]");
  auto db = Database::open(ctx.db_uri);
  const returns::ReportSettings settings = returns::return_settings_for(*db, config).report;
  if (pos[0] == "batches" || pos[0] == "batch") {
    const auto reports = returns::batch_reports(*db, settings, batch ? std::optional<std::int64_t>(*batch) : std::nullopt);
    if (csv) returns::write_csv(*csv, reports);
    std::printf("%s\n", returns::to_json(reports).c_str());
    return 0;
  }
  if (pos[0] == "cases") {
    std::printf("%s\n", returns::to_json(returns::case_ages(*db, settings, Date::today())).c_str());
    return 0;
  }
  if (pos[0] == "bureau") {
    const auto as_of = as_of_text ? Date::parse_iso(*as_of_text) : std::optional<Date>(Date::today());
    if (!as_of) throw InputError("report bureau: --as-of '" + *as_of_text + "' is not a date (YYYY-MM-DD)");
    for (const auto& e : proof::bureau_report(*db, *as_of, proof::BureauSettings{})) {
      std::printf("%s\n", proof::to_json_line(e).c_str());
    }
    return 0;
  }
  if (pos[0] == "account") {
    if (pos.size() != 2) throw InputError("usage: cartero report account ID");
    std::printf("%s\n", returns::account_history_json(*db, pos[1]).c_str());
    return 0;
  }
  throw InputError("report: unknown report '" + pos[0] + "' (batches, cases, account, bureau)");
}

}  // namespace cartero::app
