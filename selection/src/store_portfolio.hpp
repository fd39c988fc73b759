// Private: selection's SQL over the portfolio tables it owns (accounts,
// payments, prior_letters, imports, account_facts). Typed values out, never
// rows by position; the only place of this folder that names their columns.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/selection/explain.hpp"

namespace cartero::selection::store {

// Every account of the snapshot with what the rules need (text kept in
// p.text), in the order the table gives them.
void read_candidates(Database& db, Portfolio& p);

// Payments dated on or after `from`: account, date, amount (pesos). Views
// valid during the call.
void for_each_payment_since(Database& db, Date from,
                            const std::function<void(std::string_view account_id, Date paid_on, Pesos amount)>& fn);
// Letters sent before Cartero (the imported history) on or after `from`.
void for_each_prior_letter_since(Database& db, Date from,
                                 const std::function<void(std::string_view account_id, Date sent_on)>& fn);

// What billing and field established about an account (account_facts):
// "" where nothing was established.
struct AccountFacts {
  std::string_view account_id, sanitation, address;
};
void for_each_fact(Database& db, const std::function<void(const AccountFacts&)>& fn);

// Fills the snapshot's fields of `e` (in_portfolio, names, address…) and
// the facts on top; leaves them empty when the account is not there.
void read_account(Database& db, const std::string& account_id, AccountExplanation& e);

// Records a fact about an account (column "address" or "sanitation"),
// kept over re-imports; inside the caller's transaction.
void set_fact(Database& db, const std::string& account_id, std::string_view column, const std::string& value,
              const std::string& user);

// The import log (imports), written in the import's transaction.
void log_import(Database& db, const std::string& kind, const std::string& file, std::int64_t read, std::int64_t imported,
                std::int64_t rejected);
// The highest import id (0 when nothing was imported).
std::int64_t last_import_id(Database& db);

}  // namespace cartero::selection::store
