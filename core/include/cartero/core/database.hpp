// The database Cartero keeps its state in: an embedded SQLite file (default)
// or a PostgreSQL server, chosen by a URI. Opening applies the numbered schema
// migrations that are missing, in one transaction, one process at a time.
//
// This header is free of library types; storage adapters reach the Poco
// session and the engine's native handle through "cartero/core/sql.hpp".
//
// Thread-safety: a Database is one connection; use it from one thread at a
// time. Open one per thread (they may point at the same file or server).
#pragma once

#include <memory>
#include <string>

namespace cartero {

enum class Engine { sqlite, postgresql };

class Database {
 public:
  // `uri`: a file path ("./cartero.db"), "sqlite:PATH", ":memory:", or
  // "postgresql://user[:password]@host[:port]/dbname".
  // Throws InputError when the database cannot be opened (unreachable
  // server, wrong credentials, unreadable file, a schema newer than this
  // program) and InternalError when a migration fails; nothing is changed
  // then.
  static std::unique_ptr<Database> open(const std::string& uri);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Engine engine() const;
  // The URI as given, with a password replaced by "***" (for messages).
  const std::string& uri() const;
  // Directory where Cartero keeps files (scanned images, letters as sent,
  // proofs): next to a SQLite file (`c.db.files`), `cartero.files` in the
  // working directory for in-memory and server databases.
  std::string files_dir() const;
  int schema_version() const;
  static int latest_schema_version();

  struct Impl;
  Impl& impl() { return *m_impl; }

 private:
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace cartero
