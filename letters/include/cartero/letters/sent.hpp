// The letters that went out, read in one pass for the reports that prove a
// notice (the Ley 1266 clock). Letters owns the `letters` table.
#pragma once

#include <functional>
#include <string_view>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/money.hpp"

namespace cartero::letters {

// A dispatched letter: the amount it claimed and the day it was dispatched.
// Views valid during the callback.
struct SentLetter {
  std::string_view letter_id;
  std::string_view account_id;
  Pesos balance = 0;
  Date sent_on;
};

// Every dispatched letter sent on or before `until`, in no particular order.
void for_each_sent_letter(Database& db, Date until, const std::function<void(const SentLetter&)>& fn);

}  // namespace cartero::letters
