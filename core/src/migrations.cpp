// The schema, as numbered migrations applied in order on open. Append new
// versions at the end; never edit one that has shipped. Written in the SQL
// both engines share; {serial_pk} and {without_rowid} are filled per engine.
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
-- A batch's accounts are stored in chunks of a few thousand lines, each
-- line's fields separated by TAB, with \\, \t and \n escaped: a million
-- one-row-per-account inserts would cost more than the selection itself.
-- batch_selected: in rank order, one line per account:
--   account_id, holder_name, use_type, billing_type, balance, days_past_due
CREATE TABLE batch_selected (
  batch_id BIGINT NOT NULL REFERENCES batches (id),
  chunk INTEGER NOT NULL,
  first_rank INTEGER NOT NULL,
  accounts INTEGER NOT NULL,
  entries TEXT NOT NULL,
  PRIMARY KEY (batch_id, chunk)
){without_rowid};
-- batch_excluded: in account_id (byte) order, one line per account:
--   account_id, reasons (the bit set of selection/reasons.hpp, in decimal)
CREATE TABLE batch_excluded (
  batch_id BIGINT NOT NULL REFERENCES batches (id),
  chunk INTEGER NOT NULL,
  first_account TEXT NOT NULL,
  accounts INTEGER NOT NULL,
  entries TEXT NOT NULL,
  PRIMARY KEY (batch_id, chunk)
){without_rowid};
)SQL";

// Letters: numbered per year without gaps (letter_counters), stored with
// the batch with what they say (a snapshot of name and address), the
// barcode payload, where they are printed, and when they were sent.
// A batch goes draft -> generated (letters and parts written) -> dispatched.
const char* const k_v2_letters = R"SQL(
CREATE TABLE letter_counters (
  year INTEGER PRIMARY KEY,
  last_number BIGINT NOT NULL
);
CREATE TABLE letters (
  letter_id TEXT NOT NULL PRIMARY KEY,
  batch_id BIGINT NOT NULL REFERENCES batches (id),
  rank INTEGER NOT NULL,
  account_id TEXT NOT NULL,
  document_id TEXT NOT NULL,
  holder_name TEXT NOT NULL,
  address TEXT NOT NULL,
  neighborhood TEXT NOT NULL,
  city TEXT NOT NULL,
  zone TEXT NOT NULL,
  balance BIGINT NOT NULL,
  days_past_due INTEGER NOT NULL,
  barcode TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  part INTEGER,
  page INTEGER,
  sent_on TEXT
);
CREATE UNIQUE INDEX letters_by_batch ON letters (batch_id, rank);
CREATE INDEX letters_by_account ON letters (account_id);
CREATE INDEX letters_by_sent_on ON letters (sent_on);
CREATE TABLE letter_parts (
  batch_id BIGINT NOT NULL REFERENCES batches (id),
  file TEXT NOT NULL,
  letters INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  generated_at TEXT NOT NULL,
  PRIMARY KEY (batch_id, file)
);
ALTER TABLE batches ADD COLUMN part_size INTEGER;
)SQL";

// The return register ("Registro de información de mensajería"): one return
// per letter, numbered consecutively without gaps; and every scanned page
// with what was read from it. Scanned files are kept by content hash next to
// the database (scan_files), so a return can always show its proof.
const char* const k_v3_returns = R"SQL(
CREATE TABLE returns (
  return_id BIGINT NOT NULL PRIMARY KEY,
  letter_id TEXT NOT NULL UNIQUE REFERENCES letters (letter_id),
  cause TEXT NOT NULL,
  observation TEXT NOT NULL,
  returned_on TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  source TEXT NOT NULL,
  scan_page_id BIGINT,
  cause_confidence DOUBLE PRECISION
);
CREATE TABLE scan_files (
  sha256 TEXT NOT NULL PRIMARY KEY,
  original_name TEXT NOT NULL,
  stored_path TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  first_seen TEXT NOT NULL
);
CREATE TABLE scan_pages (
  id {serial_pk},
  file_sha256 TEXT NOT NULL,
  page INTEGER NOT NULL,
  scanned_at TEXT NOT NULL,
  scanned_by TEXT NOT NULL,
  status TEXT NOT NULL,
  letter_id TEXT,
  barcode TEXT,
  cause TEXT,
  cause_confidence DOUBLE PRECISION,
  return_id BIGINT,
  note TEXT NOT NULL,
  code_crop TEXT,
  panel_crop TEXT
);
CREATE INDEX scan_pages_by_status ON scan_pages (status);
)SQL";

// Where returns go: cases for field staff (checking an address) and for
// billing (clean-up of demolished and vacant-lot accounts, address
// updates), and the facts they establish, kept apart from the imported
// snapshot and applied on top of it, so a re-import never erases them.
const char* const k_v4_cases = R"SQL(
CREATE TABLE cases (
  id {serial_pk},
  kind TEXT NOT NULL,
  account_id TEXT NOT NULL,
  letter_id TEXT,
  return_id BIGINT,
  cause TEXT NOT NULL,
  zone TEXT NOT NULL,
  neighborhood TEXT NOT NULL,
  address TEXT NOT NULL,
  holder_name TEXT NOT NULL,
  status TEXT NOT NULL,
  outcome TEXT,
  note TEXT NOT NULL,
  new_address TEXT,
  opened_at TEXT NOT NULL,
  closed_at TEXT,
  closed_by TEXT
);
CREATE INDEX cases_by_status ON cases (status, kind);
CREATE INDEX cases_by_account ON cases (account_id);
CREATE TABLE deliveries (
  letter_id TEXT NOT NULL PRIMARY KEY REFERENCES letters (letter_id),
  delivered_on TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  source TEXT NOT NULL
);
CREATE TABLE return_corrections (
  return_id BIGINT NOT NULL REFERENCES returns (return_id),
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  field TEXT NOT NULL,
  before_value TEXT NOT NULL,
  after_value TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE TABLE account_facts (
  account_id TEXT NOT NULL PRIMARY KEY,
  sanitation TEXT,
  address TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
)SQL";

// People who use the web UI, their sessions, failed logins (throttling)
// and the audit log of every write (who, when, what, before and after).
const char* const k_v5_users = R"SQL(
CREATE TABLE users (
  name TEXT NOT NULL PRIMARY KEY,
  role TEXT NOT NULL,
  zones TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  salt TEXT NOT NULL,
  iterations INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  disabled INTEGER NOT NULL
);
CREATE TABLE sessions (
  token TEXT NOT NULL PRIMARY KEY,
  user_name TEXT NOT NULL REFERENCES users (name),
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE login_failures (
  user_name TEXT NOT NULL,
  address TEXT NOT NULL,
  failed_at TEXT NOT NULL
);
CREATE INDEX login_failures_by_user ON login_failures (user_name, address);
CREATE TABLE audit_log (
  id {serial_pk},
  at TEXT NOT NULL,
  user_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL
);
)SQL";

// Settings an admin edits in the web UI (selection rules, returns routing and
// the courier's cause names), one JSON document per name; absent means the
// defaults. A `--config` file given to a command overrides them.
const char* const k_v6_settings = R"SQL(
CREATE TABLE settings (
  name TEXT NOT NULL PRIMARY KEY,
  json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
)SQL";

// What the web UI reads under load: a zone's open field checks and the
// register filtered by cause, newest first, without reading the whole
// register; a batch's chunks of excluded accounts by their first account
// without reading the chunks (an account's "why is it out" read 220 rows of
// 53 KB each to find one, 3 ms; with the index, 0.1 ms); and a version per table whose rows change in place or are
// written by concurrent transactions (cases are closed, deliveries imported),
// raised in the writing transaction, so a cache can tell in one lookup that
// nothing changed (the row lock orders the raises by commit on PostgreSQL).
const char* const k_v7_web_reads = R"SQL(
CREATE INDEX cases_open_by_zone ON cases (status, kind, zone);
CREATE INDEX returns_by_cause ON returns (cause, return_id);
CREATE INDEX batch_excluded_chunks ON batch_excluded (batch_id, chunk, first_account);
CREATE TABLE data_versions (
  name TEXT NOT NULL PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO data_versions (name, version) VALUES ('cases', 0);
INSERT INTO data_versions (name, version) VALUES ('deliveries', 0);
)SQL";

// Scan uploads read in the background by the web server: the files of each
// job and how far it got (counts as of the last whole file), so a job cut
// off by a restart goes on from there when the server starts again.
const char* const k_v8_scan_jobs = R"SQL(
CREATE TABLE scan_jobs (
  id BIGINT NOT NULL PRIMARY KEY,
  user_name TEXT NOT NULL,
  started_at TEXT NOT NULL,
  files TEXT NOT NULL,
  files_done INTEGER NOT NULL,
  state TEXT NOT NULL,
  pages BIGINT NOT NULL,
  pages_total BIGINT NOT NULL,
  recorded BIGINT NOT NULL,
  duplicate BIGINT NOT NULL,
  review BIGINT NOT NULL,
  unreadable BIGINT NOT NULL,
  error TEXT NOT NULL
);
)SQL";

// Who dispatched a batch, and when (Bogotá date and time, with its offset):
// dispatched_on stays the date the letters count as sent. Why a scanned page
// needs a person, as a code (page_notes.hpp) beside its English note.
const char* const k_v9_dispatched_by = R"SQL(
ALTER TABLE batches ADD COLUMN dispatched_by TEXT;
ALTER TABLE batches ADD COLUMN dispatched_at TEXT;
ALTER TABLE scan_pages ADD COLUMN note_code TEXT;
)SQL";

// Login throttling per address (any user) and pruning old failures.
constexpr const char* k_v10_login_failures = R"SQL(
CREATE INDEX login_failures_by_address ON login_failures (address, failed_at);
CREATE INDEX login_failures_by_time ON login_failures (failed_at);
)SQL";

// Imports (exports helper): the columns an admin's import profile keeps with
// each account (a JSON object), the courier's own wording of a return's
// cause, and which import each kind's `<table>_previous` holds for
// `cartero import undo` (the copy itself is made by the import, with the
// table's columns of the day).
const char* const k_v11_imports = R"SQL(
ALTER TABLE accounts ADD COLUMN extra TEXT NOT NULL DEFAULT '';
ALTER TABLE returns ADD COLUMN courier_cause TEXT NOT NULL DEFAULT '';
CREATE TABLE import_previous (
  kind TEXT NOT NULL PRIMARY KEY,
  file TEXT NOT NULL,
  rows_kept BIGINT NOT NULL,
  kept_at TEXT NOT NULL
);
)SQL";

// Addresses: where a recorded address came from (field or billing) and when,
// the address field staff found right (address_ok) so that the check of
// incomplete addresses does not send them to it again,
// filled for the facts already recorded from the cases that recorded them;
// the export's municipality (DIVIPOLA) and postal code when it has those
// columns, and the verdict on its address (core/address.hpp) judged at
// import, NULL for rows imported before (selection judges those itself);
// and the municipality and postal code each letter was printed
// with, for the courier's manifest. Nullable, so files without them load.
const char* const k_v12_addresses = R"SQL(
ALTER TABLE account_facts ADD COLUMN address_source TEXT;
ALTER TABLE account_facts ADD COLUMN address_on TEXT;
ALTER TABLE account_facts ADD COLUMN address_by TEXT;
ALTER TABLE account_facts ADD COLUMN address_confirmed TEXT;
UPDATE account_facts SET address_on = updated_at, address_by = updated_by,
  address_source = COALESCE((SELECT CASE WHEN c.kind = 'address_update' THEN 'billing' ELSE 'field' END FROM cases c
                             WHERE c.account_id = account_facts.account_id AND c.new_address = account_facts.address
                             ORDER BY c.closed_at DESC LIMIT 1), 'field')
  WHERE address IS NOT NULL;
ALTER TABLE accounts ADD COLUMN municipality_code TEXT;
ALTER TABLE accounts ADD COLUMN postal_code TEXT;
ALTER TABLE accounts ADD COLUMN address_verdict TEXT;
ALTER TABLE letters ADD COLUMN municipality_code TEXT;
ALTER TABLE letters ADD COLUMN municipality TEXT;
ALTER TABLE letters ADD COLUMN postal_code TEXT;
)SQL";

// Letters kept as evidence (issue 16): the template and sender block each
// batch was printed with, by SHA-256 (letter_texts); each part's archived
// copy (by content hash next to the database) and its pages' SHA-256, 64 hex
// digits per page in page order; discarded drafts; and the lock that keeps
// two printing runs of one batch apart (letter_runs).
const char* const k_v13_letter_evidence = R"SQL(
CREATE TABLE letter_texts (
  sha256 TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL,
  content TEXT NOT NULL,
  first_used TEXT NOT NULL
);
ALTER TABLE batches ADD COLUMN template_sha256 TEXT;
ALTER TABLE batches ADD COLUMN sender_sha256 TEXT;
ALTER TABLE batches ADD COLUMN discarded_at TEXT;
ALTER TABLE batches ADD COLUMN discarded_by TEXT;
ALTER TABLE letter_parts ADD COLUMN stored_path TEXT;
ALTER TABLE letter_parts ADD COLUMN page_sha256 TEXT;
CREATE TABLE letter_runs (
  batch_id BIGINT NOT NULL PRIMARY KEY,
  started_at TEXT NOT NULL,
  host TEXT NOT NULL,
  pid BIGINT NOT NULL
);
)SQL";

// Proof of notice (proof/ owns it): the courier's admission of each letter,
// its guía number and the day it was admitted. A guía names one letter.
const char* const k_v17_admissions = R"SQL(
CREATE TABLE letter_admissions (
  letter_id TEXT NOT NULL PRIMARY KEY REFERENCES letters (letter_id),
  guia TEXT NOT NULL UNIQUE,
  admitted_on TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
)SQL";

// The courier's proofs of delivery (proof/ owns it): image files kept by
// content hash beside the database, each tied to the letter it proves.
const char* const k_v18_delivery_proofs = R"SQL(
CREATE TABLE delivery_proofs (
  letter_id TEXT NOT NULL REFERENCES letters (letter_id),
  sha256 TEXT NOT NULL,
  original_name TEXT NOT NULL,
  stored_path TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  matched_by TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  PRIMARY KEY (letter_id, sha256)
);
)SQL";

// Certificates issued (proof/ owns it): the hash of the facts printed on
// each and of the file written, so a certificate shown later can be checked.
const char* const k_v19_certificates = R"SQL(
CREATE TABLE certificates (
  file_sha256 TEXT NOT NULL PRIMARY KEY,
  letter_id TEXT NOT NULL REFERENCES letters (letter_id),
  facts_sha256 TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  issued_by TEXT NOT NULL
);
)SQL";

// Campaign controls (issue 17): a letter held back at dispatch keeps its
// number and says why (letters.void_reason; letters owns it); who selected
// each batch (batches.created_by) and the approvals before printing
// (batch_approvals: the brief's SHA-256 and what the approval covers; selection
// owns both).
const char* const k_v20_campaign = R"SQL(
ALTER TABLE letters ADD COLUMN void_reason TEXT;
ALTER TABLE batches ADD COLUMN created_by TEXT;
CREATE TABLE batch_approvals (
  batch_id BIGINT NOT NULL REFERENCES batches (id),
  approved_by TEXT NOT NULL,
  approved_at TEXT NOT NULL,
  brief_sha256 TEXT NOT NULL,
  covers_sha256 TEXT NOT NULL
);
CREATE INDEX batch_approvals_by_batch ON batch_approvals (batch_id);
)SQL";

// A scanned image attached to a return registered from the courier's
// spreadsheet changes what the register shows: its own version, read with
// the register's state. And the crop of the observation the courier wrote
// on a scanned page, shown with its return.
const char* const k_v21_return_scans = R"SQL(
INSERT INTO data_versions (name, version) VALUES ('return_scans', 0);
ALTER TABLE scan_pages ADD COLUMN observation_crop TEXT;
)SQL";

// Disputes, holds and contacts (selection/ owns them): the claims in process
// (each import replaces them), the holds the accounts export states, and the
// contacts other systems made (calls, SMS, e-mail). The accounts kept for
// `import undo` were copied with the old columns and cannot be put back into
// the widened table, so that one undo is given up.
const char* const k_v22_claims_holds_contacts = R"SQL(
CREATE TABLE claims (
  claim_id TEXT NOT NULL PRIMARY KEY,
  account_id TEXT NOT NULL,
  filed_on TEXT NOT NULL,
  disputed_amount BIGINT NOT NULL,
  status TEXT NOT NULL
);
CREATE INDEX claims_account ON claims (account_id);
CREATE TABLE contacts (
  account_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  contacted_on TEXT NOT NULL,
  contacted_at TEXT NOT NULL
);
CREATE INDEX contacts_on ON contacts (contacted_on);
ALTER TABLE accounts ADD COLUMN payment_agreement INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN deceased_holder INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN insolvency INTEGER NOT NULL DEFAULT 0;
DROP TABLE IF EXISTS accounts_previous;
DELETE FROM import_previous WHERE kind = 'accounts';
)SQL";

// Search people can use: folded search columns written with each row
// (core/text.hpp's fold_search), so a query folds only what was typed.
// Accounts: `search_key` (the number without punctuation, indexed) and
// `search_text` (number, holder, document, address, neighbourhood);
// returns: `search_text` (letter, account, holder, address) and `zone_key`
// (the letter's zone folded). Rows written before are filled on their first
// search. The accounts kept for `import undo` have the old columns: that one
// undo is given up (as in 22).
const char* const k_v28_search = R"SQL(
ALTER TABLE accounts ADD COLUMN search_key TEXT;
ALTER TABLE accounts ADD COLUMN search_text TEXT;
CREATE INDEX accounts_by_search_key ON accounts (search_key);
ALTER TABLE returns ADD COLUMN search_text TEXT;
ALTER TABLE returns ADD COLUMN zone_key TEXT;
CREATE INDEX returns_by_zone_key ON returns (zone_key, return_id);
DROP TABLE IF EXISTS accounts_previous;
DELETE FROM import_previous WHERE kind = 'accounts';
)SQL";

// Undo and correction: a voided return keeps its number and its letter in
// the register, with who voided it, when and why; a case reopened keeps
// the count of reopenings. And a scan job keeps the pages it left for a
// person (file, page, status, note code: one line each).
const char* const k_v29_voids = R"SQL(
ALTER TABLE returns ADD COLUMN voided_at TEXT;
ALTER TABLE returns ADD COLUMN voided_by TEXT;
ALTER TABLE returns ADD COLUMN void_reason TEXT;
ALTER TABLE cases ADD COLUMN reopened INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scan_jobs ADD COLUMN problems TEXT NOT NULL DEFAULT '';
)SQL";

// The holder's document type as the accounts export states it (a code of
// core/account.hpp's parse_document_type, or the value as written; '' when
// the export has no such column), and the one each letter was printed with
// (NULL for letters printed before: they chose by the document id). The
// accounts kept for `import undo` get the column too, so that undo still
// puts them back (an empty copy is made when none was kept).
const char* const k_v30_document_type = R"SQL(
CREATE TABLE IF NOT EXISTS accounts_previous AS SELECT * FROM accounts WHERE 1 = 0;
ALTER TABLE accounts ADD COLUMN document_type TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts_previous ADD COLUMN document_type TEXT NOT NULL DEFAULT '';
ALTER TABLE letters ADD COLUMN document_type TEXT;
)SQL";

// Campaign leftovers (issues 17 and 18): the accounts import keeps the rows
// that repeated an account id (rejected, but set beside the row kept in the
// quality report), replaced with each import and put back by `import undo`;
// a batch says which notice it carries (1, or 2: the second notice a small
// debt needs before it may be reported, Ley 1266 art. 12).
const char* const k_v31_campaign_leftovers = R"SQL(
CREATE TABLE accounts_repeated (
  account_id TEXT NOT NULL,
  line BIGINT NOT NULL,
  holder_name TEXT NOT NULL,
  document_id TEXT NOT NULL,
  use_type TEXT NOT NULL,
  address TEXT NOT NULL,
  neighborhood TEXT NOT NULL,
  city TEXT NOT NULL,
  zone TEXT NOT NULL,
  billing_type TEXT NOT NULL,
  balance BIGINT NOT NULL,
  days_past_due BIGINT NOT NULL,
  legal_collection INTEGER NOT NULL,
  sanitation TEXT NOT NULL
);
CREATE TABLE accounts_repeated_previous AS SELECT * FROM accounts_repeated;
ALTER TABLE batches ADD COLUMN notice INTEGER NOT NULL DEFAULT 1;
)SQL";

// Search by words in any order: every folded word of an account's and a
// return's search text, one row each, so that each typed word is found as
// the prefix of a word by the index (bytes order), not by a LIKE scan of
// the table. Accounts' words are written by the first search after an
// accounts import or undo (which empty them), in the key's order; the
// returns' with their search text, which is cleared here so the first
// search writes both. And a closed case keeps what its closing recorded
// over the account (the account's facts before and after, selection's
// text) and the case it opened, so that reopening it takes them back.
const char* const k_v32_search_words = R"SQL(
CREATE TABLE account_words (
  word {bytes_text} NOT NULL,
  account_id TEXT NOT NULL,
  PRIMARY KEY (word, account_id)
){without_rowid};
CREATE TABLE return_words (
  word {bytes_text} NOT NULL,
  return_id BIGINT NOT NULL
);
CREATE INDEX return_words_by_word ON return_words (word, return_id);
CREATE INDEX return_words_by_return ON return_words (return_id);
UPDATE returns SET search_text = NULL;
ALTER TABLE cases ADD COLUMN facts_before TEXT;
ALTER TABLE cases ADD COLUMN facts_after TEXT;
ALTER TABLE cases ADD COLUMN follow_up_id BIGINT;
)SQL";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> k_all = {
      {1, k_v1_portfolio},
      {2, k_v2_letters},
      {3, k_v3_returns},
      {4, k_v4_cases},
      {5, k_v5_users},
      {6, k_v6_settings},
      {7, k_v7_web_reads},
      {8, k_v8_scan_jobs},
      {9, k_v9_dispatched_by},
      {10, k_v10_login_failures},
      {11, k_v11_imports},
      {12, k_v12_addresses},
      {13, k_v13_letter_evidence},
      {17, k_v17_admissions},
      {18, k_v18_delivery_proofs},
      {19, k_v19_certificates},
      {20, k_v20_campaign},
      {21, k_v21_return_scans},
      {22, k_v22_claims_holds_contacts},
      {28, k_v28_search},
      {29, k_v29_voids},
      {30, k_v30_document_type},
      {31, k_v31_campaign_leftovers},
      {32, k_v32_search_words},
  };
  return k_all;
}

}  // namespace cartero
