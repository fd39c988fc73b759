#include "mailable.hpp"

#include "cartero/core/error.hpp"
#include "cartero/selection/settings.hpp"

namespace cartero::letters {

void check_mailable(Database& db, const BatchState& batch, Date on, const char* action) {
  const std::string id = std::to_string(batch.id);
  if (batch.status == "discarded") {
    throw InputError(ErrorCode::batch_discarded, "batch " + id + " was discarded on " + batch.discarded_at +
                     " and cannot be " + action + "; select a new batch with `cartero select`",
                     {{"batch", id}, {"date", batch.discarded_at.substr(0, 10)}});
  }
  if (batch.status == "dispatched") return;
  // A draft is printed the first time from a selection of that day's
  // portfolio; printed letters are then checked for overlaps only.
  const int max_age = selection::current_settings(db).draft_max_age_days;
  const int age = on.days() - batch.created_on.days();
  if (batch.status == "draft" && age > max_age) {
    throw InputError(ErrorCode::batch_stale, "batch " + id + " was selected on " + batch.created_on.iso() + ", " + std::to_string(age) +
                     " days ago, more than draft_max_age_days (" + std::to_string(max_age) +
                     "): the portfolio has changed since; select again with `cartero select` (and discard this one "
                     "with `cartero batch discard " + id + "`)",
                     {{"batch", id}, {"date", batch.created_on.iso()}, {"days", std::to_string(age)}, {"max", std::to_string(max_age)}});
  }
  const auto overlaps = overlaps_since_cutoff(db, batch.id, batch.cutoff);
  if (overlaps.empty()) return;
  std::int64_t total = 0;
  std::string detail, spanish;
  for (const auto& o : overlaps) {
    total += o.accounts;
    spanish += (spanish.empty() ? "" : ", ") + std::to_string(o.accounts) + " por el lote " + std::to_string(o.batch_id) +
               (o.dispatched_on.empty() ? "" : " despachado el " + o.dispatched_on);
    detail += (detail.empty() ? "" : ", ") + std::to_string(o.accounts) + " by batch " + std::to_string(o.batch_id) +
              (o.dispatched_on.empty() ? "" : " dispatched on " + o.dispatched_on);
  }
  throw InputError(ErrorCode::batch_overlaps, "batch " + id + " cannot be " + action + ": " + std::to_string(total) +
                   " of its accounts already got a letter after its cutoff " + batch.cutoff.iso() + " (" + detail +
                   "); mailing it would write to them twice. Discard it (`cartero batch discard " + id +
                   "`) and select again",
                   {{"batch", id}, {"action", std::string(action) == "printed" ? "imprimir" : "despachar"}, {"count", std::to_string(total)},
                    {"detail", spanish}, {"cutoff", batch.cutoff.iso()}});
}

}  // namespace cartero::letters
