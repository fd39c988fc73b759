// The letters that went out, read in one pass for the reports that prove a
// notice (the Ley 1266 clock). Letters owns the `letters` table.
#pragma once

#include <cstdint>
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

// One letter of a batch as the effectiveness report reads it: where it went
// and whether it went out (sent_on is null until dispatch, and stays null
// for a letter held back at dispatch). Views valid during the callback.
struct BatchLetter {
  std::string_view letter_id;
  std::string_view account_id;
  std::string_view zone;
  bool sent = false;
  std::int64_t part = 0, page = 0;  // where it is printed (0 before printing)
  std::string_view void_reason;     // "" unless held back at dispatch
};

// Every letter of a batch, in no particular order.
void for_each_batch_letter(Database& db, std::int64_t batch_id, const std::function<void(const BatchLetter&)>& fn);

}  // namespace cartero::letters
