// What became of each letter that went out, read in one pass: delivered
// (the courier's delivery date) or returned (the register's cause and date).
// Returns owns `deliveries` and `returns`.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <optional>
#include <cstdint>

#include "cartero/core/database.hpp"

namespace cartero::returns {

struct LetterOutcome {
  std::string_view letter_id;
  bool returned = false;        // false: delivered
  std::string_view cause;       // the return cause's code when returned
  std::string_view date;        // ISO: delivered_on or returned_on
};

// Every letter with a delivery or a return (a returned letter that was also
// recorded as delivered is reported as returned). Views valid during the call.
void for_each_letter_outcome(Database& db, const std::function<void(const LetterOutcome&)>& fn);

}  // namespace cartero::returns

namespace cartero::returns {

// One letter's delivery or return, in full, for a certificate.
struct LetterFate {
  std::optional<std::string> delivered_on;  // ISO
  std::optional<std::int64_t> return_id;
  std::string cause, returned_on, observation, registered_by;
  std::optional<std::int64_t> scan_page_id;  // the scanned page it was registered from
};
LetterFate letter_fate(Database& db, const std::string& letter_id);

}  // namespace cartero::returns
