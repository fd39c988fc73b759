// Store of the `batches` table (selection owns it). Other folders change a
// batch's status only through mark_generated and mark_dispatched.
#include "store_batches.hpp"

#include "cartero/core/sql.hpp"
#include "cartero/selection/batch.hpp"

namespace cartero::selection {

std::int64_t store::insert_batch(Database& db, const NewBatch& b) {
  std::int64_t id = 0;
  const std::string max = b.max_letters ? std::to_string(*b.max_letters) : "NULL";
  sql::for_each_row(db,
                    "INSERT INTO batches (created_at, cutoff, max_letters, settings_json, funnel_json, "
                    "accounts_total, selected_count, notice) VALUES (?, ?, " + max + ", ?, ?, ?, ?, ?) RETURNING id",
                    {now_utc_iso(), b.cutoff.iso(), b.settings_json, b.funnel_json, std::to_string(b.accounts_total),
                     std::to_string(b.selected), std::to_string(b.notice)},
                    [&](const sql::Row& r) { id = r.int64(0); });
  return id;
}

std::vector<BatchSummary> list_batches(Database& db) {
  std::vector<BatchSummary> out;
  sql::for_each_row(db,
                    "SELECT id, created_at, cutoff, status, accounts_total, selected_count, COALESCE(dispatched_on, ''), "
                    "COALESCE(dispatched_by, ''), COALESCE(dispatched_at, ''), notice FROM batches ORDER BY id DESC",
                    {}, [&](const sql::Row& r) {
                      out.push_back({r.int64(0), std::string(r.text(1)), std::string(r.text(2)), std::string(r.text(3)),
                                     r.int64(4), r.int64(5), std::string(r.text(6)), std::string(r.text(7)), std::string(r.text(8)),
                                     static_cast<int>(r.int64(9))});
                    });
  return out;
}

std::optional<std::string> stored_funnel_json(Database& db, std::int64_t batch_id) {
  return sql::scalar(db, "SELECT funnel_json FROM batches WHERE id = ?", {std::to_string(batch_id)});
}

std::optional<Settings> batch_settings(Database& db, std::int64_t batch_id) {
  const auto json = sql::scalar(db, "SELECT settings_json FROM batches WHERE id = ?", {std::to_string(batch_id)});
  if (!json) return std::nullopt;
  return settings_from_json(*json, "the settings stored with batch " + std::to_string(batch_id));
}

std::optional<BatchState> find_batch(Database& db, std::int64_t batch_id) {
  std::optional<BatchState> out;
  sql::for_each_row(db, "SELECT status, cutoff, COALESCE(dispatched_on, ''), selected_count, notice FROM batches WHERE id = ?",
                    {std::to_string(batch_id)}, [&](const sql::Row& r) {
                      out = BatchState{batch_id, std::string(r.text(0)), Date::parse_iso(r.text(1)).value_or(Date{}),
                                       std::string(r.text(2)), r.int64(3), static_cast<int>(r.int64(4))};
                    });
  return out;
}

void mark_generated(Database& db, std::int64_t batch_id, int part_size) {
  sql::exec(db,
            "UPDATE batches SET part_size = ?, status = CASE WHEN status = 'draft' THEN 'generated' ELSE status END "
            "WHERE id = ?",
            {std::to_string(part_size), std::to_string(batch_id)});
}

bool mark_dispatched(Database& db, std::int64_t batch_id, Date date, const std::string& user, const std::string& at) {
  bool changed = false;
  sql::for_each_row(db,
                    "UPDATE batches SET status = 'dispatched', dispatched_on = ?, dispatched_by = ?, dispatched_at = ? "
                    "WHERE id = ? AND status = 'generated' RETURNING id",
                    {date.iso(), user, at, std::to_string(batch_id)}, [&](const sql::Row&) { changed = true; });
  return changed;
}

std::string batches_state(Database& db) {
  std::string state;
  sql::for_each_row(db,
                    "SELECT (SELECT COALESCE(MAX(id), 0) FROM batches), "
                    "(SELECT COUNT(*) FROM batches WHERE status = 'generated'), "
                    "(SELECT COUNT(*) FROM batches WHERE status = 'dispatched'), (SELECT COALESCE(MAX(id), 0) FROM imports)",
                    {}, [&](const sql::Row& r) {
                      for (int i = 0; i < 4; ++i) state += std::to_string(r.int64(i)) + (i < 3 ? "," : "");
                    });
  return state;
}

}  // namespace cartero::selection
