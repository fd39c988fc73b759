// A fresh PostgreSQL database for one test, on the throw-away server that
// `./dev test` starts (tools/pg-test-server) and names in CARTERO_TEST_PG.
// Created with a random name through the server's own database, dropped
// (closing any connection left to it) when the object goes away.
//
// Tests that need it check available() first and skip PostgreSQL without a
// server. Administration goes through libpq directly, not cartero::Database,
// which would migrate the database it opens.
#pragma once

#include <libpq-fe.h>

#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>

namespace cartero::testing {

class PgAdmin {
 public:
  // The server's URI ("postgresql://user@host:port/postgres"), or "".
  static std::string server_uri() {
    const char* uri = std::getenv("CARTERO_TEST_PG");
    return uri ? uri : "";
  }
  static bool available() { return !server_uri().empty(); }

  explicit PgAdmin(const std::string& uri) : m_conn(PQconnectdb(uri.c_str())) {
    if (PQstatus(m_conn) != CONNECTION_OK) {
      const std::string why = PQerrorMessage(m_conn);
      PQfinish(m_conn);
      throw std::runtime_error("test: cannot connect to " + uri + ": " + why);
    }
  }
  ~PgAdmin() { PQfinish(m_conn); }
  PgAdmin(const PgAdmin&) = delete;
  PgAdmin& operator=(const PgAdmin&) = delete;

  // Runs `sql`; returns the first value of the first row ("" when none).
  std::string run(const std::string& sql) {
    PGresult* r = PQexec(m_conn, sql.c_str());
    const auto status = PQresultStatus(r);
    std::string value;
    if (status == PGRES_TUPLES_OK && PQntuples(r) > 0) value = PQgetvalue(r, 0, 0);
    const std::string error = PQresultErrorMessage(r);
    PQclear(r);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      throw std::runtime_error("test: " + sql + ": " + error);
    }
    return value;
  }

 private:
  PGconn* m_conn;
};

class PgDatabase {
 public:
  PgDatabase() {
    std::random_device rd;
    m_name = "cartero_test_" + std::to_string(rd()) + "_" + std::to_string(rd());
    PgAdmin(PgAdmin::server_uri()).run("CREATE DATABASE " + m_name);
    const std::string server = PgAdmin::server_uri();
    m_uri = server.substr(0, server.rfind('/') + 1) + m_name;
  }
  ~PgDatabase() {
    try {
      PgAdmin(PgAdmin::server_uri()).run("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
    } catch (...) {
      // The server is gone; tools/pg-test-server stop removes everything.
    }
  }
  PgDatabase(const PgDatabase&) = delete;
  PgDatabase& operator=(const PgDatabase&) = delete;

  const std::string& uri() const { return m_uri; }
  const std::string& name() const { return m_name; }

 private:
  std::string m_name;
  std::string m_uri;
};

}  // namespace cartero::testing
