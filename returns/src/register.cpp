#include "cartero/returns/register.hpp"

#include <algorithm>
#include <cctype>


#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/text.hpp"
#include "cartero/letters/letter_code.hpp"
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

Registered register_return(Database& db, const NewReturn& r, const Routing& routing) {
  switch (letter_state(db, r.letter_id)) {
    case LetterState::unknown:
      throw InputError(ErrorCode::letter_not_ours, "letter " + r.letter_id + " is not a letter Cartero printed", {{"letter", r.letter_id}});
    case LetterState::not_dispatched:
      throw InputError(ErrorCode::letter_not_dispatched, "letter " + r.letter_id + " belongs to a batch that was never dispatched",
                       {{"letter", r.letter_id}});
    case LetterState::dispatched: break;
  }
  sql::Transaction tx(db);
  const auto result = register_within(db, r, routing);
  tx.commit();
  return result;
}

Registered register_within(Database& db, const NewReturn& r, const Routing& routing) {
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
  route_return(db, next, r.letter_id, r.cause, routing);
  return {next, false};
}

std::optional<std::string> letter_id_from_typed(const std::string& text) {
  if (const auto id = letters::letter_id_from_payload(text)) return id;
  const std::string t(trim(text));
  // "YYYY-NNNNNN": one dash after the year, digits otherwise (a payload
  // with a wrong check character is not a letter id).
  if (t.size() >= 11 && t[4] == '-' && std::count(t.begin(), t.end(), '-') == 1 &&
      std::all_of(t.begin(), t.end(), [](char c) { return c == '-' || std::isdigit(static_cast<unsigned char>(c)); })) {
    return t;
  }
  return std::nullopt;
}

void correct_return(Database& db, std::int64_t return_id, std::optional<ReturnCause> cause,
                    std::optional<std::string> letter_id, const std::string& reason, const std::string& user,
                    const Routing& routing) {
  if (trim(reason).empty()) throw InputError(ErrorCode::correction_needs_reason, "a correction needs its reason (--reason)");
  if (letter_id && letter_state(db, *letter_id) != LetterState::dispatched) {
    throw InputError(ErrorCode::not_a_dispatched_letter, "letter " + *letter_id + " is not a dispatched letter of Cartero",
                     {{"letter", *letter_id}});
  }
  sql::Transaction tx(db);
  sql::lock_exclusive(db, sql::k_lock_return_register);
  const std::string id = std::to_string(return_id);
  std::optional<std::pair<std::string, std::string>> current;  // letter, cause
  sql::for_each_row(db, "SELECT letter_id, cause FROM returns WHERE return_id = ?", {id},
                    [&](const sql::Row& r) { current = {std::string(r.text(0)), std::string(r.text(1))}; });
  if (!current) throw InputError(ErrorCode::no_such_return, "there is no return " + id + " in the register", {{"return", id}});
  const auto record = [&](const char* field, const std::string& before, const std::string& after) {
    sql::exec(db, "INSERT INTO return_corrections (return_id, changed_at, changed_by, field, before_value, after_value, reason) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)",
              {id, now_utc_iso(), user, field, before, after, std::string(trim(reason))});
    sql::exec(db, std::string("UPDATE returns SET ") + field + " = ? WHERE return_id = ?", {after, id});
  };
  if (letter_id && *letter_id != current->first) {
    if (existing(db, *letter_id)) throw InputError(ErrorCode::letter_has_return, "letter " + *letter_id + " already has its own return", {{"letter", *letter_id}});
    record("letter_id", current->first, *letter_id);
    current->first = *letter_id;
  }
  if (cause && cause_info(*cause).code != current->second) {
    record("cause", current->second, std::string(cause_info(*cause).code));
    const bool has_case = sql::scalar(db, "SELECT id FROM cases WHERE return_id = ?", {id}).has_value();
    if (!has_case) route_return(db, return_id, current->first, *cause, routing);
  }
  tx.commit();
}

}  // namespace cartero::returns
