// Store (letters' table): the dispatched letters in one pass.
#include <string>

#include "cartero/core/sql.hpp"
#include "cartero/letters/sent.hpp"
#include "store_letters.hpp"

namespace cartero::letters {

void for_each_sent_letter(Database& db, Date until, const std::function<void(const SentLetter&)>& fn) {
  sql::for_each_row(db,
                    "SELECT letter_id, account_id, balance, sent_on FROM letters "
                    "WHERE sent_on IS NOT NULL AND sent_on <= ?",
                    {until.iso()}, [&](const sql::Row& r) {
                      const auto d = Date::parse_iso(r.text(3));
                      if (!d) return;
                      fn(SentLetter{r.text(0), r.text(1), r.int64(2), *d});
                    });
}

void for_each_batch_letter(Database& db, std::int64_t batch_id, const std::function<void(const BatchLetter&)>& fn) {
  sql::for_each_row(db,
                    "SELECT letter_id, account_id, zone, CASE WHEN sent_on IS NULL THEN 0 ELSE 1 END, COALESCE(part, 0), "
                    "COALESCE(page, 0), COALESCE(void_reason, '') FROM letters WHERE batch_id = ?",
                    {std::to_string(batch_id)}, [&](const sql::Row& r) {
                      fn(BatchLetter{r.text(0), r.text(1), r.text(2), r.int64(3) != 0, r.int64(4), r.int64(5), r.text(6)});
                    });
}

void store::void_letter(Database& db, std::int64_t batch_id, const std::string& letter_id, const std::string& reason) {
  sql::exec(db, "UPDATE letters SET void_reason = ? WHERE letter_id = ? AND batch_id = ? AND sent_on IS NULL",
            {reason, letter_id, std::to_string(batch_id)});
}

}  // namespace cartero::letters
