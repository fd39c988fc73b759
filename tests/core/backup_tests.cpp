// Backups taken while others write, checked and restored: every count and
// every hash of the restore equal the backup's manifest, every file a row
// of the snapshot names is in it, and a damaged backup or an occupied
// target is refused with nothing written.
#include "cartero/core/backup.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <thread>

#include "../support/temp_dir.hpp"
#ifdef CARTERO_WITH_POSTGRESQL
#include "../support/pg_database.hpp"
#endif
#include "cartero/core/database.hpp"
#include "cartero/core/digest.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"

using namespace cartero;
using cartero::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// Registrations as the scan intake makes them: the image is stored first
// (written aside, renamed into place), then its row is committed.
class Registrar {
 public:
  explicit Registrar(const std::string& uri) : m_db(Database::open(uri)) {}
  void add() {
    const int n = ++m_next;
    const fs::path dir = fs::path(m_db->files_dir()) / "scans";
    fs::create_directories(dir);
    const fs::path file = dir / (std::to_string(n) + ".png");
    {
      std::ofstream out(file.string() + ".tmp", std::ios::binary);
      out << "imagen de la carta devuelta " << n << std::string(static_cast<std::size_t>(n % 97) * 31, 'x');
    }
    fs::rename(file.string() + ".tmp", file);
    sql::Transaction tx(*m_db);
    sql::exec(*m_db, "INSERT INTO registrations (n, file) VALUES (?, ?)", {std::to_string(n), "scans/" + std::to_string(n) + ".png"});
    tx.commit();
  }

 private:
  std::unique_ptr<Database> m_db;
  int m_next = 0;
};

int rows(Database& db, const std::string& table) {
  return std::stoi(sql::scalar(db, "SELECT COUNT(*) FROM " + table).value_or("-1"));
}

// Backs up `source_uri` while a registrar writes, verifies, restores into
// `target_uri` and checks the restore against the manifest and the files.
void backup_while_registering(const std::string& source_uri, const std::string& target_uri, const TempDir& tmp) {
  auto db = Database::open(source_uri);
  sql::exec(*db, "CREATE TABLE registrations (n INTEGER NOT NULL, file TEXT NOT NULL)");
  Registrar registrar(source_uri);
  for (int i = 0; i < 50; ++i) registrar.add();
  std::atomic<bool> stop{false};
  std::atomic<int> during{0};
  std::thread writer([&] {
    while (!stop) {
      registrar.add();
      ++during;
    }
  });
  const std::string dir = tmp.path("copia");
  BackupManifest m;
  try {
    m = write_backup(*db, dir);
  } catch (...) {
    stop = true;
    writer.join();
    throw;
  }
  for (int i = 0; i < 20; ++i) std::this_thread::yield();
  stop = true;
  writer.join();
  BOOST_TEST_MESSAGE("registrations while backing up: " << during.load());
  BOOST_TEST(m.tables.at("registrations") >= 50);
  BOOST_TEST(m.tables.at("registrations") <= rows(*db, "registrations"));
  BOOST_TEST(fs::exists(fs::path(dir) / "manifest.json"));
  BOOST_TEST(!fs::exists(dir + ".partial"));

  const auto check = verify_backup(dir);
  BOOST_TEST(check.ok, to_json(check));
  const auto restored = restore_backup(dir, target_uri);
  BOOST_TEST(restored.ok, to_json(restored));

  auto back = Database::open(target_uri);
  BOOST_TEST(rows(*back, "registrations") == m.tables.at("registrations"));
  // Every file a restored row names is there, with the bytes the source had.
  std::set<std::string> named;
  sql::for_each_row(*back, "SELECT file FROM registrations", {}, [&](const sql::Row& r) { named.emplace(r.text(0)); });
  BOOST_TEST(named.size() == static_cast<std::size_t>(m.tables.at("registrations")));
  for (const auto& f : named) {
    const auto restored_file = fs::path(back->files_dir()) / f;
    BOOST_REQUIRE_MESSAGE(fs::exists(restored_file), f << " is named by a row and missing from the restore");
    BOOST_TEST(sha256_file(restored_file.string()) == sha256_file((fs::path(db->files_dir()) / f).string()));
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(backup_tests)

BOOST_AUTO_TEST_CASE(a_sqlite_backup_taken_during_registrations_restores_equal) {
  TempDir tmp;
  backup_while_registering(tmp.path("cartero.db"), tmp.path("restaurada.db"), tmp);
}

BOOST_AUTO_TEST_CASE(a_damaged_backup_is_found_and_never_restored) {
  TempDir tmp;
  const auto uri = tmp.path("cartero.db");
  {
    auto db = Database::open(uri);
    sql::exec(*db, "CREATE TABLE registrations (n INTEGER NOT NULL, file TEXT NOT NULL)");
    Registrar r(uri);
    for (int i = 0; i < 5; ++i) r.add();
    write_backup(*db, tmp.path("copia"));
    // A second backup into the same folder is refused: a backup never overwrites.
    BOOST_CHECK_THROW(write_backup(*db, tmp.path("copia")), InputError);
  }
  // One byte of one image changed, as a failing disk would.
  const auto image = fs::path(tmp.path("copia")) / "files" / "scans" / "3.png";
  std::string bytes = TempDir::read(image.string());
  bytes[5] ^= 1;
  tmp.write("copia/files/scans/3.png", bytes);
  const auto check = verify_backup(tmp.path("copia"));
  BOOST_TEST(!check.ok);
  BOOST_REQUIRE(check.problems.size() == 1u);
  BOOST_TEST(check.problems[0].find("scans/3.png") != std::string::npos, check.problems[0]);
  BOOST_CHECK_THROW(restore_backup(tmp.path("copia"), tmp.path("restaurada.db")), InputError);
  BOOST_TEST(!fs::exists(tmp.path("restaurada.db")));
  BOOST_TEST(!fs::exists(tmp.path("restaurada.db.files")));
  // Not a backup at all.
  BOOST_CHECK_EXCEPTION(verify_backup(tmp.dir().string()), InputError,
                        [](const InputError& e) { return std::string(e.what()).find("manifest.json") != std::string::npos; });
}

BOOST_AUTO_TEST_CASE(a_restore_never_overwrites_a_database) {
  TempDir tmp;
  const auto uri = tmp.path("cartero.db");
  {
    auto db = Database::open(uri);
    write_backup(*db, tmp.path("copia"));
  }
  auto existing = Database::open(tmp.path("en-uso.db"));
  sql::exec(*existing, "CREATE TABLE mine (n INTEGER)");
  sql::exec(*existing, "INSERT INTO mine VALUES (7)");
  BOOST_CHECK_EXCEPTION(restore_backup(tmp.path("copia"), tmp.path("en-uso.db")), InputError,
                        [](const InputError& e) { return std::string(e.what()).find("already exists") != std::string::npos; });
  BOOST_TEST(rows(*existing, "mine") == 1);
}

#ifdef CARTERO_WITH_POSTGRESQL
BOOST_AUTO_TEST_CASE(a_postgresql_backup_taken_during_registrations_restores_equal) {
  if (!cartero::testing::PgAdmin::available()) {
    BOOST_TEST_MESSAGE("CARTERO_TEST_PG not set: PostgreSQL backup not tested");
    return;
  }
  TempDir tmp;
  // A server database keeps its files in the working directory's cartero.files.
  const auto before = fs::current_path();
  fs::create_directories(tmp.dir() / "origen");
  fs::current_path(tmp.dir() / "origen");
  try {
    cartero::testing::PgDatabase source, target;
    // The restore's files go to the working directory of the restore.
    struct Move {
      TempDir& tmp;
      void to(const char* name) {
        fs::create_directories(tmp.dir() / name);
        fs::current_path(tmp.dir() / name);
      }
    };
    auto db = Database::open(source.uri());
    sql::exec(*db, "CREATE TABLE registrations (n INTEGER NOT NULL, file TEXT NOT NULL)");
    Registrar registrar(source.uri());
    for (int i = 0; i < 30; ++i) registrar.add();
    const auto m = write_backup(*db, tmp.path("copia"));
    BOOST_TEST(m.engine == "postgresql");
    BOOST_TEST(verify_backup(tmp.path("copia")).ok);
    Move{tmp}.to("destino");
    const auto restored = restore_backup(tmp.path("copia"), target.uri());
    BOOST_TEST(restored.ok, to_json(restored));
    auto back = Database::open(target.uri());
    BOOST_TEST(rows(*back, "registrations") == 30);
    BOOST_TEST(fs::exists(fs::path("cartero.files") / "scans" / "30.png"));
    // Into a database that now has data: refused.
    BOOST_CHECK_THROW(restore_backup(tmp.path("copia"), target.uri()), InputError);
  } catch (...) {
    fs::current_path(before);
    throw;
  }
  fs::current_path(before);
}
#endif

BOOST_AUTO_TEST_SUITE_END()
