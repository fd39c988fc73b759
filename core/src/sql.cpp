// The storage edge. Poco::Data opens the connections and runs ordinary
// statements on SQLite; the bulk paths (BulkWriter, for_each_row), and on
// PostgreSQL every statement, talk to the engine's native handle taken from
// the same Poco session: a per-row round trip through Poco's binding layer
// costs more than the work itself at a million rows, and a Poco statement
// on PostgreSQL is four round trips to the server where libpq needs one.
#include "cartero/core/sql.hpp"

#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <Poco/Nullable.h>
#include <sqlite3.h>

#include <atomic>
#include <cctype>

#include "cartero/core/error.hpp"
#include "database_impl.hpp"

#ifdef CARTERO_WITH_POSTGRESQL
#include <Poco/Data/PostgreSQL/SessionImpl.h>
#include <libpq-fe.h>
#endif

using namespace Poco::Data::Keywords;

namespace cartero::sql {

Poco::Data::Session& session(Database& db) { return db.impl().session; }

std::string adapt(Engine engine, std::string_view query) {
  if (engine == Engine::sqlite) return std::string(query);
  std::string out;
  out.reserve(query.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : query) {
    if (quote) {
      if (c == quote) quote = 0;
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      out += '$' + std::to_string(++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

namespace {

void bind_params(Poco::Data::Statement& st, const std::vector<std::string>& params) {
  for (const auto& p : params) st, bind(p);
}

sqlite3* sqlite_handle(Database& db) {
  return Poco::Data::SQLite::Utility::dbHandle(session(db));
}

#ifdef CARTERO_WITH_POSTGRESQL
PGconn* pg_handle(Database& db) {
  auto* impl = dynamic_cast<Poco::Data::PostgreSQL::SessionImpl*>(session(db).impl());
  if (!impl) throw InternalError("not a PostgreSQL session");
  return static_cast<PGconn*>(impl->handle());
}

bool pg_connection_lost(PGconn* conn, const PGresult* r) {
  if (PQstatus(conn) == CONNECTION_BAD) return true;
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  // 08: connection exception; 57P: the server is shutting down or an
  // administrator ended the session (pg_terminate_backend).
  return state && (std::string_view(state).rfind("08", 0) == 0 || std::string_view(state).rfind("57P", 0) == 0);
}

// What went wrong, in words a user can act on.
std::string pg_failure(PGconn* conn, const PGresult* r) {
  std::string msg = r ? PQresultErrorMessage(r) : "";
  if (msg.empty()) msg = PQerrorMessage(conn);
  // libpq's messages run over several indented lines: make them one.
  std::string flat;
  for (std::size_t i = 0; i < msg.size(); ++i) {
    if (msg[i] != '\n') {
      flat.push_back(msg[i]);
      continue;
    }
    while (i + 1 < msg.size() && (msg[i + 1] == '\t' || msg[i + 1] == ' ')) ++i;
    if (i + 1 < msg.size()) flat.push_back(' ');
  }
  msg = std::move(flat);
  if (pg_connection_lost(conn, r)) {
    return "lost the connection to the PostgreSQL server (" + msg +
           "); the transaction was rolled back, nothing of it was written";
  }
  return "database error: " + msg;
}

using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

// One statement in one round trip (a Poco statement takes four: prepare,
// bind, execute, deallocate). Parameters are sent as untyped text, so the
// server reads them as the type of what they are compared with or stored in.
PgResult pg_query(Database& db, std::string_view query, const std::vector<std::string>& params) {
  PGconn* conn = pg_handle(db);
  const std::string q = adapt(Engine::postgresql, query);
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p.c_str());
  PgResult r(PQexecParams(conn, q.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                          nullptr, 0),
             &PQclear);
  const auto status = PQresultStatus(r.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw InternalError(pg_failure(conn, r.get()) + " in: " + q.substr(0, 200));
  }
  return r;
}
#endif

[[noreturn]] void rethrow_db_error(Database& db, std::string_view query, const std::exception& e) {
#ifdef CARTERO_WITH_POSTGRESQL
  if (db.engine() == Engine::postgresql) {
    PGconn* conn = pg_handle(db);
    if (pg_connection_lost(conn, nullptr)) throw InternalError(pg_failure(conn, nullptr));
  }
#endif
  throw InternalError("database error (" + db.uri() + "): " +
                      (dynamic_cast<const Poco::Exception*>(&e)
                           ? dynamic_cast<const Poco::Exception&>(e).displayText()
                           : std::string(e.what())) +
                      " in: " + std::string(query.substr(0, 200)));
}

// Both engines refuse what only one could do, so that code tested on
// SQLite does not fail on PostgreSQL.
void check_not_streaming(Database& db, std::string_view query) {
  if (db.impl().streaming) {
    throw InternalError("a statement was run inside a for_each_row callback on the same connection: " +
                        std::string(query.substr(0, 200)) + " (collect the rows first, or open a second connection)");
  }
}

}  // namespace

void exec(Database& db, std::string_view query, const std::vector<std::string>& params) {
  check_not_streaming(db, query);
#ifdef CARTERO_WITH_POSTGRESQL
  if (db.engine() == Engine::postgresql) {
    pg_query(db, query, params);
    return;
  }
#endif
  try {
    Poco::Data::Statement st(session(db));
    st << adapt(db.engine(), query);
    bind_params(st, params);
    st.execute();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_db_error(db, query, e);
  }
}

std::optional<std::string> scalar(Database& db, std::string_view query,
                                  const std::vector<std::string>& params) {
  check_not_streaming(db, query);
#ifdef CARTERO_WITH_POSTGRESQL
  if (db.engine() == Engine::postgresql) {
    const PgResult r = pg_query(db, query, params);
    if (PQntuples(r.get()) == 0 || PQgetisnull(r.get(), 0, 0)) return std::nullopt;
    return std::string(PQgetvalue(r.get(), 0, 0), static_cast<std::size_t>(PQgetlength(r.get(), 0, 0)));
  }
#endif
  try {
    Poco::Nullable<std::string> value;
    Poco::Data::Statement st(session(db));
    st << adapt(db.engine(), query), into(value), limit(1);
    bind_params(st, params);
    if (st.execute() == 0 || value.isNull()) return std::nullopt;
    return value.value();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_db_error(db, query, e);
  }
}

void run_script_impl(Database& db, std::string_view script) {
  const bool sqlite = db.engine() == Engine::sqlite;
  std::string text(script);
  auto replace_all = [&text](std::string_view from, std::string_view to) {
    for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
      text.replace(pos, from.size(), to);
    }
  };
  replace_all("{serial_pk}", sqlite ? "INTEGER PRIMARY KEY" : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
  replace_all("{without_rowid}", sqlite ? " WITHOUT ROWID" : "");
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    const std::string stmt = text.substr(start, end - start);
    if (stmt.find_first_not_of(" \n\t\r") != std::string::npos) exec(db, stmt);
    start = end + 1;
  }
}

void clear_table(Database& db, std::string_view table) {
  // TRUNCATE is transactional on PostgreSQL and leaves no million dead rows
  // to vacuum (it refuses a table other tables reference by foreign key);
  // SQLite turns an unqualified DELETE into a truncation by itself.
  exec(db, std::string(db.engine() == Engine::postgresql ? "TRUNCATE " : "DELETE FROM ") + std::string(table));
}

void lock_exclusive(Database& db, std::int64_t key) {
  if (db.engine() == Engine::sqlite) return;  // BEGIN IMMEDIATE holds the only write lock
  scalar(db, "SELECT pg_advisory_xact_lock(" + std::to_string(key) + ")::text");
}

void lock_for_reading(Database& db, const std::vector<std::string>& tables) {
  if (db.engine() == Engine::sqlite || tables.empty()) return;
  std::string list;
  for (const auto& t : tables) list += (list.empty() ? "" : ", ") + t;
  exec(db, "LOCK TABLE " + list + " IN ACCESS SHARE MODE");
}

Transaction::Transaction(Database& db) : m_db(db) {
  if (db.engine() == Engine::sqlite) {
    exec(db, "BEGIN IMMEDIATE");
  } else {
    exec(db, "BEGIN");
  }
}

Transaction::~Transaction() {
  if (!m_open) return;
  try {
    exec(m_db, "ROLLBACK");
  } catch (...) {
    // The connection is gone: the server rolls back by itself.
  }
}

void Transaction::commit() {
  exec(m_db, "COMMIT");
  m_open = false;
}

// ---------------------------------------------------------------- BulkWriter

struct BulkWriter::Impl {
  Database& db;
  std::string table;
  int columns = 0;
  int next = 0;
  // SQLite
  sqlite3_stmt* stmt = nullptr;
  // PostgreSQL COPY text buffer
  std::string buffer;
  bool copying = false;

  ~Impl() {
    if (stmt) sqlite3_finalize(stmt);
  }

  void sqlite_check(int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
      throw InternalError(std::string("database error writing ") + table + " (" + what +
                          "): " + sqlite3_errmsg(sqlite3_db_handle(stmt)));
    }
  }

  void pg_field_separator() {
    if (next > 0) buffer.push_back('\t');
  }

  void pg_flush(bool force);
};

#ifdef CARTERO_WITH_POSTGRESQL
void BulkWriter::Impl::pg_flush(bool force) {
  if (buffer.empty() || (!force && buffer.size() < (1 << 20))) return;
  PGconn* conn = pg_handle(db);
  if (PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) != 1) {
    throw InternalError("writing " + table + ": " + pg_failure(conn, nullptr));
  }
  buffer.clear();
}
#else
void BulkWriter::Impl::pg_flush(bool) {}
#endif

BulkWriter::BulkWriter(Database& db, std::string_view table, const std::vector<std::string>& columns)
    : m_impl(std::make_unique<Impl>(Impl{db, std::string(table), static_cast<int>(columns.size()), 0, nullptr, {}, false})) {
  check_not_streaming(db, table);
  std::string list;
  for (const auto& c : columns) list += (list.empty() ? "" : ", ") + c;
  if (db.engine() == Engine::sqlite) {
    std::string q = "INSERT INTO " + std::string(table) + " (" + list + ") VALUES (";
    for (std::size_t i = 0; i < columns.size(); ++i) q += i ? ", ?" : "?";
    q += ")";
    sqlite3* h = sqlite_handle(db);
    if (sqlite3_prepare_v2(h, q.c_str(), -1, &m_impl->stmt, nullptr) != SQLITE_OK) {
      throw InternalError("database error preparing " + q + ": " + sqlite3_errmsg(h));
    }
    return;
  }
#ifdef CARTERO_WITH_POSTGRESQL
  PGconn* conn = pg_handle(db);
  const std::string q = "COPY " + std::string(table) + " (" + list + ") FROM STDIN";
  PGresult* res = PQexec(conn, q.c_str());
  const bool ok = PQresultStatus(res) == PGRES_COPY_IN;
  PQclear(res);
  if (!ok) throw InternalError("starting " + q + ": " + pg_failure(conn, nullptr));
  m_impl->copying = true;
  m_impl->buffer.reserve(1 << 21);
#endif
}

BulkWriter::~BulkWriter() {
#ifdef CARTERO_WITH_POSTGRESQL
  if (m_impl->copying) {
    // Abandoned (an exception is on its way): abort the COPY so the
    // transaction rolls back cleanly.
    PGconn* conn = pg_handle(m_impl->db);
    PQputCopyEnd(conn, "aborted by cartero");
    while (PGresult* r = PQgetResult(conn)) PQclear(r);
  }
#endif
}

BulkWriter& BulkWriter::add(std::int64_t value) {
  auto& m = *m_impl;
  if (m.stmt) {
    m.sqlite_check(sqlite3_bind_int64(m.stmt, ++m.next, value), "bind");
  } else {
    m.pg_field_separator();
    m.buffer += std::to_string(value);
    ++m.next;
  }
  return *this;
}

BulkWriter& BulkWriter::add(std::string_view value) {
  auto& m = *m_impl;
  if (m.stmt) {
    m.sqlite_check(sqlite3_bind_text(m.stmt, ++m.next, value.data() ? value.data() : "", static_cast<int>(value.size()),
                                     SQLITE_TRANSIENT),
                   "bind");
    return *this;
  }
  m.pg_field_separator();
  for (char c : value) {
    switch (c) {
      case '\\': m.buffer += "\\\\"; break;
      case '\t': m.buffer += "\\t"; break;
      case '\n': m.buffer += "\\n"; break;
      case '\r': m.buffer += "\\r"; break;
      default: m.buffer.push_back(c);
    }
  }
  ++m.next;
  return *this;
}

BulkWriter& BulkWriter::add_null() {
  auto& m = *m_impl;
  if (m.stmt) {
    m.sqlite_check(sqlite3_bind_null(m.stmt, ++m.next), "bind");
  } else {
    m.pg_field_separator();
    m.buffer += "\\N";
    ++m.next;
  }
  return *this;
}

void BulkWriter::end_row() {
  auto& m = *m_impl;
  if (m.next != m.columns) {
    throw InternalError("bulk write to " + m.table + ": row has " + std::to_string(m.next) +
                        " values, expected " + std::to_string(m.columns));
  }
  m.next = 0;
  if (m.stmt) {
    m.sqlite_check(sqlite3_step(m.stmt), "insert");
    sqlite3_reset(m.stmt);
    return;
  }
  m.buffer.push_back('\n');
  m.pg_flush(false);
}

void BulkWriter::finish() {
  auto& m = *m_impl;
  if (m.stmt) {
    sqlite3_finalize(m.stmt);
    m.stmt = nullptr;
    return;
  }
#ifdef CARTERO_WITH_POSTGRESQL
  if (!m.copying) return;
  m.pg_flush(true);
  PGconn* conn = pg_handle(m.db);
  m.copying = false;
  if (PQputCopyEnd(conn, nullptr) != 1) {
    throw InternalError("ending COPY into " + m.table + ": " + pg_failure(conn, nullptr));
  }
  std::string error;
  while (PGresult* r = PQgetResult(conn)) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK) error = pg_failure(conn, r);
    PQclear(r);
  }
  if (!error.empty()) throw InternalError("writing " + m.table + ": " + error);
#endif
}

// --------------------------------------------------------------- for_each_row

namespace {

class SqliteRow final : public Row {
 public:
  explicit SqliteRow(sqlite3_stmt* st) : m_st(st) {}
  bool is_null(int c) const override { return sqlite3_column_type(m_st, c) == SQLITE_NULL; }
  std::string_view text(int c) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_st, c));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(m_st, c)))
             : std::string_view();
  }
  std::int64_t int64(int c) const override { return sqlite3_column_int64(m_st, c); }

 private:
  sqlite3_stmt* m_st;
};

void sqlite_rows(Database& db, std::string_view query, const std::vector<std::string>& params,
                 const std::function<void(const Row&)>& on_row) {
  sqlite3* h = sqlite_handle(db);
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(h, query.data(), static_cast<int>(query.size()), &raw, nullptr) != SQLITE_OK) {
    throw InternalError("database error preparing " + std::string(query) + ": " + sqlite3_errmsg(h));
  }
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> st(raw, &sqlite3_finalize);
  for (std::size_t i = 0; i < params.size(); ++i) {
    sqlite3_bind_text(raw, static_cast<int>(i + 1), params[i].data(),
                      static_cast<int>(params[i].size()), SQLITE_TRANSIENT);
  }
  SqliteRow row(raw);
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) on_row(row);
  if (rc != SQLITE_DONE) {
    throw InternalError("database error reading " + std::string(query) + ": " + sqlite3_errmsg(h));
  }
}

#ifdef CARTERO_WITH_POSTGRESQL
class PgRow final : public Row {
 public:
  explicit PgRow(PGresult* r) : m_r(r) {}
  void at(int row) { m_i = row; }
  bool is_null(int c) const override { return PQgetisnull(m_r, m_i, c) != 0; }
  std::string_view text(int c) const override {
    return std::string_view(PQgetvalue(m_r, m_i, c), static_cast<std::size_t>(PQgetlength(m_r, m_i, c)));
  }
  std::int64_t int64(int c) const override {
    return is_null(c) ? 0 : std::strtoll(PQgetvalue(m_r, m_i, c), nullptr, 10);
  }

 private:
  PGresult* m_r;
  int m_i = 0;
};

// Runs one statement with text parameters; throws on any status but `want`.
PgResult pg_run(PGconn* conn, const std::string& q, const std::vector<std::string>& params, ExecStatusType want) {
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p.c_str());
  PgResult r(PQexecParams(conn, q.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                          nullptr, 0),
             &PQclear);
  if (PQresultStatus(r.get()) != want) {
    throw InternalError(pg_failure(conn, r.get()) + " in: " + q.substr(0, 200));
  }
  return r;
}

bool is_plain_select(std::string_view q) {
  const auto start = q.find_first_not_of(" \t\r\n(");
  if (start == std::string_view::npos) return false;
  std::string head(q.substr(start, 6));
  for (auto& c : head) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return head == "SELECT" || head.rfind("WITH", 0) == 0;
}

// SELECTs go through a cursor fetched in batches: one result per batch of
// rows instead of one per row (single-row mode costs a result allocation a
// row). A cursor needs a transaction: one is opened when none is.
void pg_cursor_rows(PGconn* conn, const std::string& q, const std::vector<std::string>& params,
                    const std::function<void(const Row&)>& on_row) {
  static std::atomic<std::uint64_t> counter{0};
  const std::string name = "cartero_rows_" + std::to_string(++counter);
  const bool own_tx = PQtransactionStatus(conn) == PQTRANS_IDLE;
  constexpr int k_batch = 20000;
  try {
    if (own_tx) pg_run(conn, "BEGIN", {}, PGRES_COMMAND_OK);
    pg_run(conn, "DECLARE " + name + " NO SCROLL CURSOR FOR " + q, params, PGRES_COMMAND_OK);
    // The next batch is asked for before this one is handed out, so the
    // server reads while we work.
    const std::string fetch = "FETCH FORWARD " + std::to_string(k_batch) + " FROM " + name;
    const auto send_fetch = [&] {
      if (!PQsendQuery(conn, fetch.c_str())) throw InternalError(pg_failure(conn, nullptr) + " in: " + fetch);
    };
    send_fetch();
    for (;;) {
      PgResult r(PQgetResult(conn), &PQclear);
      while (PGresult* extra = PQgetResult(conn)) PQclear(extra);
      if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) throw InternalError(pg_failure(conn, r.get()) + " in: " + q.substr(0, 200));
      const int n = PQntuples(r.get());
      if (n == k_batch) send_fetch();
      PgRow row(r.get());
      for (int i = 0; i < n; ++i) {
        row.at(i);
        on_row(row);
      }
      if (n < k_batch) break;
    }
    pg_run(conn, "CLOSE " + name, {}, PGRES_COMMAND_OK);
    if (own_tx) pg_run(conn, "COMMIT", {}, PGRES_COMMAND_OK);
  } catch (...) {
    // Leave the connection as it was: our transaction rolled back, or the
    // caller's transaction without our cursor.
    while (PGresult* pending = PQgetResult(conn)) PQclear(pending);
    PQclear(PQexec(conn, own_tx ? "ROLLBACK" : ("CLOSE " + name).c_str()));
    throw;
  }
}

// Other statements with rows (INSERT … RETURNING): single-row mode.
void pg_single_rows(PGconn* conn, const std::string& q, const std::vector<std::string>& params,
                    const std::function<void(const Row&)>& on_row) {
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p.c_str());
  if (!PQsendQueryParams(conn, q.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                         nullptr, nullptr, 0) ||
      !PQsetSingleRowMode(conn)) {
    throw InternalError(pg_failure(conn, nullptr) + " in: " + q.substr(0, 200));
  }
  std::string error;
  std::exception_ptr callback_error;
  while (PGresult* r = PQgetResult(conn)) {
    PgResult owned(r, &PQclear);
    const auto status = PQresultStatus(r);
    if (status == PGRES_SINGLE_TUPLE) {
      if (error.empty() && !callback_error) {
        PgRow row(r);
        try {
          on_row(row);
        } catch (...) {
          callback_error = std::current_exception();  // drain the connection first
        }
      }
    } else if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      error = pg_failure(conn, r);
    }
  }
  if (callback_error) std::rethrow_exception(callback_error);
  if (!error.empty()) throw InternalError(error + " in: " + q.substr(0, 200));
}

void pg_rows(Database& db, std::string_view query, const std::vector<std::string>& params,
             const std::function<void(const Row&)>& on_row) {
  PGconn* conn = pg_handle(db);
  const std::string q = adapt(Engine::postgresql, query);
  if (is_plain_select(q)) return pg_cursor_rows(conn, q, params, on_row);
  pg_single_rows(conn, q, params, on_row);
}
#endif

}  // namespace

void for_each_row(Database& db, std::string_view query, const std::vector<std::string>& params,
                  const std::function<void(const Row&)>& on_row) {
  check_not_streaming(db, query);
  db.impl().streaming = true;
  struct Reset {
    bool& flag;
    ~Reset() { flag = false; }
  } reset{db.impl().streaming};
  if (db.engine() == Engine::sqlite) return sqlite_rows(db, query, params, on_row);
#ifdef CARTERO_WITH_POSTGRESQL
  pg_rows(db, query, params, on_row);
#endif
}

}  // namespace cartero::sql

namespace cartero {
void run_script(Database& db, std::string_view script) { sql::run_script_impl(db, script); }
}  // namespace cartero
