#include "cartero/core/error.hpp"
#include "cartero/core/holidays.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/letters/generate.hpp"
#include "cartero/selection/batch.hpp"
#include "store_letters.hpp"

namespace cartero::letters {

namespace {

// Why a batch could not be dispatched, for the message.
[[noreturn]] void refuse(Database& db, std::int64_t batch_id) {
  const std::string id = std::to_string(batch_id);
  const auto batch = selection::find_batch(db, batch_id);
  if (!batch) throw InputError("there is no batch " + id + " (see the ids `cartero select` printed)");
  if (batch->status == "dispatched") {
    const std::string on = batch->dispatched_on.empty() ? "?" : batch->dispatched_on;
    throw InputError("batch " + id + " was already dispatched on " + on +
                     "; a dispatched batch cannot be dispatched again");
  }
  throw InputError("batch " + id + " has no letters yet: run `cartero letters --batch " + id +
                   " --out DIR` first, print them, then dispatch");
}

}  // namespace

DispatchResult dispatch_batch(Database& db, std::int64_t batch_id, Date date) {
  // Ley 2300 de 2023: no contact with debtors on Sundays or public holidays.
  if (const auto why = non_contact_day_reason(date); !why.empty()) {
    throw InputError("dispatch: " + date.iso() + " is " +
                     (why == "domingo" ? std::string("a Sunday") : "a public holiday (" + why + ")") +
                     ", when no debtor may be contacted (Ley 2300 de 2023): dispatch on " +
                     next_contact_day(date).iso() + " instead");
  }
  sql::Transaction tx(db);
  // Selection owns the batch's status: the test and the change are one
  // statement there, so of two dispatches at once the second is refused.
  if (!selection::mark_dispatched(db, batch_id, date)) refuse(db, batch_id);
  const std::int64_t letters = store::mark_sent(db, batch_id, date);
  tx.commit();
  return {batch_id, date, letters};
}

}  // namespace cartero::letters
