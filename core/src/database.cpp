#include "cartero/core/database.hpp"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Exception.h>
#include <Poco/URI.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <set>
#include <string_view>
#include <thread>

#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "database_impl.hpp"

#ifdef CARTERO_WITH_POSTGRESQL
#include <Poco/Data/PostgreSQL/Connector.h>
#endif

namespace cartero {

bool is_postgresql_uri(const std::string& uri) {
  return uri.rfind("postgresql://", 0) == 0 || uri.rfind("postgres://", 0) == 0;
}

// "postgresql://user:pw@host:port/db" -> libpq's "host=… port=… …"
// (database_impl.hpp).
std::string libpq_connection_string(const std::string& uri, bool with_password) {
  const Poco::URI parsed(uri);
  std::string user = parsed.getUserInfo();
  std::string password;
  if (const auto colon = user.find(':'); colon != std::string::npos) {
    password = user.substr(colon + 1);
    user.resize(colon);
  }
  std::string out = "host=" + (parsed.getHost().empty() ? "localhost" : parsed.getHost());
  if (parsed.getPort() != 0) out += " port=" + std::to_string(parsed.getPort());
  if (!user.empty()) out += " user=" + user;
  if (with_password && !password.empty()) out += " password=" + password;
  std::string db = parsed.getPath();
  if (!db.empty() && db.front() == '/') db.erase(0, 1);
  if (!db.empty()) out += " dbname=" + db;
  // ?sslmode=require&… : libpq's own parameters, passed on. Poco's
  // connector splits the string at spaces, so values cannot contain any.
  bool timeout = false;
  for (const auto& [key, value] : parsed.getQueryParameters()) {
    out += " " + key + "=" + value;
    timeout = timeout || key == "connect_timeout";
  }
  if (!timeout) out += " connect_timeout=10";
  return out;
}

std::string uri_password(const std::string& uri) {
  const std::string user = Poco::URI(uri).getUserInfo();
  const auto colon = user.find(':');
  return colon == std::string::npos ? std::string() : user.substr(colon + 1);
}

namespace {

// The URI for messages: a password in it is replaced by "***".
std::string without_password(const std::string& uri) {
  const auto scheme_end = uri.find("://");
  const auto at = uri.find('@');
  if (scheme_end == std::string::npos || at == std::string::npos) return uri;
  const auto colon = uri.find(':', scheme_end + 3);
  if (colon == std::string::npos || colon > at) return uri;
  return uri.substr(0, colon + 1) + "***" + uri.substr(at);
}

// A file that exists must be a SQLite database: SQLite would open anything
// and fail at the first statement, and a CSV given to --db by mistake must
// be left alone with a message saying so. The header is read by SQLite
// itself (see not_a_database below), never through a second descriptor:
// POSIX drops every lock a process holds on a file when it closes any
// descriptor of that file, so a server opening one more pooled connection
// with an ifstream peek let another process delete the WAL under the
// server's feet, and the server's later commits went to a deleted file.
void check_not_directory(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw InputError(path + " is a directory, not a Cartero database; give --db the database file (e.g. ./cartero.db)");
  }
}

[[noreturn]] void not_a_database(const std::string& path) {
  throw InputError(path + " is not a Cartero database (not a SQLite file); give --db the database file (e.g. ./cartero.db)");
}

std::unique_ptr<Database::Impl> connect(const std::string& uri) {
  static std::once_flag registered;
  std::call_once(registered, [] {
    // A connection is used by one thread at a time (see database.hpp), so
    // SQLite's per-call connection mutex is pure cost: a tenth of a
    // million-row scan. Must run before SQLite initialises.
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);  // a global mutex on every allocation
    Poco::Data::SQLite::Connector::registerConnector();
#ifdef CARTERO_WITH_POSTGRESQL
    Poco::Data::PostgreSQL::Connector::registerConnector();
#endif
  });
  if (is_postgresql_uri(uri)) {
#ifdef CARTERO_WITH_POSTGRESQL
    try {
      return std::make_unique<Database::Impl>(Database::Impl{
          Engine::postgresql, without_password(uri), "",
          Poco::Data::Session("PostgreSQL", libpq_connection_string(uri, true)), false, uri});
    } catch (const Poco::Exception& e) {
      std::string why = e.displayText();
      while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
      throw InputError(ErrorCode::database_unreachable,
                       "cannot connect to PostgreSQL at " + without_password(uri) + ": " + why +
                           " (check that the server runs and the user, password and database are right)");
    }
#else
    throw InputError("this cartero was built without PostgreSQL support; use a SQLite file for --db");
#endif
  }
  std::string path = uri.rfind("sqlite:", 0) == 0 ? uri.substr(7) : uri;
  std::string files_dir;
  if (path != ":memory:") {
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty() && !std::filesystem::is_directory(parent)) {
      throw InputError(ErrorCode::database_unusable, "cannot open database " + path + ": folder " + parent.string() +
                       " does not exist");
    }
    files_dir = path + ".files";
    check_not_directory(path);
  }
  std::unique_ptr<Database::Impl> impl;
  try {
    impl = std::make_unique<Database::Impl>(
        Database::Impl{Engine::sqlite, uri, files_dir, Poco::Data::Session("SQLite", path), false, uri});
  } catch (const Poco::Exception& e) {
    throw InputError(ErrorCode::database_unusable, "cannot open database " + path + ": " + e.displayText());
  }
  // The first read of the file: SQLite checks the header and answers
  // SQLITE_NOTADB for anything else, before anything is written.
  sqlite3* handle = Poco::Data::SQLite::Utility::dbHandle(impl->session);
  sqlite3_busy_timeout(handle, 10000);
  if (path != ":memory:" && sqlite3_exec(handle, "SELECT COUNT(*) FROM sqlite_master", nullptr, nullptr, nullptr) == SQLITE_NOTADB) {
    not_a_database(path);
  }
  return impl;
}

// WAL is a property of the file, set by whoever opens it first. Changing
// the journal mode does not wait out busy_timeout: a process opening a new
// file while another is creating it retries here for up to 10 s.
void use_wal(Database& db) {
  for (int attempt = 0;; ++attempt) {
    try {
      if (sql::scalar(db, "PRAGMA journal_mode").value_or("") == "wal") return;
      sql::scalar(db, "PRAGMA journal_mode = WAL");
      return;
    } catch (const BusyError&) {
      if (attempt == 200) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } catch (const InternalError& e) {
      if (attempt == 200 || std::string_view(e.what()).find("locked") == std::string_view::npos) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
}

void configure(Database& db) {
  if (db.engine() == Engine::postgresql) {
    // "relation already exists, skipping" and the like are not for users.
    sql::exec(db, "SET client_min_messages = warning");
    // Cartero's text is UTF-8 whatever the database's own encoding.
    sql::exec(db, "SET client_encoding = 'UTF8'");
    return;
  }
  try {
    sql::exec(db, "PRAGMA busy_timeout = 10000");
    if (db.uri() != ":memory:") use_wal(db);
    sql::exec(db, "PRAGMA synchronous = NORMAL");
    sql::exec(db, "PRAGMA foreign_keys = ON");
    sql::exec(db, "PRAGMA cache_size = -32768");
    sql::exec(db, "PRAGMA temp_store = MEMORY");
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw InputError(ErrorCode::database_unusable, "cannot use database " + db.uri() + ": " + e.what() +
                     " (is it a Cartero SQLite file?)");
  }
}

int read_version(Database& db) {
  sql::exec(db, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  const auto v = sql::scalar(db, "SELECT MAX(version) FROM schema_version");
  return v ? std::stoi(*v) : 0;
}

void migrate(Database& db) {
  sql::Transaction tx(db);
  // Two processes opening a new database at once: the second waits here
  // and then finds the schema in place.
  sql::lock_exclusive(db, sql::k_lock_migrations);
  if (db.engine() == Engine::sqlite &&
      sql::scalar(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT IN ('schema_version')").value_or("0") != "0" &&
      !sql::scalar(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
    throw InputError(db.uri() + " is not a Cartero database (a SQLite file of another program); give --db the database file");
  }
  const int current = read_version(db);
  if (current > Database::latest_schema_version()) {
    throw InputError("database " + db.uri() + " has schema version " + std::to_string(current) +
                     ", newer than this cartero knows (" +
                     std::to_string(Database::latest_schema_version()) +
                     "): use the newer cartero that wrote it");
  }
  // Versions are reserved per branch and land in any order: a database may
  // have 17 and 18 and not yet 11. Every version not applied is run, in the
  // order of the list.
  std::set<int> applied;
  sql::for_each_row(db, "SELECT version FROM schema_version", {},
                    [&](const sql::Row& r) { applied.insert(static_cast<int>(r.int64(0))); });
  for (const auto& m : migrations()) {
    if (applied.count(m.version)) continue;
    run_script(db, m.sql);
    sql::exec(db, "INSERT INTO schema_version (version) VALUES (?)", {std::to_string(m.version)});
  }
  tx.commit();
}

}  // namespace

Database::Database(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Database::~Database() = default;

std::unique_ptr<Database> Database::open(const std::string& uri) {
  std::unique_ptr<Database> db(new Database(connect(uri)));
  configure(*db);
  migrate(*db);
  return db;
}

Engine Database::engine() const { return m_impl->engine; }
const std::string& Database::uri() const { return m_impl->uri; }
std::string Database::files_dir() const { return m_impl->files_dir.empty() ? std::string("cartero.files") : m_impl->files_dir; }

int Database::schema_version() const {
  auto& self = const_cast<Database&>(*this);
  const auto v = sql::scalar(self, "SELECT MAX(version) FROM schema_version");
  return v ? std::stoi(*v) : 0;
}

int Database::latest_schema_version() { return migrations().back().version; }

}  // namespace cartero
