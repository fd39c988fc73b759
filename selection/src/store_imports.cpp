#include "store_imports.hpp"

#include "store_portfolio.hpp"
#include "stored_codes.hpp"

#include "cartero/core/account.hpp"
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

void copy_to_previous(Database& db, std::string_view table) {
  const std::string t(table);
  sql::exec(db, "DROP TABLE IF EXISTS " + t + "_previous");
  sql::exec(db, "CREATE TABLE " + t + "_previous AS SELECT * FROM " + t);
}

void swap_tables(Database& db, std::string_view table) {
  const std::string t(table);
  sql::exec(db, "DROP TABLE IF EXISTS " + t + "_swap");
  sql::exec(db, "CREATE TABLE " + t + "_swap AS SELECT * FROM " + t);
  sql::clear_table(db, t);
  sql::exec(db, "INSERT INTO " + t + " SELECT * FROM " + t + "_previous");
  sql::exec(db, "DROP TABLE " + t + "_previous");
  sql::exec(db, "ALTER TABLE " + t + "_swap RENAME TO " + t + "_previous");
}

void replace_repeated_accounts(Database& db, const std::vector<RepeatedAccount>& rows) {
  sql::clear_table(db, "accounts_repeated");
  sql::BulkWriter out(db, "accounts_repeated",
                      {"account_id", "line", "holder_name", "document_id", "use_type", "address", "neighborhood", "city",
                       "zone", "billing_type", "balance", "days_past_due", "legal_collection", "sanitation"});
  for (const auto& r : rows) {
    const Account& a = r.values;
    out.add(a.account_id).add(r.line).add(a.holder_name).add(a.document_id).add(code(a.use_type)).add(a.address);
    out.add(a.neighborhood).add(a.city).add(a.zone).add(code(a.billing_type)).add(a.balance);
    out.add(static_cast<std::int64_t>(a.days_past_due)).add(static_cast<std::int64_t>(a.legal_collection ? 1 : 0));
    out.add(code(a.sanitation));
    out.end_row();
  }
  out.finish();
}

}  // namespace cartero::selection::store

namespace cartero::selection {

std::vector<RepeatedAccount> repeated_accounts(Database& db) {
  std::vector<RepeatedAccount> out;
  sql::for_each_row(db,
                    "SELECT account_id, line, holder_name, document_id, use_type, address, neighborhood, city, zone, "
                    "billing_type, balance, days_past_due, legal_collection, sanitation FROM accounts_repeated "
                    "ORDER BY account_id, line",
                    {}, [&](const sql::Row& r) {
                      RepeatedAccount x;
                      x.line = r.int64(1);
                      Account& a = x.values;
                      a.account_id = r.text(0);
                      a.holder_name = r.text(2);
                      a.document_id = r.text(3);
                      a.use_type = stored_use_type(r.text(4));
                      a.address = r.text(5);
                      a.neighborhood = r.text(6);
                      a.city = r.text(7);
                      a.zone = r.text(8);
                      a.billing_type = stored_billing_type(r.text(9));
                      a.balance = r.int64(10);
                      a.days_past_due = static_cast<int>(r.int64(11));
                      a.legal_collection = r.int64(12) != 0;
                      a.sanitation = stored_sanitation(r.text(13));
                      out.push_back(std::move(x));
                    });
  return out;
}

}  // namespace cartero::selection

namespace cartero::selection::store {

void keep_previous(Database& db, std::string_view table, std::string_view kind) {
  const std::string t(table);
  copy_to_previous(db, t);
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
  swap_tables(db, t);
  const std::int64_t restored = count_rows(db, t);
  // What the import put back read and rejected: the log's entry before the
  // latest of its kind (the import in force before the one undone; after
  // an undo, the undo's own entry, so undoing again stays right).
  std::int64_t read = restored, rejected = 0;
  sql::for_each_row(db, "SELECT rows_read, rows_rejected FROM imports WHERE kind = ? ORDER BY id DESC LIMIT 1 OFFSET 1",
                    {std::string(kind)}, [&](const sql::Row& r) { read = r.int64(0), rejected = r.int64(1); });
  sql::exec(db, "UPDATE import_previous SET file = ?, rows_kept = ?, kept_at = ? WHERE kind = ?",
            {current_file, std::to_string(count_rows(db, t + "_previous")), now_utc_iso(), std::string(kind)});
  log_import(db, std::string(kind), previous ? previous->file : "", read, restored, rejected);
  return restored;
}

}  // namespace cartero::selection::store
