// Private: what a Database holds. Shared by database.cpp and sql.cpp.
#pragma once

#include <Poco/Data/Session.h>

#include <string>
#include <string_view>
#include <vector>

#include "cartero/core/database.hpp"

namespace cartero {

struct Database::Impl {
  Engine engine;
  std::string uri;
  std::string files_dir;
  Poco::Data::Session session;
  // Set while for_each_row hands out rows: the connection is busy then
  // (PostgreSQL streams on it), so no other statement may run on it.
  bool streaming = false;
  // The URI as given, password included: for the PostgreSQL client
  // programs a backup runs (backup.cpp); never shown.
  std::string connect_uri;
  // Open sql::Transactions on this connection: an inner one is a savepoint
  // of the outer (so a caller can add its audit line to a service's write).
  int transaction_depth = 0;
};

// Numbered migrations (migrations.cpp): version and SQL with {serial_pk}
// and {without_rowid}, {bytes_text} left for the engine to fill in.
struct Migration {
  int version;
  const char* sql;
};
const std::vector<Migration>& migrations();

namespace sql {
// The Poco session behind a Database (sql.cpp).
Poco::Data::Session& session(Database& db);
}  // namespace sql

// "postgresql://user:pw@host:port/db?…" as libpq's "host=… dbname=…",
// with or without the password (database.cpp).
bool is_postgresql_uri(const std::string& uri);
std::string libpq_connection_string(const std::string& uri, bool with_password);
// The password of a PostgreSQL URI, "" when it has none (database.cpp).
std::string uri_password(const std::string& uri);

// Splits a migration into statements and runs them (sql.cpp).
void run_script(Database& db, std::string_view script);

}  // namespace cartero
