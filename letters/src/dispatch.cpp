#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/holidays.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/letters/generate.hpp"
#include "cartero/selection/batch.hpp"
#include "mailable.hpp"
#include "store_evidence.hpp"
#include "store_letters.hpp"

namespace cartero::letters {

namespace {

// Why a batch could not be dispatched, for the message.
[[noreturn]] void refuse(Database& db, std::int64_t batch_id) {
  const std::string id = std::to_string(batch_id);
  const auto batch = selection::find_batch(db, batch_id);
  if (!batch) {
    throw InputError(ErrorCode::no_such_batch, "there is no batch " + id + " (see the ids `cartero select` printed)", {{"batch", id}});
  }
  if (batch->status == "discarded") {
    const std::string on = load_batch_state(db, batch_id).discarded_at;
    throw InputError(ErrorCode::batch_discarded, "batch " + id + " was discarded on " + on +
                     " and cannot be dispatched; select a new batch with `cartero select`", {{"batch", id}, {"date", on.substr(0, 10)}});
  }
  if (batch->status == "dispatched") {
    const std::string on = batch->dispatched_on.empty() ? "?" : batch->dispatched_on;
    throw InputError(ErrorCode::batch_already_dispatched,
                     "batch " + id + " was already dispatched on " + on + "; a dispatched batch cannot be dispatched again",
                     {{"batch", id}, {"date", on}});
  }
  throw InputError(ErrorCode::batch_without_letters, "batch " + id + " has no letters yet: run `cartero letters --batch " + id +
                   " --out DIR` first, print them, then dispatch", {{"batch", id}});
}

}  // namespace

DispatchResult dispatch_batch(Database& db, std::int64_t batch_id, Date date, const std::string& user) {
  // Ley 2300 de 2023: no contact with debtors on Sundays or public holidays.
  if (const auto why = non_contact_day_reason(date); !why.empty()) {
    throw InputError(ErrorCode::no_contact_day, "dispatch: " + date.iso() + " is " +
                     (why == "domingo" ? std::string("a Sunday") : "a public holiday (" + why + ")") +
                     ", when no debtor may be contacted (Ley 2300 de 2023): dispatch on " + next_contact_day(date).iso() +
                     " instead",
                     {{"date", date.iso()}, {"why", why == "domingo" ? std::string("domingo") : "festivo (" + why + ")"},
                      {"next", next_contact_day(date).iso()}});
  }
  const std::string at = now_bogota_iso();
  sql::Transaction tx(db);
  // Selection owns the batch's status: the test and the change are one
  // statement there, so of two dispatches at once the second is refused.
  if (!selection::mark_dispatched(db, batch_id, date, user, at)) refuse(db, batch_id);
  // Stale or overlapping: refused, and the change above rolls back.
  BatchState state = load_batch_state(db, batch_id);
  state.status = "generated";
  check_mailable(db, state, date, "dispatched");
  const std::int64_t letters = store::mark_sent(db, batch_id, date);
  tx.commit();
  return {batch_id, date, letters, user, at};
}

std::string to_json(const DispatchResult& r) {
  JsonWriter j;
  j.begin_object().key("batch").value(r.batch_id).key("dispatched_on").value(r.date.iso()).key("letters").value(r.letters);
  j.key("dispatched_by").value(r.dispatched_by).key("dispatched_at").value(r.dispatched_at).key("status").value("dispatched");
  j.end_object();
  return j.str();
}

void discard_batch(Database& db, std::int64_t batch_id, const std::string& user) {
  mark_discarded(db, batch_id, user);
}

}  // namespace cartero::letters
