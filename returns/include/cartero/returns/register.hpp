// The return register ("Registro de información de mensajería"): each
// returned letter is registered once, with the next consecutive number of
// the register, its cause, an observation, who and when.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cartero/core/causes.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"
#include "cartero/returns/cases.hpp"

namespace cartero::returns {

struct NewReturn {
  std::string letter_id;
  ReturnCause cause = ReturnCause::other;
  std::string observation;
  Date returned_on;
  std::string user;
  std::string source;  // "scan", "hand", "courier_file"
  std::optional<std::int64_t> scan_page_id;
  std::optional<double> cause_confidence;
};

struct Registered {
  std::int64_t return_id = 0;
  bool duplicate = false;  // the letter was already registered: this is its return
};

// What the register knows of a letter id.
enum class LetterState { unknown, not_dispatched, dispatched };
LetterState letter_state(Database& db, const std::string& letter_id);

// Registers a return in its own transaction, or finds the letter's existing
// one (duplicate). Numbers are consecutive and gapless: the next number is
// taken under the database's write lock. InputError when the letter is
// unknown or its batch was never dispatched.
Registered register_return(Database& db, const NewReturn& r, const Routing& routing = {});
// The same inside the caller's open sql::Transaction (the letter must have
// been checked with letter_state()).
Registered register_within(Database& db, const NewReturn& r, const Routing& routing = {});

// The letter a typed text names: a letter id ("2026-000123") or a barcode
// payload ("2026-000123-7"); nullopt when it is neither.
std::optional<std::string> letter_id_from_typed(const std::string& text);

// Corrects a registered return's cause, letter and/or observation (the
// observation a person typed from the courier's handwriting). The earlier
// values are kept as history (who, when, what, before, after, why) and
// nothing is deleted; a new cause that routes somewhere opens its case.
// InputError: unknown return, unknown or undispatched letter, a letter that
// already has another return, no reason given.
void correct_return(Database& db, std::int64_t return_id, std::optional<ReturnCause> cause,
                    std::optional<std::string> letter_id, const std::string& reason, const std::string& user,
                    const Routing& routing = {}, const std::optional<std::string>& observation = std::nullopt);

// Voids a registered return (a mistake: the letter was not returned, or was
// registered twice under another letter): its number, letter and values
// stay in the register marked voided, with who, when and why (kept as a
// correction too); the cases it opened that are still open are closed with
// outcome "return_voided", a case already worked keeps its finding. The
// letter may be registered again later: the voided return comes back under
// its number with the new values. One transaction. InputError: no reason,
// unknown return, already voided.
struct Voided {
  std::string letter_id, cause;
  std::vector<std::int64_t> cases_closed;
};
Voided void_return(Database& db, std::int64_t return_id, const std::string& reason, const std::string& user);

}  // namespace cartero::returns
