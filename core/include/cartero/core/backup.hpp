// Backups a server can take while it works: the database as one consistent
// snapshot (SQLite's online backup API; PostgreSQL through pg_dump on an
// exported snapshot), every file Cartero keeps (scans, letters as sent,
// proofs) and a manifest with each table's row count and each file's
// SHA-256, so that a backup can be checked before anyone needs it and a
// restore proven equal to it.
//
// A backup folder:
//   manifest.json      what is in it (see BackupManifest)
//   database.sqlite    or database.pgdump (pg_dump's custom format)
//   files/…            the kept files, under the same relative paths
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace cartero {

class Database;

struct BackupFile {
  std::string path;  // relative to the backup's files/ (and to the database's files folder)
  std::uint64_t bytes = 0;
  std::string sha256;
};

struct BackupManifest {
  std::string created_at;  // UTC, ISO 8601
  std::string engine;      // "sqlite" or "postgresql"
  int schema_version = 0;
  BackupFile database;     // path is the file's name in the backup folder
  std::map<std::string, std::int64_t> tables;  // rows in each table, in the snapshot
  std::vector<BackupFile> files;
};

// Called with a fraction in [0, 1] and what is being done.
using BackupProgress = std::function<void(double, const std::string&)>;

// Writes a backup of `db` (and of the files in db.files_dir()) into `dir`,
// which must not exist: it is written as `dir`.partial and renamed when
// complete, so a folder named `dir` is always a whole backup. Other
// connections may write meanwhile; the database is the state of one
// instant and every file it refers to is in the backup. Throws InputError
// when `dir` exists or cannot be written.
BackupManifest write_backup(Database& db, const std::string& dir, const BackupProgress& progress = {});

struct BackupCheck {
  bool ok = false;
  BackupManifest manifest;
  std::vector<std::string> problems;  // one line each: what, which file or table
};

// Reads `dir`'s manifest and checks every file's size and SHA-256, the
// database file's, and (SQLite) each table's row count in the copy.
// Throws InputError when `dir` is not a backup folder.
BackupCheck verify_backup(const std::string& dir, const BackupProgress& progress = {});

// Restores the backup in `dir` into `target_uri`: a SQLite file that does
// not exist yet (its files go to TARGET.files), or an empty PostgreSQL
// database (its files to the working directory's cartero.files, which must
// not exist). The backup is verified first; a backup that fails, a target
// that holds data or an engine other than the backup's is refused with
// nothing written. After the restore the target is opened (migrated to
// this cartero's schema) and its row counts compared with the manifest.
BackupCheck restore_backup(const std::string& dir, const std::string& target_uri, const BackupProgress& progress = {});

std::string to_json(const BackupManifest& m, bool with_files = true);
std::string to_json(const BackupCheck& c);

}  // namespace cartero
