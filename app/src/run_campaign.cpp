// The campaign reports (campaign/): what the letters recovered.
#include <cstdio>

#include "cartero/campaign/brief.hpp"
#include "cartero/campaign/effectiveness.hpp"
#include "cartero/campaign/quality.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/webui/users.hpp"
#include "commands.hpp"

namespace cartero::app {

int run_effectiveness_report(const Context& ctx, std::optional<long long> batch, const std::optional<std::string>& days,
                             const std::optional<std::string>& csv, const std::optional<std::string>& xlsx) {
  if (!batch) throw InputError("report effectiveness: --batch ID is required (see `cartero report batches`)");
  const auto windows = days ? campaign::parse_windows(*days) : campaign::default_windows();
  auto db = Database::open(ctx.db_uri);
  const auto report = campaign::effectiveness_report(*db, *batch, windows);
  if (csv) campaign::write_csv(*csv, report);
  if (xlsx) campaign::write_csv(*xlsx, report, ExportFormat::xlsx);
  std::printf("%s\n", campaign::to_json(report).c_str());
  return 0;
}

namespace {

std::int64_t batch_id_of(const std::vector<std::string>& pos) {
  if (pos.size() != 2) throw InputError("batch " + (pos.empty() ? std::string() : pos[0]) + ": give one batch id");
  try {
    std::size_t used = 0;
    const auto id = std::stoll(pos[1], &used);
    if (used == pos[1].size() && id > 0) return id;
  } catch (const std::exception&) {
  }
  throw InputError("batch " + pos[0] + ": '" + pos[1] + "' is not a batch id");
}

// Approvals are for admins and supervisors (webui's users table).
bool may_approve(Database& db, const std::string& name) {
  for (const auto& u : webui::list_users(db)) {
    if (u.name == name) return !u.disabled && u.role == webui::Role::admin;
  }
  return false;
}

}  // namespace

int run_batch_campaign(const Context& ctx, const std::vector<std::string>& pos, const std::string& user,
                       const BatchCampaignOptions& o) {
  campaign::BriefOptions b;
  b.batch_id = batch_id_of(pos);
  b.template_path = o.template_path;
  b.sender_path = o.sender_path;
  b.print_on = o.print_on;
  b.dispatch_on = o.dispatch_on;
  auto db = Database::open(ctx.db_uri);
  if (pos[0] == "brief") {
    const auto brief = campaign::batch_brief(*db, b);
    if (o.out) campaign::write_brief_pdf(brief, *o.out);
    std::printf("{\"brief_sha256\":\"%s\",\"brief\":%s}\n", brief.sha256.c_str(), brief.json.c_str());
    return 0;
  }
  const auto r = campaign::approve_batch(*db, b, user, may_approve(*db, user));
  std::printf("{\"batch\":%lld,\"approved_by\":\"%s\",\"approved_at\":\"%s\",\"brief_sha256\":\"%s\"}\n",
              static_cast<long long>(r.batch_id), r.approved_by.c_str(), r.approved_at.c_str(), r.brief_sha256.c_str());
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
