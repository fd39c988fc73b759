// Import of the utility's exports (DESIGN "Input files"): accounts.csv
// replaces the portfolio snapshot; payments.csv and letters.csv replace the
// imported payment and letter history. Each import is one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/selection/import_profile.hpp"

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
  // The courier's spreadsheets (returns/courier_import.hpp).
  not_a_letter_code,      // the barcode column holds no code of ours
  no_letter_reference,    // neither barcode nor letter id
  no_such_letter,
  letter_not_dispatched,
  date_before_sending,    // {value}: the date; the letter went out after it
  unknown_courier_cause,
  letter_already_returned,
  letter_already_delivered,
  // Claims and contacts (claims.hpp).
  account_not_in_portfolio,
  no_claim_id,
  repeated_claim,
  date_in_future,
  not_a_claim_status,
  not_a_channel,
  not_a_time,
};
inline constexpr std::size_t k_row_problem_count = 26;
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
  std::string format = "csv";  // "csv" or "xlsx"
  std::string sheet;           // the sheet read (xlsx)
  // How slashed dates were read: "dd/mm/yyyy" or "mm/dd/yyyy" ("" when the
  // file has none), and who decided it: "file" (a day over 12 said so),
  // "profile" (the import profile's date_format) or "default" (dd/mm/yyyy,
  // Colombia's way, when every day was 12 or less and no profile said).
  std::string date_format;
  std::string date_format_from;
  std::int64_t rounded = 0;  // amounts with centavos, rounded half up
  // Accounts whose document type is none Cartero knows: kept as written,
  // their letters' salutation goes by the document id; the first such value.
  std::int64_t unknown_document_types = 0;
  std::string unknown_document_type;
  std::int64_t replaced = 0; // rows of the previous import it replaced

  std::string to_json() const;
};

struct ImportOptions {
  std::optional<std::string> sheet;  // an .xlsx workbook's sheet (default: the first)
  bool accept_rejected = false;      // import even past max_rejected_percent
  bool replace_smaller = false;      // let an accounts file under half the portfolio replace it
  std::optional<ImportProfile> profile;  // default: the saved one
};

// An accounts file that would replace the portfolio with one less than half
// its size (refused unless ImportOptions::replace_smaller). The web page
// asks "Reemplazará 49.970 cuentas por 7 — ¿continuar?".
class SmallerSnapshotError : public InputError {
 public:
  // `current_text`, `incoming_text`: the counts the Spanish way ("49.970").
  SmallerSnapshotError(const std::string& what, std::int64_t current, std::int64_t incoming, const std::string& current_text,
                       const std::string& incoming_text)
      : InputError(ErrorCode::smaller_portfolio, what,
                   {{"current", std::to_string(current)}, {"incoming", std::to_string(incoming)}, {"current_text", current_text},
                    {"incoming_text", incoming_text}, {"confirm", "replace_smaller"}}),
        m_current(current),
        m_incoming(incoming) {}
  std::int64_t current() const { return m_current; }
  std::int64_t incoming() const { return m_incoming; }

 private:
  std::int64_t m_current;
  std::int64_t m_incoming;
};

// Reads and imports one CSV or XLSX file. Rows that cannot be read are
// reported in the summary and skipped; the rest are written in one
// transaction, and the import they replace is kept for undo_import().
// Throws InputError (nothing written) when the file cannot be read as a
// whole (missing, empty, not text, not a workbook, no header, a required
// column missing, a second header row), when no row can be read, when more
// than the profile's max_rejected_percent of the rows (2 %) are rejected or
// one column fails on most rows (unless accept_rejected; the message names
// the first errors and the likely cause), and SmallerSnapshotError as above.
ImportSummary import_file(Database& db, ImportKind kind, const std::string& path, const ImportOptions& options = {});

// How a file writes day and month (DayOrder), read from its date column at
// `column`: decided by the first date with a day or month over 12; else the
// profile's date format; else dd/mm/yyyy. Sets summary-style `format`
// ("dd/mm/yyyy"; "" when no date is slashed) and `from` ("file", "profile",
// "default"). Used by the courier's files too.
DayOrder detect_day_order(const std::string& path, const std::optional<std::string>& sheet, int column,
                          const KindProfile& profile, std::string& format, std::string& from);

struct UndoSummary {
  std::string kind;
  std::string restored_file;  // the import put back
  std::int64_t restored = 0;  // its rows
  std::int64_t replaced = 0;  // rows of the import it replaces (kept, so undo again redoes)
  std::string to_json() const;
};
// Puts back the previous import of `kind` (one transaction); the import it
// replaces becomes the previous one. InputError when there is none.
UndoSummary undo_import(Database& db, ImportKind kind);

// The last import of `kind` (what a new one replaces), for the audit log:
// {"file", "imported_at", "read", "imported", "rejected"}, or "null".
std::string last_import_json(Database& db, ImportKind kind);
// The same for any kind the `imports` log names ("claims", "contacts"…).
std::string import_log_json(Database& db, std::string_view kind);

}  // namespace cartero::selection
