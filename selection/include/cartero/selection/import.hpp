// Import of the utility's exports (DESIGN "Input files"): accounts.csv
// replaces the portfolio snapshot; payments.csv and letters.csv replace the
// imported payment and letter history. Each import is one transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cartero/core/database.hpp"

namespace cartero::selection {

enum class ImportKind { accounts, payments, letters };

// Parses "accounts" / "payments" / "letters"; InputError otherwise.
ImportKind parse_import_kind(const std::string& text);

// Why a row was not imported: a code, like selection's reasons.
enum class RowProblem {
  no_account_id,
  not_a_use_type,
  not_a_billing_type,
  not_an_amount,
  not_whole_days,
  not_yes_no,
  not_a_sanitation_flag,
  not_a_date,
  repeated_account,
  missing_field,  // the row has fewer fields than the header
  unclosed_quote, // a quoted field has no closing quote (the row is skipped)
};
inline constexpr std::size_t k_row_problem_count = 11;
std::string_view code(RowProblem p);
// The problem's Spanish text with {value} and {field} holes (for tests and the API).
std::string spanish_template(RowProblem p);

// A row that was not imported, and why.
struct RejectedRow {
  std::size_t line = 0;  // line number in the file, from 1 (the header is line 1)
  std::string field;     // column name, or "" for the whole row
  std::string reason;    // English, for the command line
  RowProblem problem = RowProblem::no_account_id;
  std::string value;     // the value as it came (quoted), or the number of fields
};
// The row's problem in Spanish, its value kept as it came.
std::string spanish_label(const RejectedRow& row);

struct ImportSummary {
  std::string kind;
  std::string file;
  std::string encoding;
  char delimiter = ',';
  // Every physical line is accounted for: the header, `blank` lines and
  // rows of empty cells, and the `read` rows (imported or rejected; a row
  // whose quoted field holds line breaks takes more than one line).
  std::int64_t lines = 0;
  std::int64_t blank = 0;
  std::int64_t read = 0;
  std::int64_t imported = 0;
  std::vector<RejectedRow> rejected;

  std::string to_json() const;
};

// Reads and imports one file. Rows that cannot be read are reported in the
// summary and skipped; the rest are written in one transaction.
// Throws InputError (nothing written) when the file cannot be read as a
// whole: missing, empty, not text, no header, a required column missing.
ImportSummary import_file(Database& db, ImportKind kind, const std::string& path);

// The last import of `kind` (what a new one replaces), for the audit log:
// {"file", "imported_at", "read", "imported", "rejected"}, or "null".
std::string last_import_json(Database& db, ImportKind kind);

}  // namespace cartero::selection
