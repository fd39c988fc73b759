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
