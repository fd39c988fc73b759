// Private: returns' SQL on the tables it owns — the register (returns,
// return_corrections), deliveries, cases, the scanned files and pages
// (scan_files, scan_pages) and their versions (data_versions). Typed values
// out, never rows by position; the only files of this folder that name
// their columns (store_register.cpp, store_cases.cpp, store_scans.cpp).
// Letters and accounts come from letters/ and selection/ public APIs.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/returns/cases.hpp"
#include "cartero/returns/lists.hpp"
#include "cartero/returns/register.hpp"
#include "cartero/returns/scan_intake.hpp"

namespace cartero::returns::store {

// ---- The register (store_register.cpp)

// The return registered for a letter, if any.
std::optional<std::int64_t> return_of_letter(Database& db, const std::string& letter_id);
// The next consecutive number (call under the register's lock).
std::int64_t next_return_number(Database& db);
void insert_return(Database& db, std::int64_t return_id, const NewReturn& r);

struct ReturnKey {
  std::string letter_id, cause, observation;
};
std::optional<ReturnKey> find_return(Database& db, std::int64_t return_id);
// Changes a return's `field` ("letter_id", "cause" or "observation", from this folder's
// code) and keeps the earlier value as a correction (who, when, why).
void correct_field(Database& db, std::int64_t return_id, std::string_view field, const std::string& before,
                   const std::string& after, const std::string& user, const std::string& reason);

// A registered return as the register stores it (the letter's facts come
// from letters/).
struct StoredReturn {
  std::int64_t return_id = 0;
  std::string letter_id, cause, observation, returned_on, registered_at, registered_by, source;
  std::optional<std::int64_t> scan_page_id;
  std::string voided_at, voided_by, void_reason;  // "" unless voided
};
// Returns matching the filter (cause, source, dates, zone and text through
// the folded search columns), numbered below `below`, newest first, at most
// `limit`.
// In another order than the default (f.sort), `below` is not used and the
// page starts after `offset` rows.
std::vector<StoredReturn> returns_page(Database& db, const ReturnFilter& f, std::int64_t below, std::int64_t limit,
                                       std::int64_t offset = 0);
// How many returns match the filter (before_id and limit aside).
std::int64_t count_returns(Database& db, const ReturnFilter& f);
// The folded search columns of a return (migration 28) and its words
// (migration 32).
void set_return_search(Database& db, std::int64_t return_id, const std::string& search_text, const std::string& zone_key);
// Returns written before the search columns: their numbers and letters.
std::vector<std::pair<std::int64_t, std::string>> returns_without_search(Database& db);
// A return voided: who, when (now) and why; its number stays in the register.
void void_return(Database& db, std::int64_t return_id, const std::string& user, const std::string& reason);
// A voided return registered again for its letter: the void is lifted and
// the new cause, observation, date, source and page replace the old ones;
// the void is kept as a correction.
void revive_return(Database& db, std::int64_t return_id, const NewReturn& r);
// When the return was voided ("" when it stands); nullopt: no such return.
std::optional<std::string> voided_at(Database& db, std::int64_t return_id);
// The open or closed cases a return opened: id and status.
std::vector<std::pair<std::int64_t, std::string>> cases_of_return(Database& db, std::int64_t return_id);
// The returns of these letters.
std::vector<StoredReturn> returns_of_letters(Database& db, const std::vector<std::string>& letter_ids);
// Every return: its letter and cause (views valid during the call).
void for_each_return_cause(Database& db, const std::function<void(std::string_view letter_id, std::string_view cause)>& fn);

// Deliveries the courier reported.
std::optional<std::string> delivered_on(Database& db, const std::string& letter_id);
void insert_delivery(Database& db, const std::string& letter_id, Date on, const std::string& source);
void for_each_delivery(Database& db, const std::function<void(std::string_view letter_id)>& fn);

// A scanned page attached to a return that has none (one registered from
// the courier's spreadsheet); false when it already has its image.
bool attach_scan_page(Database& db, std::int64_t return_id, std::int64_t page_id);
std::optional<std::string> cause_of_return(Database& db, std::int64_t return_id);

// The highest return number, the count of corrections and the versions of
// cases, deliveries and attached scans: "a,b,c,d,e".
std::string register_state(Database& db);
// Raises a table's version ("cases", "deliveries") in the transaction that
// changes it.
void raise_version(Database& db, const char* table);

// ---- Cases (store_cases.cpp)

struct NewCase {
  CaseKind kind = CaseKind::field_check;
  std::string account_id, letter_id;
  std::optional<std::int64_t> return_id;
  std::string cause, zone, neighborhood, address, holder_name, note;
};
// Opens a case (and raises the cases' version); returns its id.
std::int64_t insert_case(Database& db, const NewCase& c);
struct CaseState {
  Case c;
  std::string status;  // "open", "closed"
};
std::optional<CaseState> find_case(Database& db, std::int64_t case_id);
// `at`: when it closed (UTC ISO; empty: now).
void close_case(Database& db, std::int64_t case_id, const std::string& outcome, const std::string& note,
                const std::string& new_address, const std::string& user, const std::string& at = "");
bool return_has_case(Database& db, std::int64_t return_id);
// A case whose return was voided: closed with outcome "return_voided" (its note kept).
void close_voided_case(Database& db, std::int64_t case_id, const std::string& user);
// A closed case open again: outcome, new address and closing cleared, the
// count of reopenings raised.
void reopen_case(Database& db, std::int64_t case_id);
// What a closing recorded (migration 32): the account's facts before and
// after it (selection's text), the case it opened.
void set_case_facts(Database& db, std::int64_t case_id, const std::string& before, const std::string& after);
void set_follow_up(Database& db, std::int64_t case_id, std::int64_t follow_up_id);
struct CaseAftermath {
  std::optional<std::string> facts_before, facts_after;
  std::optional<std::int64_t> follow_up_id;
};
CaseAftermath case_aftermath(Database& db, std::int64_t case_id);
// A case's outcome code ("" while open); nullopt: no such case.
std::optional<std::string> case_outcome(Database& db, std::int64_t case_id);
std::vector<Case> open_field_cases(Database& db, const std::string& zone);  // unordered
std::vector<Case> open_billing_cases(Database& db);                         // oldest first
// Every open case: its account, kind code and opening time.
void for_each_open_case(Database& db,
                        const std::function<void(std::string_view account_id, std::string_view kind, std::string_view opened_at)>& fn);
// An account's cases, in order, for its history.
struct CaseEvent {
  std::string opened_at;
  std::int64_t id = 0;
  std::string kind, cause, status;
  std::optional<std::string> outcome, closed_at, closed_by, note;
};
std::vector<CaseEvent> cases_of_account(Database& db, const std::string& account_id);
// Open field checks per zone.
std::vector<std::pair<std::string, std::int64_t>> open_field_checks_per_zone(Database& db);
bool has_field_check(Database& db, const std::string& account_id, const std::string& zone);
std::optional<std::string> zone_of_case(Database& db, std::int64_t case_id);

// ---- Scanned files and pages (store_scans.cpp)

void keep_scan_file(Database& db, const std::string& sha256, const std::string& original_name, const std::string& stored_path,
                    std::int64_t bytes);
bool page_waits_for_review(Database& db, const std::string& file_sha256, int page);
struct NewPage {
  std::string file_sha256;
  int page = 0;
  std::string scanned_by, status, letter_id, barcode, cause, note;
  double cause_confidence = 0;
  std::string note_code;  // page_notes.hpp's code of the note
};
std::int64_t insert_page(Database& db, const NewPage& p);
void set_page_outcome(Database& db, std::int64_t page_id, const std::string& status, std::int64_t return_id);
void set_page_crops(Database& db, std::int64_t page_id, const std::string& code_crop, const std::string& panel_crop);
std::optional<std::string> page_status(Database& db, std::int64_t page_id);
// A confirmed review: the page's letter, cause and return, and the other
// pages of the same letter waiting in review settled as duplicates.
void confirm_page(Database& db, std::int64_t page_id, const std::string& status, const std::string& letter_id,
                  const std::string& cause, std::int64_t return_id);
std::vector<ReviewItem> pages_in_review(Database& db);
// The return a page was registered or settled under, if any.
std::optional<std::int64_t> page_return(Database& db, std::int64_t page_id);
// A confirmation undone: the page waits in review again.
void page_back_to_review(Database& db, std::int64_t page_id);
// The stored file and page number of a scanned page.
struct PageSource {
  std::string stored_path;
  int page = 0;
};
std::optional<PageSource> page_source(Database& db, std::int64_t page_id);
std::optional<std::string> page_crop(Database& db, std::int64_t page_id, bool codes);
void set_observation_crop(Database& db, std::int64_t page_id, const std::string& png);
// The observation crop of a return's scanned page, if it has one.
std::optional<std::string> return_observation_crop(Database& db, std::int64_t return_id);

}  // namespace cartero::returns::store
