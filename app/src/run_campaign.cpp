// The campaign reports (campaign/): what the letters recovered.
#include <cstdio>

#include "cartero/access/audit.hpp"
#include "cartero/access/users.hpp"
#include "cartero/campaign/brief.hpp"
#include "cartero/campaign/effectiveness.hpp"
#include "cartero/campaign/quality.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
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

// Approvals are for admins and supervisors (the users of `cartero user`).
bool may_approve(Database& db, const std::string& name) {
  const auto u = access::find_user(db, name);
  return u && !u->disabled && access::may_approve(u->role);
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
  const bool allowed = may_approve(*db, user);
  std::string approval;
  access::audited(*db, user, "batch.approve", pos[1], [&] {
    const auto r = campaign::approve_batch(*db, b, user, allowed);
    JsonWriter j;
    j.begin_object().key("batch").value(r.batch_id).key("approved_by").value(r.approved_by);
    j.key("approved_at").value(r.approved_at).key("brief_sha256").value(r.brief_sha256).end_object();
    approval = j.str();
    return access::Change{"null", approval};
  });
  std::printf("%s\n", approval.c_str());
  return 0;
}

int run_quality_report(const Context& ctx, std::optional<long long> batch, const std::optional<std::string>& csv,
                       const std::optional<std::string>& xlsx) {
  auto db = Database::open(ctx.db_uri);
  const auto report = campaign::quality_report(*db, batch ? std::optional<std::int64_t>(*batch) : std::nullopt);
  if (csv) campaign::write_csv(*csv, report);
  if (xlsx) campaign::write_csv(*xlsx, report, ExportFormat::xlsx);  // for people: Spanish headers and details
  std::printf("%s\n", campaign::to_json(report).c_str());
  return 0;
}

}  // namespace cartero::app
