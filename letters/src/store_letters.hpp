// Private: letters' SQL on the tables it owns (letters, letter_parts,
// letter_counters), besides the public reads of printed.hpp.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/date.hpp"
#include "cartero/letters/generate.hpp"
#include "cartero/letters/letter.hpp"
#include "cartero/letters/printed.hpp"

namespace cartero::letters::store {

// Reserves `count` consecutive numbers of `year` and returns the first. The
// upsert holds the counter's row until the transaction ends, so concurrent
// batches get disjoint ranges and a rollback leaves no gap.
std::int64_t reserve_numbers(Database& db, int year, std::int64_t count);

// Writes newly numbered letters in bulk, one at a time (nothing else may
// run on the connection meanwhile); inside the numbering transaction, and
// finish() must be called.
class LetterWriter {
 public:
  explicit LetterWriter(Database& db);
  ~LetterWriter();
  LetterWriter(const LetterWriter&) = delete;
  LetterWriter& operator=(const LetterWriter&) = delete;
  void add(const LetterRecord& l);
  void finish();

 private:
  std::unique_ptr<sql::BulkWriter> m_out;
};

// A batch's letters in rank order, as the PDF writer and the manifest read
// them (`cutoff`: the batch's).
void for_each_content(Database& db, std::int64_t batch_id, Date cutoff, const std::function<void(LetterContent&&)>& fn);

// One letter as the courier's manifest lists it (views valid during the call).
struct ManifestRow {
  std::string_view letter_id, barcode, account_id, holder_name, address, neighborhood, city, zone;
  Pesos balance = 0;
  std::int64_t rank = 0;
  std::string_view municipality_code, municipality, postal_code;
};
// A batch's letters in rank order, or by postal code (none last), zone and
// rank: the order the courier distributes in.
void for_each_manifest_row(Database& db, std::int64_t batch_id, bool by_postal_code,
                           const std::function<void(const ManifestRow&)>& fn);

// Replaces the batch's recorded parts and sets each letter's part and page
// (`part_size` letters per part); inside the caller's transaction.
void record_parts(Database& db, std::int64_t batch_id, int part_size, const std::vector<PartInfo>& parts);

// Sets sent_on of the batch's letters; returns how many.
std::int64_t mark_sent(Database& db, std::int64_t batch_id, Date date);

// Marks a letter of the batch, not yet sent, as held back at dispatch with
// its reason: it keeps its number, mark_sent leaves it out. Inside the
// dispatch's transaction.
void void_letter(Database& db, std::int64_t batch_id, const std::string& letter_id, const std::string& reason);

}  // namespace cartero::letters::store
