#include <cstdio>
#include <cstdlib>
#include <string>

#include "cartero/access/audit.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/proof/bureau.hpp"
#include "cartero/returns/selection_history.hpp"
#include "cartero/selection/batch.hpp"
#include "commands.hpp"

namespace cartero::app {

int run_select(const Context& ctx, Args& args) {
  selection::SelectOptions o;
  if (const auto c = args.option("--cutoff")) {
    const auto d = Date::parse_iso(*c);
    if (!d) throw InputError("select: --cutoff '" + *c + "' is not a date (YYYY-MM-DD)");
    o.cutoff = *d;
  } else {
    o.cutoff = Date::today();
  }
  const auto config = args.option("--config");
  const auto max = args.integer("--max");
  if (max && *max < 1) throw InputError("select: --max " + std::to_string(*max) + " must be at least 1 (leave it out for no cap)");
  const auto control = args.integer("--control-group");
  if (control && (*control < 1 || *control > 99)) {
    throw InputError("select: --control-group " + std::to_string(*control) +
                     " must be a percent from 1 to 99 (leave it out for no control group)");
  }
  // A batch of the second notices small debts need (Ley 1266 art. 12).
  const bool second_notices = args.flag("--second-notices");
  if (second_notices && control) {
    throw InputError("select: --second-notices holds out no control group (a second notice completes a notice already sent); "
                     "leave out --control-group");
  }
  o.created_by = user_of(ctx, args);
  o.selected_csv = args.option("--out");
  o.excluded_csv = args.option("--explain");
  args.finish();

  auto db = Database::open(ctx.db_uri);
  // A --config file instead of the settings an admin saved.
  o.settings = config ? selection::load_settings(*config) : selection::current_settings(*db);
  if (max) o.settings.max_letters = *max;
  if (control) o.settings.control_group_percent = static_cast<int>(*control);
  if (second_notices) {
    o.second_notice_accounts = proof::second_notices_due(*db, o.cutoff);
    o.settings = selection::second_notice_settings(o.settings);
  }
  o.history = &returns::selection_history();
  selection::BatchResult r;
  access::audited(*db, o.created_by, "batch.create", "", [&] {
    r = selection::create_batch(*db, o);
    JsonWriter after;
    after.begin_object().key("batch").value(r.batch_id).key("cutoff").value(r.cutoff.iso());
    after.key("settings").raw(selection::settings_to_json(o.settings)).key("selected").value(r.selected);
    after.key("notice").value(second_notices ? 2 : 1).end_object();
    return access::Change{"null", after.str()};
  });
  JsonWriter j;
  j.begin_object().key("batch").value(r.batch_id).key("cutoff").value(r.cutoff.iso());
  j.key("funnel").raw(selection::funnel_json(r.total, r.funnel, r.selected));
  j.key("address_checks_opened").value(r.address_checks_opened).key("notice").value(second_notices ? 2 : 1).end_object();
  std::printf("%s\n", j.str().c_str());
  return 0;
}

}  // namespace cartero::app
