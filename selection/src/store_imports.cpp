#include "store_imports.hpp"

#include "store_portfolio.hpp"

#include "cartero/core/date.hpp"
#include "cartero/core/sql.hpp"

namespace cartero::selection::store {

namespace {

// The file of the import in force for `kind` (the latest logged).
std::string file_in_force(Database& db, std::string_view kind) {
  return sql::scalar(db, "SELECT file FROM imports WHERE kind = ? ORDER BY id DESC LIMIT 1", {std::string(kind)})
      .value_or("");
}

}  // namespace

std::int64_t count_rows(Database& db, std::string_view table) {
  return std::stoll(sql::scalar(db, "SELECT COUNT(*) FROM " + std::string(table)).value_or("0"));
}

void keep_previous(Database& db, std::string_view table, std::string_view kind) {
  const std::string t(table);
  sql::exec(db, "DROP TABLE IF EXISTS " + t + "_previous");
  sql::exec(db, "CREATE TABLE " + t + "_previous AS SELECT * FROM " + t);
  sql::exec(db, "DELETE FROM import_previous WHERE kind = ?", {std::string(kind)});
  sql::exec(db, "INSERT INTO import_previous (kind, file, rows_kept, kept_at) VALUES (?, ?, ?, ?)",
            {std::string(kind), file_in_force(db, kind), std::to_string(count_rows(db, t)), now_utc_iso()});
}

std::optional<PreviousImport> previous_import(Database& db, std::string_view kind) {
  std::optional<PreviousImport> out;
  sql::for_each_row(db, "SELECT file, rows_kept FROM import_previous WHERE kind = ?", {std::string(kind)},
                    [&](const sql::Row& r) { out = PreviousImport{std::string(r.text(0)), r.int64(1)}; });
  return out;
}

std::int64_t swap_with_previous(Database& db, std::string_view table, std::string_view kind) {
  const std::string t(table);
  const auto previous = previous_import(db, kind);
  const std::string current_file = file_in_force(db, kind);
  sql::exec(db, "DROP TABLE IF EXISTS " + t + "_swap");
  sql::exec(db, "CREATE TABLE " + t + "_swap AS SELECT * FROM " + t);
  sql::clear_table(db, t);
  sql::exec(db, "INSERT INTO " + t + " SELECT * FROM " + t + "_previous");
  sql::exec(db, "DROP TABLE " + t + "_previous");
  sql::exec(db, "ALTER TABLE " + t + "_swap RENAME TO " + t + "_previous");
  const std::int64_t restored = count_rows(db, t);
  sql::exec(db, "UPDATE import_previous SET file = ?, rows_kept = ?, kept_at = ? WHERE kind = ?",
            {current_file, std::to_string(count_rows(db, t + "_previous")), now_utc_iso(), std::string(kind)});
  log_import(db, std::string(kind), previous ? previous->file : "", restored, restored, 0);
  return restored;
}

}  // namespace cartero::selection::store
