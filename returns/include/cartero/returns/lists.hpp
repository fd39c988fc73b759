// The lists people read in the web UI and export: the return register with
// its filters, the zones of the portfolio, and the stored image of a
// scanned page (the proof a return keeps).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cartero/core/people_export.hpp"

#include "cartero/core/database.hpp"
#include "cartero/returns/cases.hpp"

namespace cartero::returns {

// Every field is optional ("" / nullopt: no filter). Dates are ISO.
// The register's order, by a column of its own: the number, the letter,
// the zone, the cause and the source (by their Spanish labels), the date
// returned, who registered it. The account and holder are the letters',
// joined a page at a time, so the register is not sorted by them.
struct ReturnSort {
  enum class Key { number, letter, zone, cause, returned_on, registered_by, source };
  Key key = Key::number;
  bool descending = true;
  bool is_default() const { return key == Key::number && descending; }
};

struct ReturnFilter {
  std::string cause;       // a cause code
  std::string zone;        // without regard to case
  std::string source;      // scan, hand, courier_file
  std::string text;        // part of the letter id, the account id, the holder's name or the address,
                           // without regard to accents, case or punctuation
  std::string from, to;    // returned_on between (inclusive)
  std::optional<std::int64_t> before_id;  // the next page: returns numbered below this (default order)
  std::int64_t limit = 200;               // 0: all (exports)
  ReturnSort sort;
  std::int64_t offset = 0;  // the next page in another order: the rows to skip
};

struct ReturnRow {
  std::int64_t return_id = 0;
  std::string letter_id, cause, observation, returned_on, registered_at, registered_by, source;
  std::string account_id, holder_name, address, zone;
  std::optional<std::int64_t> scan_page_id;
  std::string voided_at, voided_by, void_reason;  // "" unless voided
};

// How many returns match `filter` (its before_id and limit aside).
std::int64_t count_returns(Database& db, const ReturnFilter& filter);
// The register's returns matching `filter`, newest number first.
void for_each_return(Database& db, const ReturnFilter& filter, const std::function<void(const ReturnRow&)>& fn);
// The same as CSV (RFC 4180, UTF-8, header row) written to `path`.
// `format`: XLSX, or CSV in Excel's Spanish dialect (Spanish headers, the
// causes' labels, Bogotá time) or the machine one (core/people_export.hpp).
void write_returns_csv(Database& db, const ReturnFilter& filter, const std::string& path,
                       ExportFormat format = ExportFormat::csv_machine);

// A work list (field checks of a zone, billing's cases) as CSV: case_id,
// kind, account_id, holder_name, address, neighborhood, zone, cause,
// letter_id, return_id, opened_at, an empty `finding` column for the
// person who works it on paper, and the courier's `observation`.
void write_cases_csv(const std::string& path, const std::vector<Case>& cases, ExportFormat format = ExportFormat::csv_machine);

struct ZoneSummary {
  std::string zone;
  std::int64_t accounts = 0;
  std::int64_t open_field_cases = 0;
};

// The zones of the imported portfolio, with their accounts and open field
// checks, by zone name (it counts the portfolio: callers keep it under
// returns_state).
std::vector<ZoneSummary> zones(Database& db);

// A PNG of a scanned page (made once, kept next to the database): the proof
// of a return or the page a person reviews. nullopt when there is no such
// page or its file is gone.
std::optional<std::string> page_image(Database& db, std::int64_t scan_page_id);
// The scanned page a return was registered from, if any.
std::optional<std::int64_t> return_scan_page(Database& db, std::int64_t return_id);
// The PNG crop of a page kept for review: its codes (`codes`) or its cause panel.
std::optional<std::string> review_crop(Database& db, std::int64_t scan_page_id, bool codes);
// The PNG crop of the observation the courier wrote on a return's scanned
// page; nullopt when nothing was written there or the return has no scan.
std::optional<std::string> return_observation(Database& db, std::int64_t return_id);

// Whether an account has a field check in one of `zones` (what field staff may look up).
bool on_field_lists(Database& db, const std::string& account_id, const std::vector<std::string>& zones);
// The zone of a case; nullopt when there is no such case.
std::optional<std::string> case_zone(Database& db, std::int64_t case_id);

}  // namespace cartero::returns
