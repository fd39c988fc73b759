// PostgreSQL through libpq, on the connection Poco opened: statements in
// one round trip, COPY for bulk loads, cursors for streaming reads. The
// engine-neutral side is sql.cpp.
#include "sql_postgresql.hpp"

#ifdef CARTERO_WITH_POSTGRESQL

#include <Poco/Data/PostgreSQL/SessionImpl.h>
#include <libpq-fe.h>

#include <atomic>
#include <cctype>
#include <memory>

#include "cartero/core/error.hpp"
#include "database_impl.hpp"

namespace cartero::sql::pg {

namespace {

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

}  // namespace

void exec(Database& db, std::string_view query, const std::vector<std::string>& params) {
  pg_query(db, query, params);
}

std::optional<std::string> scalar(Database& db, std::string_view query, const std::vector<std::string>& params) {
  const PgResult r = pg_query(db, query, params);
  if (PQntuples(r.get()) == 0 || PQgetisnull(r.get(), 0, 0)) return std::nullopt;
  return std::string(PQgetvalue(r.get(), 0, 0), static_cast<std::size_t>(PQgetlength(r.get(), 0, 0)));
}

void for_each_row(Database& db, std::string_view query, const std::vector<std::string>& params,
                  const std::function<void(const Row&)>& on_row) {
  pg_rows(db, query, params, on_row);
}

void copy_begin(Database& db, const std::string& table, const std::string& columns) {
  PGconn* conn = pg_handle(db);
  const std::string q = "COPY " + table + " (" + columns + ") FROM STDIN";
  PgResult r(PQexec(conn, q.c_str()), &PQclear);
  if (PQresultStatus(r.get()) != PGRES_COPY_IN) throw InternalError("starting " + q + ": " + pg_failure(conn, r.get()));
}

void copy_put(Database& db, const std::string& table, std::string_view data) {
  PGconn* conn = pg_handle(db);
  if (PQputCopyData(conn, data.data(), static_cast<int>(data.size())) != 1) {
    throw InternalError("writing " + table + ": " + pg_failure(conn, nullptr));
  }
}

void copy_end(Database& db, const std::string& table) {
  PGconn* conn = pg_handle(db);
  if (PQputCopyEnd(conn, nullptr) != 1) {
    throw InternalError("ending COPY into " + table + ": " + pg_failure(conn, nullptr));
  }
  // The verdict is worded once all results are in: by then libpq knows
  // whether the server closed the connection.
  PgResult failed(nullptr, &PQclear);
  while (PGresult* r = PQgetResult(conn)) {
    PgResult owned(r, &PQclear);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && !failed) failed = std::move(owned);
  }
  if (failed) throw InternalError("writing " + table + ": " + pg_failure(conn, failed.get()));
}

void copy_abort(Database& db) noexcept {
  PGconn* conn = pg_handle(db);
  PQputCopyEnd(conn, "aborted by cartero");
  while (PGresult* r = PQgetResult(conn)) PQclear(r);
}

}  // namespace cartero::sql::pg

#endif
