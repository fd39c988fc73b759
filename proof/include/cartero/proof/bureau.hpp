// Which debts may be reported to the credit bureaus as of a date (Ley 1266
// art. 12): the accounts whose notice period has run and that have not paid
// since the notice nor disputed (an open claim), each with its evidence (letters, guías, dates, what
// became of each letter).
#pragma once

#include <string>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/money.hpp"
#include "cartero/core/people_export.hpp"
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
  Date reportable_from;     // unset (Date{}) when a second notice is needed
  std::vector<BureauLetter> letters;  // oldest first
  // A small debt noticed on one day only: it needs a second notice, sent on
  // another day, before it may be reported (20 days after that one).
  bool needs_second_notice = false;
};

// The report's two lists, from one pass over the letters.
struct BureauLists {
  std::vector<BureauEntry> reportable;
  // Small debts noticed on one day only as of the date, unpaid since that
  // notice and not disputed: a second notice is due (not reportable yet).
  std::vector<BureauEntry> second_notice;
};
// Which lists to build (each costs its own candidates, so a caller asks only
// for what it shows).
struct BureauWanted {
  bool reportable = true;
  bool second_notice = true;
};
BureauLists bureau_lists(Database& db, Date as_of, const BureauSettings& settings, BureauWanted wanted = {});
// The accounts of bureau_lists(…).second_notice with the saved settings, by
// account id: what `select --second-notices` (and the web's "Segundo
// aviso") select from (selection::SelectOptions::second_notice_accounts).
std::vector<std::string> second_notices_due(Database& db, Date as_of);

// The reportable accounts as of `as_of`, by account id. Counts the letters
// dispatched on or before `as_of`; an account that made a payment > 0 on or
// after its first notice is left out (the debt changed: a new notice is due).
// A returned letter still counts as sent to the last known address; its
// return is shown as evidence.
std::vector<BureauEntry> bureau_report(Database& db, Date as_of, const BureauSettings& settings);

// The report as a table people open (XLSX or CSV, core/people_export.hpp):
// one row per letter with its account's columns, the last one its state
// ("Reportable", "Necesita segundo aviso"); `second_notice` follows the
// reportable ones. InputError when the file cannot be created.
void write_bureau(const std::string& path, const std::vector<BureauEntry>& entries, ExportFormat format,
                  const std::vector<BureauEntry>& second_notice = {});

// One JSON line (no newline): {"account_id", "balance", "small_debt",
// "letters": [{"letter_id", "guia", "sent_on", "outcome", "cause", "outcome_on"}],
// "reportable_from"}; for an account needing a second notice
// "reportable_from" is null and "status":"needs_second_notice" follows.
std::string to_json_line(const BureauEntry& e);

}  // namespace cartero::proof
