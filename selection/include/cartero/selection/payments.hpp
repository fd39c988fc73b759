// The imported payment history, read in one pass (selection owns
// `payments`): for reports that ask whether a debtor paid after a letter.
#pragma once

#include <functional>
#include <string_view>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/money.hpp"

namespace cartero::selection {

// Payments dated on or after `from`, zero and negative amounts included
// (callers decide what counts), in no particular order. Views valid during
// the callback.
void for_each_payment(Database& db, Date from,
                      const std::function<void(std::string_view account_id, Date paid_on, Pesos amount)>& fn);

}  // namespace cartero::selection
