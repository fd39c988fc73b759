// The one error policy of Cartero.
//
// Per-item outcomes (a rejected CSV row, an excluded account, an unreadable
// page) are values, never exceptions. A failure that stops a whole command is
// thrown as one of the two kinds below; `app/` maps them to exit codes
// (InputError -> 1, InternalError -> 2) and `webui/` to HTTP (4xx / 500).
// Adapters catch library exceptions (Poco, OpenCV, ZXing, libharu) and rethrow
// one of these with a message a user can act on.
//
// An InputError carries a code and its arguments besides its English message
// (what() is for the command line): the web answers with the code, its
// Spanish text and its HTTP status from one table (error_texts.hpp), never by
// reading the message.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace cartero {

// Why an input was refused. Every code has its Spanish text and HTTP
// status in error_texts.cpp (a test checks none is missing).
enum class ErrorCode {
  invalid_input,  // no specific code: the English message is the detail
  // Batches, letters and dispatch.
  no_such_batch,
  batch_already_dispatched,
  batch_without_letters,
  batch_empty,
  no_portfolio,
  letter_text_too_long,
  template_unknown_placeholder,
  template_unclosed,
  batch_discarded,
  batch_already_discarded,
  batch_mailed,
  batch_stale,
  batch_overlaps,
  batch_being_printed,
  batch_texts_changed,
  no_contact_day,
  batch_not_approved,
  approval_void,
  approver_not_allowed,
  approver_selected_batch,
  batch_not_approvable,
  batch_never_dispatched,
  // Letters and their proof.
  no_such_letter,
  letter_never_dispatched,
  account_never_notified,
  file_exists,
  no_accounts_imported,
  no_second_notice_due,  // select --second-notices with no small debt noticed once
  second_notice_same_day,  // a second notice dispatched before its batch's cutoff (the first notice's day or earlier)
  // Returns, review and cases.
  letter_not_ours,
  letter_not_dispatched,
  not_a_dispatched_letter,
  letter_has_return,
  correction_needs_reason,
  no_such_return,
  no_such_page,
  page_not_in_review,
  no_such_case,
  case_closed,
  case_not_field,
  case_not_billing,
  address_needed,
  rejection_needs_reason,
  cleanup_decision,
  address_update_decision,
  no_such_account,
  // Undo and correction (issue 19).
  void_needs_reason,
  return_already_voided,
  return_voided,
  reopen_needs_reason,
  case_not_closed,
  case_of_voided_return,
  page_not_confirmed,
  // Users.
  user_exists,
  no_such_user,
  password_too_short,
  user_needs_name,
  last_admin,
  user_not_locked,
  zone_not_in_portfolio,
  // Imported files.
  unknown_import_kind,
  missing_column,
  needs_letter_column,
  file_empty,
  not_text_file,
  no_header,
  no_data_rows,
  no_row_readable,
  // Imports that would make things worse, workbooks, undo (exports).
  no_data_rows_history,
  no_row_readable_history,
  too_many_rejected,
  column_fails,
  smaller_portfolio,
  header_repeated,
  not_a_workbook,
  workbook_damaged,
  zip_bomb,
  sheet_hidden,
  no_such_sheet,
  header_merged,
  sheet_cut_off,
  profile_column_missing,
  nothing_to_undo,
  // The database.
  database_unreachable,
  database_unusable,
  database_busy,
  // Settings.
  settings_not_json,
  settings_not_object,
  unknown_setting,
  setting_not_days,
  setting_not_whole,
  setting_negative,
  setting_out_of_range,
  setting_not_boolean,
  thresholds_not_object,
  unknown_use_type,
  unknown_cause,
  unknown_route,
  claims_rows_rejected,  // a claims or contacts file with rows that cannot be imported
  claims_no_rows,
};
inline constexpr int k_error_code_count = static_cast<int>(ErrorCode::claims_no_rows) + 1;

// Named values a message is built from ("batch" -> "7", "file" -> "cuentas.csv").
using ErrorArgs = std::vector<std::pair<std::string, std::string>>;

// Base of Cartero's errors. Don't throw or catch it directly.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The user's input is wrong (a file, a flag, a request). The message says
// what and where, and what to do next (English, for the command line).
class InputError : public Error {
 public:
  explicit InputError(const std::string& message) : Error(message), m_args{{"detail", message}} {}
  InputError(ErrorCode code, const std::string& message, ErrorArgs args = {})
      : Error(message), m_code(code), m_args(std::move(args)) {}
  ErrorCode code() const { return m_code; }
  const ErrorArgs& args() const { return m_args; }

 private:
  ErrorCode m_code = ErrorCode::invalid_input;
  ErrorArgs m_args;
};

// The database stayed locked by another writer (a long import, a backup)
// past the busy timeout and the retries: nothing was written, and the same
// command can simply be run again. Exit 1, HTTP 503 "database is busy".
class BusyError : public InputError {
 public:
  explicit BusyError(const std::string& message) : InputError(ErrorCode::database_busy, message) {}
};

// Something broke that the user could not have prevented (disk, database,
// a bug). Nothing was written.
class InternalError : public Error {
 public:
  using Error::Error;
};

}  // namespace cartero
