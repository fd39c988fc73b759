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

// A row that was not imported, and why.
struct RejectedRow {
  std::size_t line = 0;  // line number in the file, from 1 (the header is line 1)
  std::string field;     // column name, or "" for the whole row
  std::string reason;
};

struct ImportSummary {
  std::string kind;
  std::string file;
  std::string encoding;
  char delimiter = ',';
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
