// Reports on batches, returns and cases (JSON for programs, CSV for
// spreadsheets); the web UI draws them as charts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cartero/core/causes.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"

namespace cartero::returns {

struct ReportSettings {
  // Causes whose returns count as "notified" (none by default).
  std::vector<ReturnCause> notified_causes;
  int field_deadline_days = 15;    // service level for field checks
  int billing_deadline_days = 30;  // for clean-ups and address updates
};

struct BatchReport {
  std::int64_t batch_id = 0;
  std::string status, cutoff, dispatched_on;
  std::int64_t letters = 0, delivered = 0, returned = 0, pending = 0, notified = 0;
  std::vector<std::pair<std::string, std::int64_t>> returns_by_cause;  // every cause, panel order
  std::vector<std::pair<std::string, std::int64_t>> returns_by_zone;
};

// One report per batch (or the one asked for), newest first.
std::vector<BatchReport> batch_reports(Database& db, const ReportSettings& s, std::optional<std::int64_t> batch = {});
std::string to_json(const std::vector<BatchReport>& reports);
void write_csv(const std::string& path, const std::vector<BatchReport>& reports);

struct CaseAge {
  std::string kind;
  std::int64_t open = 0, overdue = 0, oldest_days = 0;
  int deadline_days = 0;
  std::int64_t by_age[4] = {0, 0, 0, 0};  // open 0–7, 8–15, 16–30, over 30 days
};

// Open cases by kind, with how many are past their deadline at `today`.
std::vector<CaseAge> case_ages(Database& db, const ReportSettings& s, Date today);
std::string to_json(const std::vector<CaseAge>& ages);

// A text that changes whenever anything the batch and case reports, the
// register list, the work lists and the zones read changes, from a few index lookups:
// returns are numbered in commit order under the register's lock and only
// corrected by adding a correction; cases and deliveries raise their
// version (data_versions) in the transaction that writes them; a batch only
// goes draft -> generated -> dispatched; each import of an export is logged
// (imports) in the transaction that writes it. Read it before computing what a
// cache keeps under it, and the cache is never staler than its key (whoever
// wrote, whichever process).
std::string returns_state(Database& db);

// An account's time line: letters (batch, date, amount), deliveries,
// returns (cause, scanned file), field and billing cases, rule exclusions of
// each batch. JSON; InputError when the account is unknown everywhere.
std::string account_history_json(Database& db, const std::string& account_id);

}  // namespace cartero::returns
