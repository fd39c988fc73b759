#include "cartero/core/backup.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/digest.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "database_impl.hpp"
#include "store_backup.hpp"

namespace fs = std::filesystem;

namespace cartero {

namespace {

constexpr const char* k_format = "cartero-backup 1";
constexpr const char* k_sqlite_file = "database.sqlite";
constexpr const char* k_pg_file = "database.pgdump";

void report(const BackupProgress& progress, double fraction, const std::string& what) {
  if (progress) progress(std::clamp(fraction, 0.0, 1.0), what);
}

// Regular files under `root`, as sorted relative paths. Files still being
// written (`*.tmp`, renamed into place when complete) are not kept ones.
std::vector<std::string> kept_files(const fs::path& root) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const auto rel = it->path().lexically_relative(root).generic_string();
    if (ec || (rel.size() >= 4 && rel.compare(rel.size() - 4, 4, ".tmp") == 0)) continue;
    out.push_back(rel);
  }
  std::sort(out.begin(), out.end());
  return out;
}

BackupFile described(const fs::path& file, const std::string& name) {
  std::error_code ec;
  const auto bytes = fs::file_size(file, ec);
  if (ec) throw InputError("backup: cannot read " + file.string() + ": " + ec.message());
  return {name, bytes, sha256_file(file.string())};
}

// Runs work(i) for i in [0, count) on a few threads (copying and hashing
// overlap reading one file with hashing another); the first error thrown
// stops the others and is rethrown here.
void in_parallel(std::size_t count, const std::function<void(std::size_t)>& work, const std::function<void(std::size_t)>& done = {}) {
  const std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency() * 2, 2, 8);
  std::atomic<std::size_t> next{0}, finished{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < std::min(threads, count); ++t) {
    pool.emplace_back([&] {
      for (std::size_t i; !failed && (i = next++) < count;) {
        try {
          work(i);
          ++finished;
        } catch (...) {
          std::lock_guard lock(error_mutex);
          if (!error) error = std::current_exception();
          failed = true;
        }
      }
    });
  }
  while (done && finished < count && !failed) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    done(finished);
  }
  for (auto& th : pool) th.join();
  if (error) std::rethrow_exception(error);
}

void copy_tree(const fs::path& from, const fs::path& to, const std::vector<BackupFile>& files, const BackupProgress& progress,
               const std::string& what) {
  in_parallel(
      files.size(),
      [&](std::size_t i) {
        std::error_code ec;
        fs::create_directories((to / files[i].path).parent_path(), ec);
        if (copy_file_sha256((from / files[i].path).string(), (to / files[i].path).string()) != files[i].sha256) {
          throw InputError("restore: " + files[i].path + " changed while it was being restored");
        }
      },
      [&](std::size_t n) { report(progress, static_cast<double>(n) / static_cast<double>(files.size()), what); });
}

// Runs a PostgreSQL client program; the password goes in its environment,
// never on its command line. Throws with the program's own message.
std::string run_pg_tool(const std::string& program, std::vector<std::string> args, const std::string& uri) {
  Poco::Process::Env env;
  if (const auto pw = uri_password(uri); !pw.empty()) env["PGPASSWORD"] = pw;
  Poco::Pipe out_pipe, err_pipe;
  std::string out, err;
  int code = -1;
  try {
    auto handle = Poco::Process::launch(program, args, ".", nullptr, &out_pipe, &err_pipe, env);
    Poco::PipeInputStream out_stream(out_pipe), err_stream(err_pipe);
    std::ostringstream o, e;
    o << out_stream.rdbuf();
    e << err_stream.rdbuf();
    out = o.str();
    err = e.str();
    code = handle.wait();
  } catch (const Poco::Exception& e) {
    throw InputError(program + " could not be run (" + e.displayText() +
                     "): PostgreSQL backups need the PostgreSQL client programs (Debian package postgresql-client)");
  }
  if (code != 0) {
    while (!err.empty() && (err.back() == '\n' || err.back() == ' ')) err.pop_back();
    throw InputError(program + " failed (exit " + std::to_string(code) + "): " + err);
  }
  return out;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw InputError("backup: cannot write " + path.string());
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

BackupFile file_of(const Poco::JSON::Object::Ptr& o) {
  return {o->getValue<std::string>("path"), o->getValue<std::uint64_t>("bytes"), o->getValue<std::string>("sha256")};
}

BackupManifest read_manifest(const std::string& dir) {
  const fs::path path = fs::path(dir) / "manifest.json";
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    throw InputError(dir + " is not a Cartero backup (it has no manifest.json); give the folder `cartero backup --out` wrote");
  }
  try {
    const auto root = Poco::JSON::Parser().parse(read_text(path)).extract<Poco::JSON::Object::Ptr>();
    if (root->optValue<std::string>("format", "") != k_format) {
      throw InputError(path.string() + " is not a Cartero backup manifest (format is not \"" + k_format + "\")");
    }
    BackupManifest m;
    m.created_at = root->getValue<std::string>("created_at");
    m.engine = root->getValue<std::string>("engine");
    m.schema_version = root->getValue<int>("schema_version");
    m.database = file_of(root->getObject("database"));
    const auto tables = root->getObject("tables");
    for (const auto& name : tables->getNames()) m.tables[name] = tables->getValue<std::int64_t>(name);
    const auto files = root->getArray("files");
    for (std::size_t i = 0; files && i < files->size(); ++i) m.files.push_back(file_of(files->getObject(static_cast<unsigned>(i))));
    return m;
  } catch (const Error&) {
    throw;
  } catch (const Poco::Exception& e) {
    throw InputError(path.string() + " cannot be read: " + e.displayText() + " (the backup's manifest is damaged)");
  }
}

void compare_counts(const std::map<std::string, std::int64_t>& expected, const std::map<std::string, std::int64_t>& found,
                    const std::string& where, std::vector<std::string>& problems) {
  for (const auto& [table, rows] : expected) {
    const auto it = found.find(table);
    if (it == found.end()) {
      problems.push_back(where + ": table " + table + " is missing");
    } else if (it->second != rows) {
      problems.push_back(where + ": table " + table + " has " + std::to_string(it->second) + " rows, the manifest says " +
                         std::to_string(rows));
    }
  }
}

// What is wrong with a backed-up file against its manifest line: missing,
// another size, another SHA-256; "" when it is as backed up.
std::string file_problem(const fs::path& path, const BackupFile& f) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return f.path + ": missing";
  if (const auto bytes = fs::file_size(path, ec); bytes != f.bytes) {
    return f.path + ": " + std::to_string(bytes) + " bytes, the manifest says " + std::to_string(f.bytes);
  }
  if (sha256_file(path.string()) != f.sha256) return f.path + ": its SHA-256 is not the manifest's (the file was changed or damaged)";
  return "";
}

bool empty_folder(const fs::path& dir) {
  std::error_code ec;
  return !fs::exists(dir, ec) || (fs::is_directory(dir, ec) && fs::is_empty(dir, ec));
}

}  // namespace

BackupManifest write_backup(Database& db, const std::string& dir, const BackupProgress& progress) {
  std::error_code ec;
  if (fs::exists(dir, ec)) throw InputError("backup: " + dir + " already exists; give --out a new folder (a backup never overwrites)");
  const fs::path partial = dir + ".partial";
  fs::remove_all(partial, ec);  // what a backup stopped half-way left
  if (!fs::create_directories(partial / "files", ec) || ec) {
    throw InputError("backup: cannot create " + partial.string() + ": " + ec.message());
  }
  struct Cleanup {
    fs::path path;
    bool done = false;
    ~Cleanup() {
      std::error_code ignored;
      if (!done) fs::remove_all(path, ignored);
    }
  } cleanup{partial};

  BackupManifest m;
  m.created_at = now_utc_iso();
  m.schema_version = db.schema_version();
  report(progress, 0.0, "base de datos");
  if (db.engine() == Engine::sqlite) {
    m.engine = "sqlite";
    store_backup::sqlite_copy(db, (partial / k_sqlite_file).string(), [&](double f) { report(progress, 0.4 * f, "base de datos"); });
    m.tables = store_backup::sqlite_file_row_counts((partial / k_sqlite_file).string());
    m.database = described(partial / k_sqlite_file, k_sqlite_file);
  } else {
    m.engine = "postgresql";
    const auto snapshot = store_backup::begin_snapshot(db);
    try {
      m.tables = store_backup::row_counts(db);
      run_pg_tool("pg_dump",
                  {"--format=custom", "--no-owner", "--no-privileges", "--snapshot=" + snapshot,
                   "--file=" + (partial / k_pg_file).string(), "--dbname=" + libpq_connection_string(db.impl().connect_uri, false)},
                  db.impl().connect_uri);
    } catch (...) {
      try {
        store_backup::end_snapshot(db);
      } catch (...) {
      }
      throw;
    }
    store_backup::end_snapshot(db);
    m.database = described(partial / k_pg_file, k_pg_file);
  }

  // Files after the snapshot: every file a row of it names was stored
  // before its row was committed, so it is here; newer files are harmless.
  const fs::path root = db.files_dir();
  const auto names = kept_files(root);
  std::vector<BackupFile> files(names.size());
  std::vector<char> gone(names.size(), 0);
  in_parallel(
      names.size(),
      [&](std::size_t i) {
        const fs::path from = root / names[i], to = partial / "files" / names[i];
        std::error_code e;
        if (!fs::exists(from, e)) {  // removed meanwhile (a temporary)
          gone[i] = 1;
          return;
        }
        fs::create_directories(to.parent_path(), e);
        files[i] = {names[i], 0, copy_file_sha256(from.string(), to.string())};
        files[i].bytes = fs::file_size(to, e);
      },
      [&](std::size_t n) { report(progress, 0.4 + 0.6 * static_cast<double>(n) / static_cast<double>(names.size()), "archivos"); });
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!gone[i]) m.files.push_back(std::move(files[i]));
  }
  write_file(partial / "manifest.json", to_json(m));
  fs::rename(partial, dir, ec);
  if (ec) throw InputError("backup: cannot rename " + partial.string() + " to " + dir + ": " + ec.message());
  cleanup.done = true;
  report(progress, 1.0, "listo");
  return m;
}

BackupCheck verify_backup(const std::string& dir, const BackupProgress& progress) {
  BackupCheck c;
  c.manifest = read_manifest(dir);
  const fs::path base(dir);
  report(progress, 0.0, "base de datos");
  const auto database_problem = file_problem(base / c.manifest.database.path, c.manifest.database);
  if (!database_problem.empty()) c.problems.push_back(database_problem);
  if (database_problem.empty() && c.manifest.engine == "sqlite") {
    try {
      compare_counts(c.manifest.tables, store_backup::sqlite_file_row_counts((base / c.manifest.database.path).string()),
                     c.manifest.database.path, c.problems);
    } catch (const InputError& e) {
      c.problems.push_back(e.what());
    }
  }
  std::mutex problems_mutex;
  const auto check_one = [&](std::size_t i) {
    const auto problem = file_problem(base / "files" / c.manifest.files[i].path, c.manifest.files[i]);
    if (!problem.empty()) {
      std::lock_guard lock(problems_mutex);
      c.problems.push_back(problem);
    }
  };
  in_parallel(c.manifest.files.size(), check_one, [&](std::size_t n) {
    report(progress, static_cast<double>(n) / static_cast<double>(c.manifest.files.size()), "archivos");
  });
  std::sort(c.problems.begin(), c.problems.end());
  report(progress, 1.0, "listo");
  c.ok = c.problems.empty();
  return c;
}

BackupCheck restore_backup(const std::string& dir, const std::string& target_uri, const BackupProgress& progress) {
  BackupCheck check = verify_backup(dir, progress);
  if (!check.ok) {
    throw InputError("restore: the backup in " + dir + " fails its check (" + check.problems.front() + (check.problems.size() > 1 ? ", …" : "") +
                     "); nothing was restored. Run `cartero backup verify " + dir + "` for the whole list");
  }
  const auto& m = check.manifest;
  const bool to_postgresql = is_postgresql_uri(target_uri);
  if (to_postgresql != (m.engine == "postgresql")) {
    throw InputError("restore: the backup in " + dir + " is of a " + m.engine + " database and " +
                     (to_postgresql ? "the target is a PostgreSQL database" : "the target is a SQLite file") +
                     "; restore it into the same kind of database");
  }
  std::error_code ec;
  if (!to_postgresql) {
    const std::string path = target_uri.rfind("sqlite:", 0) == 0 ? target_uri.substr(7) : target_uri;
    const fs::path files = path + ".files";
    if (fs::exists(path, ec) && fs::file_size(path, ec) > 0) {
      throw InputError("restore: " + path + " already exists; restore into a new file (a restore never overwrites a database)");
    }
    if (!empty_folder(files)) throw InputError("restore: " + files.string() + " already holds files; restore into a new place");
    const fs::path files_partial = files.string() + ".partial", db_partial = path + ".partial";
    fs::remove_all(files_partial, ec);
    fs::remove(db_partial, ec);
    try {
      fs::create_directories(files_partial, ec);
      copy_tree(fs::path(dir) / "files", files_partial, m.files, progress, "archivos");
      fs::copy_file(fs::path(dir) / m.database.path, db_partial, fs::copy_options::overwrite_existing, ec);
      if (ec) throw InputError("restore: cannot write " + db_partial.string() + ": " + ec.message());
      fs::remove(path, ec);  // an empty file left by someone
      fs::remove_all(files, ec);
      fs::rename(files_partial, files, ec);
      if (!ec) fs::rename(db_partial, path, ec);
      if (ec) throw InputError("restore: cannot move the restored database into place (" + path + "): " + ec.message());
    } catch (...) {
      fs::remove_all(files_partial, ec);
      fs::remove(db_partial, ec);
      throw;
    }
  } else {
    const fs::path files = "cartero.files";
    if (!empty_folder(files)) throw InputError("restore: " + fs::absolute(files).string() + " already holds files; restore from an empty folder");
    const auto tables = run_pg_tool(
        "psql", {"--no-psqlrc", "--tuples-only", "--no-align", "--dbname=" + libpq_connection_string(target_uri, false), "--command",
                 store_backup::count_tables_query()},
        target_uri);
    if (tables.find_first_not_of("0\n ") != std::string::npos) {
      throw InputError("restore: the target database already has tables; restore into an empty database (createdb a new one)");
    }
    run_pg_tool("pg_restore",
                {"--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
                 "--dbname=" + libpq_connection_string(target_uri, false), (fs::path(dir) / m.database.path).string()},
                target_uri);
    fs::create_directories(files, ec);
    copy_tree(fs::path(dir) / "files", files, m.files, progress, "archivos");
  }
  // The restored database, opened as every command opens it (migrated to
  // this cartero's schema), must hold what the manifest counted.
  auto restored = Database::open(target_uri);
  BackupCheck after;
  after.manifest = m;
  compare_counts(m.tables, store_backup::row_counts(*restored), "restored database", after.problems);
  // Each file's copy was hashed as it was written (copy_tree): here only
  // that it is where the restored database looks for it.
  for (const auto& f : m.files) {
    const fs::path p = fs::path(restored->files_dir()) / f.path;
    if (!fs::is_regular_file(p, ec) || fs::file_size(p, ec) != f.bytes) after.problems.push_back(f.path + ": not restored as backed up");
  }
  after.ok = after.problems.empty();
  return after;
}

std::string to_json(const BackupManifest& m, bool with_files) {
  JsonWriter w;
  w.begin_object().key("format").value(k_format).key("created_at").value(m.created_at).key("engine").value(m.engine);
  w.key("schema_version").value(m.schema_version);
  w.key("database").begin_object().key("path").value(m.database.path).key("bytes").value(static_cast<std::int64_t>(m.database.bytes));
  w.key("sha256").value(m.database.sha256).end_object();
  w.key("tables").begin_object();
  for (const auto& [table, rows] : m.tables) w.key(table).value(rows);
  w.end_object();
  if (with_files) {
    w.key("files").begin_array();
    for (const auto& f : m.files) {
      w.begin_object().key("path").value(f.path).key("bytes").value(static_cast<std::int64_t>(f.bytes)).key("sha256").value(f.sha256).end_object();
    }
    w.end_array();
  } else {
    std::uint64_t bytes = 0;
    for (const auto& f : m.files) bytes += f.bytes;
    w.key("files").value(m.files.size()).key("files_bytes").value(static_cast<std::int64_t>(bytes));
  }
  w.end_object();
  return w.str();
}

std::string to_json(const BackupCheck& c) {
  JsonWriter w;
  w.begin_object().key("ok").value(c.ok).key("problems").begin_array();
  for (const auto& p : c.problems) w.value(p);
  w.end_array().key("manifest").raw(to_json(c.manifest, false)).end_object();
  return w.str();
}

}  // namespace cartero
