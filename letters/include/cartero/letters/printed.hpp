// The letters Cartero printed, as stored: letters owns the `letters`,
// `letter_parts` and `letter_counters` tables, and other folders read a
// letter only through these functions (typed records, never rows).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/money.hpp"

namespace cartero::letters {

// One printed letter: what it says (the snapshot taken when it was
// numbered), where it sits (batch, rank) and whether it was sent.
struct LetterRecord {
  std::string letter_id;  // "2026-000123"
  std::int64_t batch_id = 0;
  std::int64_t rank = 0;
  std::string account_id, document_id, holder_name, address, neighborhood, city, zone;
  std::string document_type;  // as the export stated it when numbered; "" before migration 30 or without one
  Pesos balance = 0;
  int days_past_due = 0;
  std::string payload;           // what its codes carry
  std::string issued_on;         // ISO date
  std::optional<Date> sent_on;   // set when its batch was dispatched
  // Where the courier admits it (the manifest's last columns).
  std::string municipality_code, municipality, postal_code;
};

// nullopt when Cartero printed no letter with this id.
std::optional<LetterRecord> find_letter(Database& db, const std::string& letter_id);
// The letters of these ids that exist (any order); ids may repeat.
std::vector<LetterRecord> find_letters(Database& db, const std::vector<std::string>& letter_ids);
// An account's letters, oldest issued first.
std::vector<LetterRecord> letters_of_account(Database& db, const std::string& account_id);
// How many letters a batch has (0 before `cartero letters` numbered them).
std::int64_t count_letters(Database& db, std::int64_t batch_id);

// Where a letter went, for counting per batch and zone (views valid during
// the call).
struct LetterPlace {
  std::string_view letter_id;
  std::int64_t batch_id = 0;
  std::string_view zone;
};
// Every letter (or a batch's), in no particular order.
void for_each_letter_place(Database& db, std::optional<std::int64_t> batch_id,
                           const std::function<void(const LetterPlace&)>& fn);

// Every letter sent on or after `from`: its account and date (views valid
// during the call). The fast path selection reads through AccountHistory.
void for_each_sent_since(Database& db, Date from, const std::function<void(std::string_view account_id, Date sent_on)>& fn);

}  // namespace cartero::letters
