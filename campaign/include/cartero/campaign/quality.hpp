// The quality report of the portfolio (the last accounts import, as in
// force) or of a batch's selected accounts, before a campaign goes out
// (seed 001: "verificar la calidad de la base… eliminar datos duplicados y
// garantizar que todos los campos estén correctamente diligenciados").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/core/people_export.hpp"
#include "cartero/selection/accounts.hpp"
#include "cartero/selection/import_log.hpp"

namespace cartero::campaign {

// One finding on one account: check is a code of k_quality_checks;
// `detail` in English (the command line), `detail_es` the same in Spanish
// for people (the web page, the Excel downloads), with labels, never codes.
struct QualityIssue {
  std::string account_id, check, detail, detail_es;
};

// One field whose values differ within a duplicate: its values as written,
// the row kept first, then each repeated row in line order.
struct DifferingValues {
  std::string field;
  std::vector<std::string> values;
};

// Accounts that look like one debtor entered twice: by "account_id" (the
// export has the same account on several rows: the first was kept, the
// later ones rejected at import, `lines` says where), by "document_id" or
// by "address_and_name" (the address in force, canonical, and the holder
// name, without case or accents), with the fields whose values differ
// (and, by account id, their values).
struct DuplicateGroup {
  std::string by, key;
  std::vector<std::string> accounts;
  std::vector<std::string> differing;
  std::vector<std::int64_t> lines;
  std::vector<DifferingValues> values;
};

struct CheckCount {
  std::string check;
  std::int64_t accounts = 0;
};

struct QualityFindings {
  std::int64_t accounts = 0;
  std::vector<CheckCount> counts;  // every check of k_quality_checks, in order
  std::vector<DuplicateGroup> duplicates;
  std::vector<QualityIssue> issues;  // by account id, then check order
};

// The checks, in report order: missing_holder_name, unknown_document_type
// (a document type core/account.hpp does not know, kept as the export
// wrote it), missing_address,
// address_incomplete, missing_zone, missing_neighborhood, missing_city,
// zero_balance, negative_balance, days_contradict_balance (days past due
// above 0 with no balance owed, or below 0), duplicate_account_id,
// duplicate_document_id, duplicate_address_and_name.
const std::vector<std::string>& quality_checks();
// Spanish text for people.
std::string_view quality_label(std::string_view check);

// Pure: the findings on these accounts (any order). `repeated`: the rows
// of the export that repeated an account id (only those of `accounts` are
// reported), `kept`: the rows kept for those ids as the export stated them.
QualityFindings assess(const std::vector<selection::AccountInForce>& accounts,
                       const std::vector<selection::RepeatedAccount>& repeated = {}, const std::vector<Account>& kept = {});

struct QualityReport {
  std::optional<std::int64_t> batch;
  // "Registros depurados": the last accounts import's rows read, rejected
  // (unreadable or repeated account ids) and kept; with a batch, the
  // accounts each rule left out and the selected.
  std::string import_file, imported_at;
  std::int64_t read = 0, rejected = 0, kept = 0;
  std::int64_t repeated = 0;  // of the rejected: rows repeating an account id
  std::string funnel_json;  // the batch's stored funnel; "" without a batch
  QualityFindings findings;
};

// Reads the accounts in force (all, or a batch's selected ones) and the
// import log. InputError: no portfolio imported, an unknown batch. Writes
// nothing.
QualityReport quality_report(Database& db, std::optional<std::int64_t> batch);

// {"batch": ID|null, "import": {"file", "imported_at", "read", "rejected",
//  "kept", "repeated"}, "accounts", "checks": [{"check", "label", "accounts"}],
//  "duplicates": [{"by", "key", "accounts": […], "differing": […]} (by
//  account_id also "lines": […], "values": {field: [kept, repeated…]})],
//  "funnel": {…}|null, "issues": [{"account_id", "check", "detail",
//  "detail_label"}] (the first 1,000), "issues_total"}
std::string to_json(const QualityReport& r);
// account_id, check, label, detail: every issue. `format`: the machine CSV
// (--csv), or for people (the web's downloads) an Excel workbook or Excel's
// Spanish CSV, with Spanish headers and the check's label.
void write_csv(const std::string& path, const QualityReport& r, ExportFormat format = ExportFormat::csv_machine);

}  // namespace cartero::campaign
