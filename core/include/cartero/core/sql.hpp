// The storage edge: what the store files of every folder
// (`<folder>/src/store*.cpp`) use to talk SQL. Standard library only: Poco
// and the engines' C libraries stay inside core (linked PRIVATE). Only store
// files include it, never a public domain header.
//
// Queries are written once, with `?` placeholders, and passed through sql()
// which adapts them to the engine. Engine differences (placeholders, bulk
// loads, upserts, transactions) are kept in this file and sql.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cartero/core/database.hpp"

namespace cartero::sql {

// `?` placeholders become `$1, $2, …` on PostgreSQL; text in quotes is kept.
std::string adapt(Engine engine, std::string_view query);

// Runs a statement without results (DDL, DELETE…), with text parameters.
void exec(Database& db, std::string_view query, const std::vector<std::string>& params = {});

// One value of the first row, or nullopt when there is no row or it is NULL.
std::optional<std::string> scalar(Database& db, std::string_view query,
                                  const std::vector<std::string>& params = {});

// Empties `table` inside the current transaction, to replace its contents
// (a new snapshot of an export): TRUNCATE on PostgreSQL, which takes the
// table's exclusive lock until commit (readers wait, then see the new
// rows); DELETE on SQLite.
void clear_table(Database& db, std::string_view table);

// Serialises writers that must not run at once (migrations, dispatching a
// batch, numbering returns): blocks until no other connection holds `key`,
// and holds it until the current Transaction ends. PostgreSQL: an advisory
// transaction lock; SQLite: nothing to do, a Transaction already holds the
// database's only write lock. Call inside a Transaction.
void lock_exclusive(Database& db, std::int64_t key);

// Keeps `tables` from being replaced by other connections (clear_table
// waits) until the current Transaction ends, so that what is read from them
// is one consistent state. PostgreSQL: LOCK TABLE … IN ACCESS SHARE MODE
// (readers never wait for each other); SQLite: nothing to do, a Transaction
// already holds the database's write lock. Call inside a Transaction.
void lock_for_reading(Database& db, const std::vector<std::string>& tables);

// Keys for lock_exclusive(), one per kind of serialised work.
//
// Work that must happen once with several processes at it (dispatching a
// batch, the return register's consecutive numbers) is written as: begin a
// Transaction, lock_exclusive(key) or SELECT … FOR UPDATE the one row that
// guards it (the batch's row; a counter row per register), re-read the state
// under the lock (status still 'draft'? the next number), write, commit.
// Taking the number from MAX(number)+1 or a sequence under that lock keeps
// it gapless, since a rollback releases the lock without using the number.
inline constexpr std::int64_t k_lock_migrations = 0x4361727465726f01;  // "Cartero" + 1
inline constexpr std::int64_t k_lock_return_register = 0x4361727465726f02;
inline constexpr std::int64_t k_lock_logins = 0x4361727465726f0a;

// A write transaction. SQLite takes the write lock at once (BEGIN IMMEDIATE)
// so two writers never deadlock on upgrade. Rolls back on destruction unless
// commit() was called. Opened inside another Transaction on the same
// connection it is a savepoint of it: its commit keeps its work for the
// outer one to commit, its rollback undoes only its own work (how an audit
// line joins the transaction of the write it records).
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& m_db;
  std::string m_savepoint;  // empty for the outermost transaction
  bool m_open = true;
};

// Inserts many rows fast: prepared statements on SQLite, COPY on
// PostgreSQL. Use inside a Transaction. Values of a row are added in column
// order, then end_row(); finish() writes what is buffered and must be
// called: a writer destroyed without it abandons the rows (the transaction
// then rolls back).
class BulkWriter {
 public:
  BulkWriter(Database& db, std::string_view table, const std::vector<std::string>& columns);
  ~BulkWriter();
  BulkWriter(const BulkWriter&) = delete;
  BulkWriter& operator=(const BulkWriter&) = delete;

  BulkWriter& add(std::int64_t value);
  BulkWriter& add(std::string_view value);
  // The same for text the caller keeps unchanged until end_row(): SQLite
  // reads it in place instead of copying it first.
  BulkWriter& add_lasting(std::string_view value);
  BulkWriter& add_null();
  void end_row();
  void finish();

  struct Impl;

 private:
  std::unique_ptr<Impl> m_impl;
};

// A row being read by for_each_row(). Valid only inside the callback.
class Row {
 public:
  virtual ~Row() = default;
  virtual bool is_null(int column) const = 0;
  virtual std::string_view text(int column) const = 0;
  virtual std::int64_t int64(int column) const = 0;
};

// Streams the rows of a query to `on_row` without holding them all: the
// fast path for reading millions of rows. Text parameters. PostgreSQL reads
// SELECTs through a cursor in batches of 20,000 rows (fetching the next
// while `on_row` works) and other statements (INSERT … RETURNING) row by
// row. The connection is busy meanwhile: a statement run on `db` from
// `on_row` throws InternalError on both engines. An exception from `on_row`
// stops the reading and is rethrown; the connection stays usable.
void for_each_row(Database& db, std::string_view query, const std::vector<std::string>& params,
                  const std::function<void(const Row&)>& on_row);

}  // namespace cartero::sql
