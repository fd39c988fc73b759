// An account as in force: the imported snapshot with what billing and field
// staff established (account_facts) applied on top. Selection owns the
// portfolio and its facts; letters, manifests, field lists, route sheets,
// the account's page and the explanation read accounts through here, so all
// of them print the same address. Plain values; SQL stays in store_accounts.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cartero/core/account.hpp"
#include "cartero/core/database.hpp"
#include "cartero/selection/settings.hpp"

namespace cartero::selection {

// Where the address in force came from.
enum class AddressSource { snapshot, field, billing };
std::string_view code(AddressSource s);  // "snapshot", "field", "billing"
// Spanish text for people ("Corregida en terreno").
std::string_view label(AddressSource s);

struct AccountInForce {
  std::string account_id, holder_name, document_id;
  std::string document_type;  // the export's: a code ("CC", "NIT"…), as written, or ""
  std::string address;  // in force: the recorded correction, else the snapshot's
  std::string neighborhood, city, zone;
  UseType use_type = UseType::residential;
  BillingType billing_type = BillingType::direct;
  Pesos balance = 0;
  int days_past_due = 0;
  bool legal_collection = false;
  AddressSource address_source = AddressSource::snapshot;
  std::string snapshot_address;       // as the last import states it
  std::string address_recorded_at;    // when a correction was recorded (UTC ISO), else ""
  std::string address_recorded_by;   // who recorded it, else ""
  Sanitation sanitation = Sanitation::none;  // the snapshot's flag or billing's confirmation
  bool sanitation_confirmed = false;         // billing confirmed a clean-up
  // The export's municipality (DIVIPOLA) and postal code columns, when it had them.
  std::string municipality_code, postal_code;
};

// Where a letter to the account is admitted: the export's DIVIPOLA code and
// postal code when it had them, else the settings' table of the company's
// municipalities by the account's city (name from the table, else the city).
struct Municipality {
  std::string code, name, postal_code;
};
Municipality municipality_of(const AccountInForce& a, const Settings& s);

// One account as in force; nullopt when it is not in the current snapshot.
std::optional<AccountInForce> account_in_force(Database& db, const std::string& account_id);

// Every account of the snapshot as in force, in one pass (no order promised).
// The reference is valid during the call only.
void for_each_account_in_force(Database& db, const std::function<void(const AccountInForce&)>& fn);

// The accounts named in `ids` that are in the snapshot, as in force: looked
// up one by one for a few, read in one pass for many.
std::unordered_map<std::string, AccountInForce> accounts_in_force(Database& db, const std::vector<std::string>& ids);

// The order of the accounts found (after the one whose number was typed):
// a column people sort the results by.
struct AccountSort {
  enum class Key { account, holder, balance, days_past_due, zone };
  Key key = Key::account;
  bool descending = false;
};
struct AccountMatches {
  std::int64_t total = 0;
  std::vector<AccountInForce> accounts;
  bool read_without_words = false;  // the word table was empty (MissingWords::read_without)
};
// When the word table is empty (after an accounts import or its undo):
// `write` it first, inline (the CLI; about 30 s at 1,000,000 accounts), or
// `read_without` it, over every account's search text (the web server,
// which writes the words in the background: AccountWordsWriter).
enum class MissingWords { write, read_without };
// Account lookup as people type it: accounts where every typed word, in
// any order, starts a word of the number, holder, document, address or
// neighbourhood ("pena jose" finds JOSÉ PEÑA; "cl 45 12-30"), without
// regard to accents, case or punctuation, or whose number or document is
// the typed one in any punctuation ("100.000.007"). Read through the word
// table the import writes (migration 32) and the folded search columns
// (migration 28; rows imported before are folded once, on the first
// search). `limit` of them from `offset` in `sort`'s order; `total`
// counts them all. An empty query finds none. The same accounts in the
// same order with or without the word table.
AccountMatches find_accounts(Database& db, const std::string& query, std::int64_t limit, std::int64_t offset = 0,
                             AccountSort sort = {}, MissingWords missing = MissingWords::write);
// Accounts exist but the word table is empty.
bool account_words_missing(Database& db);
// Folds the accounts imported before migration 28 and writes the word
// table anew from the accounts in force: one transaction (nothing when
// there are no accounts).
void write_account_words(Database& db);

// Facts recorded over the snapshot (kept over re-imports), inside the
// caller's transaction. `address` must not be empty.
void record_address(Database& db, const std::string& account_id, const std::string& address, AddressSource source,
                    const std::string& user);
// Field staff found the address in force right (address_ok): the check of
// incomplete addresses no longer leaves the account out while it stays so.
void confirm_address(Database& db, const std::string& account_id, const std::string& user);
void record_sanitation(Database& db, const std::string& account_id, Sanitation s, const std::string& user);

// What billing and field have recorded over an account, as one text (its
// facts row; "" when it has none), so that a case can keep what its
// closing changed and a reopening put it back.
std::string account_facts_text(Database& db, const std::string& account_id);
// Puts `before` back over the account when its facts are still `after`
// (nothing was recorded since), inside the caller's transaction; false, and
// nothing changed, otherwise.
bool restore_account_facts(Database& db, const std::string& account_id, const std::string& before, const std::string& after);

}  // namespace cartero::selection
