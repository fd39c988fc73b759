#include "mailable.hpp"

#include "cartero/core/error.hpp"
#include "cartero/selection/settings.hpp"

namespace cartero::letters {

void check_mailable(Database& db, const BatchState& batch, Date on, const char* action) {
  const std::string id = std::to_string(batch.id);
  if (batch.status == "discarded") {
    throw InputError("batch " + id + " was discarded on " + batch.discarded_at +
                     " and cannot be " + action + "; select a new batch with `cartero select`");
  }
  if (batch.status == "dispatched") return;
  // A draft is printed the first time from a selection of that day's
  // portfolio; printed letters are then checked for overlaps only.
  const int max_age = selection::current_settings(db).draft_max_age_days;
  const int age = on.days() - batch.created_on.days();
  if (batch.status == "draft" && age > max_age) {
    throw InputError("batch " + id + " was selected on " + batch.created_on.iso() + ", " + std::to_string(age) +
                     " days ago, more than draft_max_age_days (" + std::to_string(max_age) +
                     "): the portfolio has changed since; select again with `cartero select` (and discard this one "
                     "with `cartero batch discard " + id + "`)");
  }
  const auto overlaps = overlaps_since_cutoff(db, batch.id, batch.cutoff);
  if (overlaps.empty()) return;
  std::int64_t total = 0;
  std::string detail;
  for (const auto& o : overlaps) {
    total += o.accounts;
    detail += (detail.empty() ? "" : ", ") + std::to_string(o.accounts) + " by batch " + std::to_string(o.batch_id) +
              (o.dispatched_on.empty() ? "" : " dispatched on " + o.dispatched_on);
  }
  throw InputError("batch " + id + " cannot be " + action + ": " + std::to_string(total) +
                   " of its accounts already got a letter after its cutoff " + batch.cutoff.iso() + " (" + detail +
                   "); mailing it would write to them twice. Discard it (`cartero batch discard " + id +
                   "`) and select again");
}

}  // namespace cartero::letters
