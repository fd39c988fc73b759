#include <cstdio>
#include <cstdlib>

#include "cartero/access/audit.hpp"
#include "cartero/core/csv.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/returns/cases.hpp"
#include "cartero/returns/lists.hpp"
#include "cartero/returns/route_sheet.hpp"
#include "cartero/core/people_export.hpp"
#include "cartero/returns/snapshots.hpp"
#include "cartero/selection/import_profile.hpp"
#include "commands.hpp"

namespace cartero::app {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

int run_export(const Context& ctx, Args& args) {
  const auto zone = args.option("--zone");
  auto out = args.option("--out");
  if (const auto xlsx = args.option("--xlsx")) out = xlsx;
  const auto pos = args.positionals();
  if (pos.size() != 1 || !out) {
    throw InputError("usage: cartero export field-list --zone Z --out FILE.csv|xlsx|pdf, or export billing-list|returns --out FILE.csv|xlsx"
                     " (or --xlsx FILE)");
  }
  if (!ends_with(*out, ".csv") && !ends_with(*out, ".pdf") && !ends_with(*out, ".xlsx")) {
    throw InputError("export: --out must end in .csv, .xlsx or (field-list) .pdf");
  }
  auto db = Database::open(ctx.db_uri);
  const auto format = export_format_for(*out, selection::current_import_profile(*db).machine_csv);
  if (pos[0] == "field-list") {
    if (!zone) throw InputError("export field-list: --zone is required");
    const auto cases = returns::field_list(*db, *zone);
    if (ends_with(*out, ".pdf")) returns::write_route_sheet(*out, *zone, cases); else returns::write_cases_csv(*out, cases, format);
    std::printf("{\"zone\":%s,\"cases\":%zu,\"out\":%s}\n", json_quote(*zone).c_str(), cases.size(), json_quote(*out).c_str());
    return 0;
  }
  if (pos[0] == "returns") {
    returns::write_returns_csv(*db, {}, *out, format);
    std::printf("{\"out\":%s}\n", json_quote(*out).c_str());
    return 0;
  }
  if (pos[0] == "billing-list") {
    const auto cases = returns::billing_list(*db);
    returns::write_cases_csv(*out, cases, format);
    std::printf("{\"cases\":%zu,\"out\":%s}\n", cases.size(), json_quote(*out).c_str());
    return 0;
  }
  throw InputError("export: unknown list '" + pos[0] + "' (field-list, billing-list, returns)");
}

int run_case(const Context& ctx, Args& args) {
  const std::string user = user_of(ctx, args);
  const auto outcome = args.option("--outcome");
  const auto decision = args.option("--decision");
  const std::string address = args.option("--address").value_or("");
  const std::string reason = args.option("--reason").value_or("");
  const auto pos = args.positionals();
  if (pos.size() == 2 && pos[0] == "reopen") {
    const std::int64_t case_id = std::stoll(pos[1]);
    auto db = Database::open(ctx.db_uri);
    access::audited(*db, user, "case.reopen", pos[1], [&] {
      access::Change change{returns::case_snapshot(*db, case_id), ""};
      returns::reopen_case(*db, case_id, reason, user);
      change.after_json = returns::case_snapshot(*db, case_id);
      change.after_json.insert(change.after_json.size() - 1, ",\"reason\":" + json_quote(reason));
      return change;
    });
    std::printf("{\"case\":%s,\"reopened\":true}\n", pos[1].c_str());
    return 0;
  }
  if (pos.size() != 1 || (!outcome == !decision)) {
    throw InputError("usage: cartero case ID --outcome address_ok|address_corrected|address_wrong|demolished|vacant_lot "
                     "[--address A]  or  cartero case ID --decision confirmed|rejected|done [--reason R] [--address A]");
  }
  const std::int64_t id = std::stoll(pos[0]);
  auto db = Database::open(ctx.db_uri);
  const auto o = outcome ? returns::parse_field_outcome(*outcome) : std::nullopt;
  const auto d = decision ? returns::parse_billing_decision(*decision) : std::nullopt;
  if (outcome && !o) throw InputError("case: unknown outcome '" + *outcome + "'");
  if (decision && !d) throw InputError("case: unknown decision '" + *decision + "'");
  access::audited(*db, user, outcome ? "case.outcome" : "case.decision", std::to_string(id), [&] {
    access::Change change{returns::case_snapshot(*db, id), ""};
    if (o) {
      returns::record_field_outcome(*db, id, *o, address, user);
    } else {
      returns::record_billing_decision(*db, id, *d, *d == returns::BillingDecision::done ? address : reason, user);
    }
    change.after_json = returns::case_snapshot(*db, id);
    return change;
  });
  std::printf("{\"case\":%lld,\"closed\":true}\n", static_cast<long long>(id));
  return 0;
}

}  // namespace cartero::app
