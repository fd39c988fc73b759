#include "cartero/returns/register.hpp"


#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/returns/cases.hpp"

namespace cartero::returns {

namespace {


std::optional<std::int64_t> existing(Database& db, const std::string& letter_id) {
  const auto v = sql::scalar(db, "SELECT return_id FROM returns WHERE letter_id = ?", {letter_id});
  return v ? std::optional<std::int64_t>(std::stoll(*v)) : std::nullopt;
}

}  // namespace

LetterState letter_state(Database& db, const std::string& letter_id) {
  std::optional<bool> sent;
  sql::for_each_row(db, "SELECT sent_on FROM letters WHERE letter_id = ?", {letter_id},
                    [&](const sql::Row& r) { sent = !r.is_null(0); });
  if (!sent) return LetterState::unknown;
  return *sent ? LetterState::dispatched : LetterState::not_dispatched;
}

Registered register_return(Database& db, const NewReturn& r) {
  switch (letter_state(db, r.letter_id)) {
    case LetterState::unknown: throw InputError("letter " + r.letter_id + " is not a letter Cartero printed");
    case LetterState::not_dispatched:
      throw InputError("letter " + r.letter_id + " belongs to a batch that was never dispatched");
    case LetterState::dispatched: break;
  }
  sql::Transaction tx(db);
  const auto result = register_within(db, r);
  tx.commit();
  return result;
}

Registered register_within(Database& db, const NewReturn& r) {
  // One writer of the register at a time: the existing return and the next
  // number are read under the lock, which a rollback releases unused.
  sql::lock_exclusive(db, sql::k_lock_return_register);
  if (const auto id = existing(db, r.letter_id)) return {*id, true};
  const std::int64_t next = std::stoll(sql::scalar(db, "SELECT COALESCE(MAX(return_id), 0) + 1 FROM returns").value_or("1"));
  sql::exec(db,
            "INSERT INTO returns (return_id, letter_id, cause, observation, returned_on, registered_at, registered_by, "
            "source, scan_page_id, cause_confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, " +
                (r.scan_page_id ? std::to_string(*r.scan_page_id) : std::string("NULL")) + ", " +
                (r.cause_confidence ? std::to_string(*r.cause_confidence) : std::string("NULL")) + ")",
            {std::to_string(next), r.letter_id, std::string(cause_info(r.cause).code), r.observation, r.returned_on.iso(),
             now_utc_iso(), r.user, r.source});
  route_return(db, next, r.letter_id, r.cause, Routing{});
  return {next, false};
}

}  // namespace cartero::returns
