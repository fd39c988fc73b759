#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/letters/generate.hpp"
#include "mailable.hpp"
#include "store_evidence.hpp"

namespace cartero::letters {

namespace {

// Why a batch could not be dispatched, for the message.
[[noreturn]] void refuse(Database& db, std::int64_t batch_id) {
  const std::string id = std::to_string(batch_id);
  std::optional<std::string> status, dispatched_on;
  sql::for_each_row(db, "SELECT status, dispatched_on FROM batches WHERE id = ?", {id}, [&](const sql::Row& r) {
    status = std::string(r.text(0));
    if (!r.is_null(1)) dispatched_on = std::string(r.text(1));
  });
  if (!status) throw InputError("there is no batch " + id + " (see the ids `cartero select` printed)");
  if (*status == "discarded") {
    throw InputError("batch " + id + " was discarded on " + load_batch_state(db, batch_id).discarded_at +
                     " and cannot be dispatched; select a new batch with `cartero select`");
  }
  if (*status == "dispatched") {
    throw InputError("batch " + id + " was already dispatched on " + dispatched_on.value_or("?") +
                     "; a dispatched batch cannot be dispatched again");
  }
  throw InputError("batch " + id + " has no letters yet: run `cartero letters --batch " + id +
                   " --out DIR` first, print them, then dispatch");
}

}  // namespace

DispatchResult dispatch_batch(Database& db, std::int64_t batch_id, Date date) {
  const std::string id = std::to_string(batch_id);
  sql::Transaction tx(db);
  // The status test and the change are one statement: of two dispatches at
  // once, the second finds the batch no longer 'generated'.
  bool changed = false;
  sql::for_each_row(db,
                    "UPDATE batches SET status = 'dispatched', dispatched_on = ? WHERE id = ? AND status = 'generated' "
                    "RETURNING id",
                    {date.iso(), id}, [&](const sql::Row&) { changed = true; });
  if (!changed) refuse(db, batch_id);
  // Stale or overlapping: refused, and the change above rolls back.
  BatchState state = load_batch_state(db, batch_id);
  state.status = "generated";
  check_mailable(db, state, date, "dispatched");
  std::int64_t letters = 0;
  sql::for_each_row(db, "UPDATE letters SET sent_on = ? WHERE batch_id = ? RETURNING letter_id", {date.iso(), id},
                    [&](const sql::Row&) { ++letters; });
  tx.commit();
  return {batch_id, date, letters};
}

void discard_batch(Database& db, std::int64_t batch_id, const std::string& user) {
  mark_discarded(db, batch_id, user);
}

}  // namespace cartero::letters
