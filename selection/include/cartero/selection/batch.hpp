// Draft batches: a selection stored with its cutoff, settings, the selected
// accounts in order and every excluded account's reasons, so the batch can
// be explained and reproduced later. A draft changes nothing else.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cartero/core/account.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/text_arena.hpp"
#include "cartero/selection/rules.hpp"
#include "cartero/selection/settings.hpp"

namespace cartero::selection {

// What the floors above selection know about accounts and the rules read:
// the letters Cartero dispatched (letters/) and the cases still open
// (returns/). Selection owns neither table, so it asks through this
// interface, which returns/ implements (returns::selection_history()) and
// app/ and webui/ pass in. Implementations are stateless and thread-safe.
class AccountHistory {
 public:
  virtual ~AccountHistory() = default;
  // Every letter Cartero dispatched on or after `from`: its account and
  // date (views valid during the call).
  virtual void for_each_dispatched_letter(Database& db, Date from,
                                          const std::function<void(std::string_view account_id, Date sent_on)>& fn) const = 0;
  // Every open case: its account, and whether it keeps an address check
  // (field check, address update) or a billing case (clean-up, address
  // update) pending.
  virtual void for_each_open_case(
      Database& db, const std::function<void(std::string_view account_id, bool address_check, bool billing_case)>& fn) const = 0;
  // A field check to open before mailing: the account's address in force is
  // incomplete or unreadable (rule address_incomplete).
  struct AddressCheck {
    std::string account_id, holder_name, zone, neighborhood, address, note;
  };
  // Opens one field check (cause "address_incomplete") per entry, inside the
  // caller's transaction; returns how many. The default opens none.
  virtual std::int64_t open_address_checks(Database& db, const std::vector<AddressCheck>& checks) const {
    (void)db;
    (void)checks;
    return 0;
  }
  // The letters Cartero printed for an account: each one's batch and rank
  // (the rank the account was selected at).
  virtual void for_each_letter_of_account(Database& db, const std::string& account_id,
                                          const std::function<void(std::int64_t batch_id, std::int64_t rank)>& fn) const = 0;
};

struct SelectOptions {
  Date cutoff;
  Settings settings;
  std::optional<std::string> selected_csv;  // write selected.csv here
  std::optional<std::string> excluded_csv;  // write excluded.csv here
  // Cartero's own letters and open cases; nullptr: none are counted (only
  // the imported history), as for a database without letters.
  const AccountHistory* history = nullptr;
  // Who selects (recorded with the batch: the approver must be someone else).
  std::string created_by;
  // A batch of second notices (Ley 1266 art. 12: a debt of at most 15 % of
  // a minimum wage needs two notices on different days before it may be
  // reported): only these accounts are candidates (the callers take them
  // from proof::bureau_lists), and the settings should be
  // second_notice_settings(…). The batch is stored with notice 2.
  std::optional<std::vector<std::string>> second_notice_accounts;
};

// The settings of a second-notice batch: those given, less what decided the
// first notice — every use type's threshold 0 (any balance owed), days past
// due 0, the letter window 0 days (a letter sent on or after the cutoff still
// leaves an account out: the second notice goes on another day), no control
// group. The other rules (address, holds, claims, payments, contacts, the
// cap) stay as given.
Settings second_notice_settings(Settings s);

struct BatchResult {
  std::int64_t batch_id = 0;
  Date cutoff;
  std::int64_t total = 0;
  std::int64_t selected = 0;
  std::vector<FunnelStep> funnel;
  // Field checks opened (through options.history) for accounts left out
  // only for an incomplete or unreadable address (create_batch; 0 in a
  // preview or without a history).
  std::int64_t address_checks_opened = 0;
};

// Reads the portfolio and its history, applies the rules and stores a draft
// batch, all in one transaction; then moves the CSV files into place.
// Throws InputError when there is no portfolio to select from.
BatchResult create_batch(Database& db, const SelectOptions& options);

struct BatchSummary {
  std::int64_t id = 0;
  std::string created_at, cutoff, status;
  std::int64_t accounts = 0, selected = 0;
  // Once dispatched: the date the letters count as sent, who dispatched it
  // and when (Bogotá date and time); empty before.
  std::string dispatched_on, dispatched_by, dispatched_at;
  int notice = 1;  // 2: a batch of second notices
};
// Every batch, newest first.
std::vector<BatchSummary> list_batches(Database& db);
// The funnel stored with a batch (funnel_json's shape); nullopt when there is no such batch.
std::optional<std::string> stored_funnel_json(Database& db, std::int64_t batch_id);

// The settings a batch was selected with; nullopt when there is no such batch.
std::optional<Settings> batch_settings(Database& db, std::int64_t batch_id);

// One stored batch's state, for the folders that carry a batch on (letters
// prints and dispatches it, returns reports on it).
struct BatchState {
  std::int64_t id = 0;
  std::string status;  // "draft", "generated", "dispatched"
  Date cutoff;
  std::string dispatched_on;  // ISO date, "" until dispatched
  std::int64_t selected = 0;  // accounts selected (letters to print)
  int notice = 1;             // 2: its letters are second notices ({{second_notice}})
};
// nullopt when there is no such batch.
std::optional<BatchState> find_batch(Database& db, std::int64_t batch_id);

// The batch's letters were generated in parts of `part_size`: a draft
// becomes "generated" (a generated or dispatched batch keeps its status).
// Inside the caller's sql::Transaction.
void mark_generated(Database& db, std::int64_t batch_id, int part_size);

// A "generated" batch becomes "dispatched" on `date`. Returns false, and
// changes nothing, when the batch is unknown, a draft or already
// dispatched; the test and the change are one statement, so of two
// dispatches at once only one gets true. Inside the caller's transaction.
// Records who dispatched it (`user`) and when (`at`, Bogotá date and time).
bool mark_dispatched(Database& db, std::int64_t batch_id, Date date, const std::string& user = {}, const std::string& at = {});

// A text that changes whenever a batch is created or changes status, or an
// export is imported (each import is logged in its transaction): the
// highest batch id, the counts of generated and dispatched batches, the
// highest import id. A few index lookups; for caches (returns_state).
std::string batches_state(Database& db);

// What create_batch would select, without storing anything (batch_id 0):
// the funnel an analyst looks at before saving the batch.
BatchResult preview_batch(Database& db, const SelectOptions& options);

// Every account with the facts the rules need, sorted by account_id; the
// candidates' text lives in `text`.
struct Portfolio {
  std::vector<Candidate> candidates;
  TextArena text;
};
// `history`: Cartero's letters and open cases (nullptr: none).
Portfolio load_portfolio(Database& db, Date cutoff, const Settings& settings, const AccountHistory* history = nullptr);

// The accounts of these ids as the last import of the portfolio states them
// (without what billing and field established on top); ids not in the
// snapshot are left out, order not kept.
std::vector<Account> snapshot_accounts(Database& db, const std::vector<std::string>& account_ids);

// Accounts of the snapshot per zone ("" for accounts without one).
std::vector<std::pair<std::string, std::int64_t>> accounts_per_zone(Database& db);
// Whether the snapshot has this account.
bool in_snapshot(Database& db, const std::string& account_id);

// One selected account of a stored batch, as selected.csv shows it.
struct SelectedEntry {
  std::int64_t rank = 0;
  std::string_view account_id;
  std::string_view holder_name;
  UseType use_type = UseType::residential;
  BillingType billing_type = BillingType::direct;
  Pesos balance = 0;
  int days_past_due = 0;
};

// The selected accounts of a batch in rank order (views valid during the
// call). Throws InputError when the batch does not exist.
void for_each_selected(Database& db, std::int64_t batch_id, const std::function<void(const SelectedEntry&)>& fn);
// The same for the ranks first_rank .. first_rank + count - 1 only (ranks
// count from 1), reading just the stored chunks that hold them: a large
// batch read a window at a time.
void for_each_selected(Database& db, std::int64_t batch_id, std::int64_t first_rank, std::int64_t count,
                       const std::function<void(const SelectedEntry&)>& fn);

// Every excluded account of a batch with its reasons, in account_id (byte)
// order. Throws InputError when the batch does not exist.
void for_each_excluded(Database& db, std::int64_t batch_id,
                       const std::function<void(std::string_view account_id, Reasons reasons)>& fn);

// The reasons an account was left out of a batch; nullopt when it was
// selected or is not in the batch's portfolio.
std::optional<Reasons> excluded_reasons(Database& db, std::int64_t batch_id, const std::string& account_id);

// The rank of an account among a batch's selected accounts; nullopt when it
// was not selected.
std::optional<std::int64_t> selected_rank(Database& db, std::int64_t batch_id, const std::string& account_id);

// {"total": N, "steps": [{"reason", "label", "excluded", "remaining"}…], "selected": K}
std::string funnel_json(std::int64_t total, const std::vector<FunnelStep>& funnel, std::int64_t selected);

}  // namespace cartero::selection
