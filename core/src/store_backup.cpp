#include "store_backup.hpp"

#include <Poco/Data/SQLite/Utility.h>
#include <sqlite3.h>

#include <memory>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "database_impl.hpp"

namespace cartero::store_backup {

namespace {

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::map<std::string, std::int64_t> row_counts(Database& db) {
  std::vector<std::string> tables;
  sql::for_each_row(db,
                    db.engine() == Engine::sqlite
                        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                        : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                          "AND table_type = 'BASE TABLE' ORDER BY table_name",
                    {}, [&](const sql::Row& r) { tables.emplace_back(r.text(0)); });
  std::map<std::string, std::int64_t> counts;
  for (const auto& t : tables) counts[t] = std::stoll(sql::scalar(db, "SELECT COUNT(*) FROM " + quoted(t)).value_or("0"));
  return counts;
}

std::string begin_snapshot(Database& db) {
  sql::exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  return sql::scalar(db, "SELECT pg_export_snapshot()").value_or("");
}

void end_snapshot(Database& db) { sql::exec(db, "COMMIT"); }

void sqlite_copy(Database& db, const std::string& dest, const std::function<void(double)>& progress) {
  sqlite3* source = Poco::Data::SQLite::Utility::dbHandle(sql::session(db));
  sqlite3* target = nullptr;
  const auto close_target = [&] {
    if (target) sqlite3_close(target);
    target = nullptr;
  };
  if (sqlite3_open_v2(dest.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    const std::string why = target ? sqlite3_errmsg(target) : "out of memory";
    close_target();
    throw InputError("backup: cannot create " + dest + ": " + why);
  }
  sqlite3_backup* copy = sqlite3_backup_init(target, "main", source, "main");
  if (!copy) {
    const std::string why = sqlite3_errmsg(target);
    close_target();
    throw InternalError("backup: cannot start copying the database: " + why);
  }
  // All pages in one step: one read transaction, so the copy is one
  // instant even while others write (WAL lets them), and never restarts.
  if (progress) progress(0.0);
  const int rc = sqlite3_backup_step(copy, -1);
  sqlite3_backup_finish(copy);
  if (rc != SQLITE_DONE) {
    const std::string why = sqlite3_errstr(rc);
    close_target();
    throw InternalError("backup: copying the database failed: " + why);
  }
  if (progress) progress(1.0);
  sqlite3_exec(target, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  close_target();
}

std::map<std::string, std::int64_t> sqlite_file_row_counts(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> file(raw, &sqlite3_close);
  if (rc != SQLITE_OK) throw InputError("backup: cannot open " + path + ": " + sqlite3_errstr(rc));
  const auto query = [&](const std::string& text, const std::function<void(sqlite3_stmt*)>& on_row) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(file.get(), text.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      throw InputError("backup: " + path + " cannot be read as a database: " + sqlite3_errmsg(file.get()));
    }
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owned(st, &sqlite3_finalize);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) on_row(st);
    if (step != SQLITE_DONE) throw InputError("backup: " + path + " is damaged: " + sqlite3_errmsg(file.get()));
  };
  std::vector<std::string> tables;
  query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        [&](sqlite3_stmt* st) { tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))); });
  std::map<std::string, std::int64_t> counts;
  for (const auto& t : tables) {
    query("SELECT COUNT(*) FROM " + quoted(t), [&](sqlite3_stmt* st) { counts[t] = sqlite3_column_int64(st, 0); });
  }
  return counts;
}

const char* count_tables_query() {
  return "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()";
}

}  // namespace cartero::store_backup
