#include "scan_jobs.hpp"

#include <algorithm>
#include <ctime>
#include <string_view>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/returns/scan_intake.hpp"
#include "cartero/returns/settings.hpp"
#include "cartero/scanning/page.hpp"
#include "messages.hpp"

namespace cartero::webui {

namespace {

const char* const k_statuses[] = {"recorded", "duplicate", "review", "unreadable"};

std::string join_lines(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += s + "\n";
  return out;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    if (nl != 0) out.emplace_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

}  // namespace

ScanJobs::ScanJobs(std::string db_uri) : m_db_uri(std::move(db_uri)) {
  auto db = Database::open(m_db_uri);
  std::vector<std::int64_t> unfinished;
  sql::for_each_row(*db,
                    "SELECT id, user_name, started_at, files, files_done, state, pages, pages_total, recorded, duplicate, review, "
                    "unreadable, error FROM scan_jobs ORDER BY id DESC LIMIT 200",
                    {}, [&](const sql::Row& r) {
                      Job job;
                      const auto id = r.int64(0);
                      job.user = r.text(1);
                      job.started_at = r.text(2);
                      job.paths = split_lines(r.text(3));
                      job.files = static_cast<std::int64_t>(job.paths.size());
                      job.files_done = r.int64(4);
                      job.state = r.text(5);
                      job.pages = r.int64(6);
                      job.pages_total = r.int64(7);
                      for (int i = 0; i < 4; ++i) job.by_status[k_statuses[i]] = r.int64(8 + i);
                      job.error = r.text(12);
                      m_next = std::max(m_next, id + 1);
                      if (job.state == "running") unfinished.push_back(id);
                      m_jobs[id] = std::move(job);
                    });
  for (auto it = unfinished.rbegin(); it != unfinished.rend(); ++it) {
    const auto id = *it;
    m_threads.emplace_back([this, id] { run(id); });
  }
}

ScanJobs::~ScanJobs() {
  for (auto& t : m_threads) {
    if (t.joinable()) t.join();
  }
}

std::int64_t ScanJobs::start(std::vector<std::string> files, const std::string& user) {
  Job job;
  job.user = user;
  job.files = static_cast<std::int64_t>(files.size());
  job.paths = std::move(files);
  job.started_at = now_utc_iso();
  auto db = Database::open(m_db_uri);
  std::int64_t id = 0;
  {
    std::lock_guard lock(m_mutex);
    id = m_next++;
    m_jobs[id] = job;
  }
  save(*db, id, job);  // kept before the answer: a restart right after still has it
  std::lock_guard lock(m_mutex);
  m_threads.emplace_back([this, id] { run(id); });
  return id;
}

void ScanJobs::save(Database& db, std::int64_t id, const Job& job) {
  const auto count = [&](const char* status) {
    const auto it = job.by_status.find(status);
    return std::to_string(it == job.by_status.end() ? 0 : it->second);
  };
  sql::Transaction tx(db);
  sql::exec(db, "DELETE FROM scan_jobs WHERE id = ?", {std::to_string(id)});
  sql::exec(db,
            "INSERT INTO scan_jobs (id, user_name, started_at, files, files_done, state, pages, pages_total, recorded, duplicate, "
            "review, unreadable, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {std::to_string(id), job.user, job.started_at, join_lines(job.paths), std::to_string(job.files_done), job.state,
             std::to_string(job.pages), std::to_string(job.pages_total), count("recorded"), count("duplicate"), count("review"),
             count("unreadable"), job.error});
  tx.commit();
}

void ScanJobs::run(std::int64_t id) {
  try {
    std::lock_guard one_at_a_time(m_reading);
    auto db = Database::open(m_db_uri);
    auto book = Database::open(m_db_uri);  // the job's own row, apart from the pages' transactions
    std::vector<std::string> files;
    std::string user;
    std::int64_t first = 0;
    {
      std::lock_guard lock(m_mutex);
      const auto& job = m_jobs[id];
      first = std::min<std::int64_t>(job.files_done, job.files);
      files.assign(job.paths.begin() + first, job.paths.end());
      user = job.user;
    }
    // How many pages there are, for the progress bar: counted as each file
    // is opened for reading (a file that cannot be read counts as one page),
    // on top of the pages of the files done before a restart.
    {
      std::lock_guard lock(m_mutex);
      m_jobs[id].pages_total = m_jobs[id].pages;
    }
    Job checkpoint;
    {
      std::lock_guard lock(m_mutex);
      checkpoint = m_jobs[id];
      m_jobs[id].current_file.clear();
    }
    returns::ScanOptions options{user, false, 0, returns::current_return_settings(*db).routing, {}};
    options.on_file = [&](const std::string&, int pages) {
      std::lock_guard lock(m_mutex);
      m_jobs[id].pages_total += std::max(1, pages);
    };
    returns::scan_files(*db, files, options, [&](const returns::ScanLine& line) {
      bool whole_file = false;
      {
        std::lock_guard lock(m_mutex);
        auto& job = m_jobs[id];
        if (line.file != job.current_file) {
          if (!job.current_file.empty()) {
            ++job.files_done;
            whole_file = true;
            checkpoint = job;
          }
          job.current_file = line.file;
        }
        ++job.pages;
        ++job.by_status[line.status];
      }
      if (whole_file) save(*book, id, checkpoint);
    });
    {
      std::lock_guard lock(m_mutex);
      m_jobs[id].state = "done";
      m_jobs[id].files_done = m_jobs[id].files;
      checkpoint = m_jobs[id];
    }
    save(*book, id, checkpoint);
  } catch (const InputError& e) {
    fail(id, api_error(e).message);
  } catch (const std::exception& e) {
    fail(id, std::string("Error interno del servidor: ") + e.what());
  }
}

void ScanJobs::fail(std::int64_t id, const std::string& message) {
  Job job;
  {
    std::lock_guard lock(m_mutex);
    m_jobs[id].state = "failed";
    m_jobs[id].error = message;
    job = m_jobs[id];
  }
  try {
    auto db = Database::open(m_db_uri);
    save(*db, id, job);
  } catch (const std::exception&) {
    // The database is what failed: the job stays 'running' there and is resumed at the next start.
  }
}

void ScanJobs::write_job(JsonWriter& j, std::int64_t id, const Job& job) {
  j.begin_object().key("job").value(id).key("state").value(job.state).key("pages").value(job.pages);
  for (const char* status : {"recorded", "duplicate", "review", "unreadable"}) {
    const auto s = job.by_status.find(status);
    j.key(status).value(s == job.by_status.end() ? std::int64_t{0} : s->second);
  }
  j.key("error").value(job.error).key("user").value(job.user).key("started_at").value(job.started_at);
  j.key("files").value(job.files).key("files_done").value(job.files_done).key("pages_total").value(job.pages_total).end_object();
}

std::string ScanJobs::status_json(std::int64_t id) const {
  std::lock_guard lock(m_mutex);
  const auto it = m_jobs.find(id);
  if (it == m_jobs.end()) return "";
  JsonWriter j;
  write_job(j, id, it->second);
  return j.str();
}

std::string ScanJobs::list_json(const std::string& user) const {
  std::lock_guard lock(m_mutex);
  JsonWriter j;
  j.begin_array();
  for (auto it = m_jobs.rbegin(); it != m_jobs.rend(); ++it) {
    if (user.empty() || it->second.user == user) write_job(j, it->first, it->second);
  }
  j.end_array();
  return j.str();
}

}  // namespace cartero::webui
