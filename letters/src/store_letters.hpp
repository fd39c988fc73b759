// Private: letters' SQL on the tables it owns (letters, letter_parts,
// letter_counters), besides the public reads of printed.hpp.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"
#include "cartero/letters/generate.hpp"
#include "cartero/letters/letter.hpp"
#include "cartero/letters/printed.hpp"

namespace cartero::letters::store {

// Reserves `count` consecutive numbers of `year` and returns the first. The
// upsert holds the counter's row until the transaction ends, so concurrent
// batches get disjoint ranges and a rollback leaves no gap.
std::int64_t reserve_numbers(Database& db, int year, std::int64_t count);

// Writes newly numbered letters (bulk); inside the numbering transaction.
void insert_letters(Database& db, const std::vector<LetterRecord>& letters);

// A batch's letters in rank order, as the PDF writer and the manifest read
// them (`cutoff`: the batch's).
void for_each_content(Database& db, std::int64_t batch_id, Date cutoff, const std::function<void(LetterContent&&)>& fn);

// Replaces the batch's recorded parts and sets each letter's part and page
// (`part_size` letters per part); inside the caller's transaction.
void record_parts(Database& db, std::int64_t batch_id, int part_size, const std::vector<PartInfo>& parts);

// Sets sent_on of the batch's letters; returns how many.
std::int64_t mark_sent(Database& db, std::int64_t batch_id, Date date);

}  // namespace cartero::letters::store
