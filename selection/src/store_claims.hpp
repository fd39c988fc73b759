// SQL of the claims and contacts selection owns (claims.hpp). Private.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cartero/core/account.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"

namespace cartero::selection::store {

struct ClaimRow {
  std::string claim_id, account_id;
  Date filed_on;
  Pesos disputed_amount = 0;
  bool open = true;
};
// Replaces every claim with `rows`; inside the caller's transaction.
// Returns the rows replaced.
std::int64_t replace_claims(Database& db, const std::vector<ClaimRow>& rows);
// Every open claim: its account and disputed amount.
void for_each_open_claim(Database& db, const std::function<void(std::string_view account_id, Pesos disputed)>& fn);

struct ContactRow {
  std::string account_id, channel;
  Date contacted_on;
  std::string contacted_at;  // "2026-02-16T10:30" or the date alone
};
std::int64_t replace_contacts(Database& db, const std::vector<ContactRow>& rows);
// Every contact on or after `from` through a channel other than a letter.
void for_each_contact_since(Database& db, Date from, const std::function<void(std::string_view account_id, Date on)>& fn);

}  // namespace cartero::selection::store
