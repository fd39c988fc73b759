#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/letters/generate.hpp"

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
  if (!status) throw InputError(ErrorCode::no_such_batch, "there is no batch " + id + " (see the ids `cartero select` printed)", {{"batch", id}});
  if (*status == "dispatched") {
    throw InputError(ErrorCode::batch_already_dispatched,
                     "batch " + id + " was already dispatched on " + dispatched_on.value_or("?") +
                         "; a dispatched batch cannot be dispatched again",
                     {{"batch", id}, {"date", dispatched_on.value_or("?")}});
  }
  throw InputError(ErrorCode::batch_without_letters, "batch " + id + " has no letters yet: run `cartero letters --batch " + id +
                   " --out DIR` first, print them, then dispatch", {{"batch", id}});
}

}  // namespace

DispatchResult dispatch_batch(Database& db, std::int64_t batch_id, Date date, const std::string& user) {
  const std::string id = std::to_string(batch_id);
  const std::string at = now_bogota_iso();
  sql::Transaction tx(db);
  // The status test and the change are one statement: of two dispatches at
  // once, the second finds the batch no longer 'generated'.
  bool changed = false;
  sql::for_each_row(db,
                    "UPDATE batches SET status = 'dispatched', dispatched_on = ?, dispatched_by = ?, dispatched_at = ? "
                    "WHERE id = ? AND status = 'generated' RETURNING id",
                    {date.iso(), user, at, id}, [&](const sql::Row&) { changed = true; });
  if (!changed) refuse(db, batch_id);
  std::int64_t letters = 0;
  sql::for_each_row(db, "UPDATE letters SET sent_on = ? WHERE batch_id = ? RETURNING letter_id", {date.iso(), id},
                    [&](const sql::Row&) { ++letters; });
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

}  // namespace cartero::letters
