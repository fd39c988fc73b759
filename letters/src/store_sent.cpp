// Store (letters' table): the dispatched letters in one pass.
#include "cartero/core/sql.hpp"
#include "cartero/letters/sent.hpp"

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

}  // namespace cartero::letters
