// Private to core: the SQL a backup needs (tables, row counts, a snapshot
// shared with pg_dump, SQLite's online copy and reading a copied file).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace cartero {
class Database;
}

namespace cartero::store_backup {

// Rows in each of the database's tables, read in the current transaction.
std::map<std::string, std::int64_t> row_counts(Database& db);

// PostgreSQL: opens a repeatable-read transaction and exports its
// snapshot, so that pg_dump (--snapshot) and row_counts() see one instant.
// end_snapshot() closes it.
std::string begin_snapshot(Database& db);
void end_snapshot(Database& db);

// SQLite: copies the database as of one instant into a new file `dest`
// (online backup API; writers go on meanwhile), left in rollback-journal
// mode so the copy is one self-contained file. `progress` gets [0, 1].
void sqlite_copy(Database& db, const std::string& dest, const std::function<void(double)>& progress);

// Row counts of a SQLite file opened read-only (a backup's copy), without
// migrating or changing it. Throws InputError when it is not a database.
std::map<std::string, std::int64_t> sqlite_file_row_counts(const std::string& path);

// PostgreSQL: the query (for psql, on a database not opened through
// Database, which would migrate it) counting the tables a database has.
const char* count_tables_query();

}  // namespace cartero::store_backup
