// Which debts may be reported to the credit bureaus as of a date (Ley 1266
// art. 12): the accounts whose notice period has run and that have not paid
// since the notice, each with its evidence (letters, guías, dates, what
// became of each letter).
#pragma once

#include <string>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/money.hpp"
#include "cartero/proof/notice_clock.hpp"

namespace cartero::proof {

struct BureauLetter {
  std::string letter_id;
  std::string guia;         // empty when the courier's admission was not imported
  Date sent_on;             // the admission date, else the dispatch date
  std::string outcome;      // "delivered", "returned" or "pending"
  std::string cause;        // the return cause's code when returned
  std::string outcome_on;   // ISO date of the delivery or return, empty when pending
};

struct BureauEntry {
  std::string account_id;
  Pesos balance = 0;        // the amount the latest notice claimed
  bool small_debt = false;  // two notices were needed
  Date reportable_from;
  std::vector<BureauLetter> letters;  // oldest first
};

// The reportable accounts as of `as_of`, by account id. Counts the letters
// dispatched on or before `as_of`; an account that made a payment > 0 on or
// after its first notice is left out (the debt changed: a new notice is due).
// A returned letter still counts as sent to the last known address; its
// return is shown as evidence.
std::vector<BureauEntry> bureau_report(Database& db, Date as_of, const BureauSettings& settings);

// One JSON line (no newline): {"account_id", "balance", "small_debt",
// "letters": [{"letter_id", "guia", "sent_on", "outcome", "cause", "outcome_on"}],
// "reportable_from"}.
std::string to_json_line(const BureauEntry& e);

}  // namespace cartero::proof
