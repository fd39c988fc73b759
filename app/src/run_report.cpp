#include <cstdio>

#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/proof/bureau.hpp"
#include "cartero/returns/reports.hpp"
#include "cartero/returns/settings.hpp"
#include "cartero/core/people_export.hpp"
#include "cartero/selection/import_profile.hpp"
#include "commands.hpp"

namespace cartero::app {

int run_report(const Context& ctx, Args& args) {
  const auto batch = args.integer("--batch");
  const auto csv = args.option("--csv");
  const auto xlsx = args.option("--xlsx");
  const auto config = args.option("--config");
  const auto as_of_text = args.option("--as-of");
  const auto days = args.option("--days");
  const bool second_notices = args.flag("--second-notices");
  const auto pos = args.positionals();
  if (!pos.empty() && pos[0] == "effectiveness") return run_effectiveness_report(ctx, batch, days, csv, xlsx);
  if (!pos.empty() && pos[0] == "quality") return run_quality_report(ctx, batch, csv, xlsx);
  if (pos.empty()) {
    throw InputError("usage: cartero report batches [--batch ID] [--csv FILE] [--xlsx FILE] | report cases | report account ID | report bureau [--as-of DATE] [--second-notices] [--csv FILE] [--xlsx FILE] | report effectiveness --batch ID [--days 30,60,90] | report quality [--batch ID] [--csv FILE] [--xlsx FILE]");
  }
  auto db = Database::open(ctx.db_uri);
  const returns::ReportSettings settings = returns::return_settings_for(*db, config).report;
  if (pos[0] == "batches" || pos[0] == "batch") {
    const auto reports = returns::batch_reports(*db, settings, batch ? std::optional<std::int64_t>(*batch) : std::nullopt);
    const bool machine = selection::current_import_profile(*db).machine_csv;
    if (csv) returns::write_csv(*csv, reports, export_format_for(*csv, machine));
    if (xlsx) returns::write_csv(*xlsx, reports, ExportFormat::xlsx);
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
    // The tables have both lists; the lines, one of them.
    const bool files = csv || xlsx;
    const auto lists = proof::bureau_lists(*db, *as_of, proof::current_bureau_settings(*db), {files || !second_notices, files || second_notices});
    const bool machine = selection::current_import_profile(*db).machine_csv;
    if (csv) proof::write_bureau(*csv, lists.reportable, export_format_for(*csv, machine), lists.second_notice);
    if (xlsx) proof::write_bureau(*xlsx, lists.reportable, ExportFormat::xlsx, lists.second_notice);
    // The reportable accounts; with --second-notices, the small debts that
    // need their second notice instead.
    for (const auto& e : second_notices ? lists.second_notice : lists.reportable) std::printf("%s\n", proof::to_json_line(e).c_str());
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
