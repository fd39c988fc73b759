// The schema, as numbered migrations applied in order on open. Append new
// versions at the end; never edit one that has shipped. Written in the SQL
// both engines share; {serial_pk}, {without_rowid} and {references_batches}
// are filled per engine (core/src/sql.cpp, run_script_impl).
// Dates are ISO text ('YYYY-MM-DD'), which sorts and compares as dates.
// payments and prior_letters have no date index on purpose: selection reads
// a window of them, and a sequential scan beats an index range scan with a
// table lookup per row several times over.
#include <vector>

#include "database_impl.hpp"

namespace cartero {

namespace {

const char* const k_v1_portfolio = R"SQL(
CREATE TABLE accounts (
  account_id TEXT NOT NULL,
  holder_name TEXT NOT NULL,
  document_id TEXT NOT NULL,
  use_type TEXT NOT NULL,
  address TEXT NOT NULL,
  neighborhood TEXT NOT NULL,
  city TEXT NOT NULL,
  zone TEXT NOT NULL,
  billing_type TEXT NOT NULL,
  balance BIGINT NOT NULL,
  days_past_due INTEGER NOT NULL,
  legal_collection INTEGER NOT NULL,
  sanitation TEXT NOT NULL
);
CREATE UNIQUE INDEX accounts_by_id ON accounts (account_id);
CREATE TABLE payments (
  account_id TEXT NOT NULL,
  paid_on TEXT NOT NULL,
  amount BIGINT NOT NULL
);
CREATE TABLE prior_letters (
  account_id TEXT NOT NULL,
  sent_on TEXT NOT NULL
);
CREATE TABLE imports (
  id {serial_pk},
  kind TEXT NOT NULL,
  file TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_imported BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL
);
CREATE TABLE batches (
  id {serial_pk},
  created_at TEXT NOT NULL,
  cutoff TEXT NOT NULL,
  max_letters BIGINT,
  settings_json TEXT NOT NULL,
  funnel_json TEXT NOT NULL,
  accounts_total BIGINT NOT NULL,
  selected_count BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft',
  dispatched_on TEXT
);
CREATE TABLE batch_selected (
  batch_id BIGINT NOT NULL {references_batches},
  rank INTEGER NOT NULL,
  account_id TEXT NOT NULL,
  holder_name TEXT NOT NULL,
  use_type TEXT NOT NULL,
  billing_type TEXT NOT NULL,
  balance BIGINT NOT NULL,
  days_past_due INTEGER NOT NULL,
  PRIMARY KEY (batch_id, rank)
){without_rowid};
-- Excluded accounts in chunks of consecutive account ids (byte order):
-- `entries` holds one "account_id<TAB>reasons<LF>" line per account, where
-- reasons is the bit set of selection/reasons.hpp as a decimal number.
-- A million one-row-per-account inserts would cost more than the selection.
CREATE TABLE batch_excluded (
  batch_id BIGINT NOT NULL {references_batches},
  chunk INTEGER NOT NULL,
  first_account TEXT NOT NULL,
  last_account TEXT NOT NULL,
  accounts INTEGER NOT NULL,
  entries TEXT NOT NULL,
  PRIMARY KEY (batch_id, chunk)
){without_rowid};
)SQL";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> k_all = {
      {1, k_v1_portfolio},
  };
  return k_all;
}

}  // namespace cartero
