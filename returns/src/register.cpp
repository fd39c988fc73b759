#include "cartero/returns/register.hpp"

#include <algorithm>
#include <cctype>


#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/text.hpp"
#include "cartero/letters/letter_code.hpp"
#include "cartero/letters/printed.hpp"
#include "cartero/returns/cases.hpp"
#include "return_search.hpp"
#include "store.hpp"

namespace cartero::returns {

namespace {

// The return's folded search columns from its letter (migration 28).
void index_for_search(Database& db, std::int64_t return_id, const std::string& letter_id) {
  const auto l = letters::find_letter(db, letter_id);
  if (!l) return;
  store::set_return_search(db, return_id, detail::return_search_text(*l), fold_search(l->zone));
}

}  // namespace

LetterState letter_state(Database& db, const std::string& letter_id) {
  const auto letter = letters::find_letter(db, letter_id);
  if (!letter) return LetterState::unknown;
  return letter->sent_on ? LetterState::dispatched : LetterState::not_dispatched;
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
  if (const auto id = store::return_of_letter(db, r.letter_id)) {
    if (store::voided_at(db, *id).value_or("").empty()) return {*id, true};
    // The letter's return was voided: registered again under its number.
    store::revive_return(db, *id, r);
    route_return(db, *id, r.letter_id, r.cause, routing);
    return {*id, false};
  }
  const std::int64_t next = store::next_return_number(db);
  store::insert_return(db, next, r);
  index_for_search(db, next, r.letter_id);
  route_return(db, next, r.letter_id, r.cause, routing);
  return {next, false};
}

Voided void_return(Database& db, std::int64_t return_id, const std::string& reason, const std::string& user) {
  const std::string id = std::to_string(return_id);
  const std::string why(trim(reason));
  if (why.empty()) throw InputError(ErrorCode::void_needs_reason, "voiding a return needs its reason (--reason)");
  sql::Transaction tx(db);
  sql::lock_exclusive(db, sql::k_lock_return_register);
  const auto current = store::find_return(db, return_id);
  if (!current) throw InputError(ErrorCode::no_such_return, "there is no return " + id + " in the register", {{"return", id}});
  if (!store::voided_at(db, return_id).value_or("").empty()) {
    throw InputError(ErrorCode::return_already_voided, "return " + id + " is already voided", {{"return", id}});
  }
  Voided out;
  out.letter_id = current->letter_id;
  out.cause = current->cause;
  store::void_return(db, return_id, user, why);
  // The cases it opened and nobody worked yet are closed with it; a case
  // already worked keeps its finding.
  for (const auto& [case_id, status] : store::cases_of_return(db, return_id)) {
    if (status != "open") continue;
    store::close_voided_case(db, case_id, user);
    out.cases_closed.push_back(case_id);
  }
  tx.commit();
  return out;
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
                    const Routing& routing, const std::optional<std::string>& observation) {
  if (trim(reason).empty()) throw InputError(ErrorCode::correction_needs_reason, "a correction needs its reason (--reason)");
  if (letter_id && letter_state(db, *letter_id) != LetterState::dispatched) {
    throw InputError(ErrorCode::not_a_dispatched_letter, "letter " + *letter_id + " is not a dispatched letter of Cartero",
                     {{"letter", *letter_id}});
  }
  sql::Transaction tx(db);
  sql::lock_exclusive(db, sql::k_lock_return_register);
  const std::string id = std::to_string(return_id);
  auto current = store::find_return(db, return_id);
  if (!current) throw InputError(ErrorCode::no_such_return, "there is no return " + id + " in the register", {{"return", id}});
  if (!store::voided_at(db, return_id).value_or("").empty()) {
    throw InputError(ErrorCode::return_voided, "return " + id + " is voided and cannot be corrected", {{"return", id}});
  }
  const std::string why(trim(reason));
  if (letter_id && *letter_id != current->letter_id) {
    if (store::return_of_letter(db, *letter_id)) throw InputError(ErrorCode::letter_has_return, "letter " + *letter_id + " already has its own return", {{"letter", *letter_id}});
    store::correct_field(db, return_id, "letter_id", current->letter_id, *letter_id, user, why);
    current->letter_id = *letter_id;
    index_for_search(db, return_id, *letter_id);
  }
  if (cause && cause_info(*cause).code != current->cause) {
    store::correct_field(db, return_id, "cause", current->cause, std::string(cause_info(*cause).code), user, why);
    if (!store::return_has_case(db, return_id)) route_return(db, return_id, current->letter_id, *cause, routing);
  }
  if (observation && std::string(trim(*observation)) != current->observation) {
    store::correct_field(db, return_id, "observation", current->observation, std::string(trim(*observation)), user, why);
  }
  tx.commit();
}

}  // namespace cartero::returns
