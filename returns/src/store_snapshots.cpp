// The SQL of snapshots.hpp.
#include "cartero/returns/snapshots.hpp"

#include "cartero/core/json.hpp"
#include "cartero/core/sql.hpp"

namespace cartero::returns {

namespace {

// The first row of `query` as an object with `names` as keys (text
// columns; NULL as null), or "null".
std::string row_json(Database& db, const char* query, const std::vector<const char*>& names, std::int64_t id,
                     const std::vector<bool>& numeric = {}) {
  std::string out = "null";
  sql::for_each_row(db, query, {std::to_string(id)}, [&](const sql::Row& r) {
    JsonWriter j;
    j.begin_object();
    for (std::size_t i = 0; i < names.size(); ++i) {
      j.key(names[i]);
      const int c = static_cast<int>(i);
      if (r.is_null(c)) {
        j.null();
      } else if (i < numeric.size() && numeric[i]) {
        j.value(r.int64(c));
      } else {
        j.value(r.text(c));
      }
    }
    j.end_object();
    out = j.str();
  });
  return out;
}

}  // namespace

std::string case_snapshot(Database& db, std::int64_t case_id) {
  return row_json(db,
                  "SELECT id, kind, account_id, letter_id, return_id, cause, zone, address, status, outcome, note, new_address, "
                  "closed_at, closed_by FROM cases WHERE id = ?",
                  {"id", "kind", "account_id", "letter_id", "return_id", "cause", "zone", "address", "status", "outcome", "note",
                   "new_address", "closed_at", "closed_by"},
                  case_id, {true, false, false, false, true});
}

std::string return_snapshot(Database& db, std::int64_t return_id) {
  return row_json(db,
                  "SELECT return_id, letter_id, cause, observation, returned_on, registered_by, source, voided_at, voided_by, "
                  "void_reason FROM returns WHERE return_id = ?",
                  {"return_id", "letter_id", "cause", "observation", "returned_on", "registered_by", "source", "voided_at",
                   "voided_by", "void_reason"},
                  return_id, {true});
}

std::string scan_page_snapshot(Database& db, std::int64_t page_id) {
  return row_json(db, "SELECT id, status, letter_id, cause, note, return_id FROM scan_pages WHERE id = ?",
                  {"page_id", "status", "letter_id", "cause", "note", "return_id"}, page_id, {true, false, false, false, false, true});
}

std::string register_counts(Database& db) {
  const auto returns = sql::scalar(db, "SELECT COUNT(*) FROM returns").value_or("0");
  const auto deliveries = sql::scalar(db, "SELECT COUNT(*) FROM deliveries").value_or("0");
  return "{\"returns\":" + returns + ",\"deliveries\":" + deliveries + "}";
}

}  // namespace cartero::returns
