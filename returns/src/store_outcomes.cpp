// Store (returns' tables): deliveries and returns per letter in one pass.
#include "cartero/core/sql.hpp"
#include "cartero/returns/outcomes.hpp"

namespace cartero::returns {

void for_each_letter_outcome(Database& db, const std::function<void(const LetterOutcome&)>& fn) {
  sql::for_each_row(db,
                    "SELECT d.letter_id, d.delivered_on FROM deliveries d "
                    "WHERE NOT EXISTS (SELECT 1 FROM returns r WHERE r.letter_id = d.letter_id)",
                    {}, [&](const sql::Row& r) { fn(LetterOutcome{r.text(0), false, {}, r.text(1)}); });
  sql::for_each_row(db, "SELECT letter_id, cause, returned_on FROM returns", {},
                    [&](const sql::Row& r) { fn(LetterOutcome{r.text(0), true, r.text(1), r.text(2)}); });
}

}  // namespace cartero::returns

namespace cartero::returns {

LetterFate letter_fate(Database& db, const std::string& letter_id) {
  LetterFate f;
  f.delivered_on = sql::scalar(db, "SELECT delivered_on FROM deliveries WHERE letter_id = ?", {letter_id});
  sql::for_each_row(db,
                    "SELECT return_id, cause, returned_on, observation, registered_by, scan_page_id FROM returns "
                    "WHERE letter_id = ?",
                    {letter_id}, [&](const sql::Row& r) {
                      f.return_id = r.int64(0);
                      f.cause = r.text(1);
                      f.returned_on = r.text(2);
                      f.observation = r.text(3);
                      f.registered_by = r.text(4);
                      if (!r.is_null(5)) f.scan_page_id = r.int64(5);
                    });
  return f;
}

}  // namespace cartero::returns
