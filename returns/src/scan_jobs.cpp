#include "cartero/returns/scan_jobs.hpp"

#include <algorithm>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/error_texts.hpp"
#include "cartero/core/json.hpp"
#include "cartero/returns/scan_intake.hpp"
#include "cartero/returns/settings.hpp"
#include "store_scan_jobs.hpp"

#include <filesystem>

#include "cartero/core/page_notes.hpp"

namespace cartero::returns {

ScanJobs::ScanJobs(std::string db_uri) : m_db_uri(std::move(db_uri)) {
  auto db = Database::open(m_db_uri);
  for (auto& [id, job] : store::latest_scan_jobs(*db)) {
    m_next = std::max(m_next, id + 1);
    if (job.state == "running") m_queue.push_front(id);  // oldest first
    m_jobs[id] = std::move(job);
  }
  m_worker = std::thread([this] { work(); });
}

ScanJobs::~ScanJobs() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_queued.notify_all();
  m_worker.join();
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
  store::save_scan_job(*db, id, job);  // kept before the answer: a restart right after still has it
  {
    std::lock_guard lock(m_mutex);
    m_queue.push_back(id);
  }
  m_queued.notify_one();
  return id;
}

void ScanJobs::work() {
  for (;;) {
    std::int64_t id = 0;
    {
      std::unique_lock lock(m_mutex);
      m_queued.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
      if (m_stopping || m_queue.empty()) return;  // queued jobs stay 'running' in the database: resumed next time
      id = m_queue.front();
      m_queue.pop_front();
    }
    run(id);
  }
}

void ScanJobs::run(std::int64_t id) {
  try {
    auto db = Database::open(m_db_uri);
    auto book = Database::open(m_db_uri);  // the job's own row, apart from the pages' transactions
    std::vector<std::string> files;
    std::string user;
    Job checkpoint;
    {
      std::lock_guard lock(m_mutex);
      auto& job = m_jobs[id];
      const auto first = std::min<std::int64_t>(job.files_done, job.files);
      files.assign(job.paths.begin() + first, job.paths.end());
      user = job.user;
      // Pages are counted as each file is opened for reading (a file that
      // cannot be read counts as one), on top of those of the files done
      // before a restart: each file is opened once.
      job.pages_total = job.pages;
      checkpoint = job;
      job.current_file.clear();
    }
    ScanOptions options{user, false, 0, current_return_settings(*db).routing, {}};
    options.on_file = [&](const std::string&, int pages) {
      std::lock_guard lock(m_mutex);
      m_jobs[id].pages_total += std::max(1, pages);
    };
    scan_files(*db, files, options, [&](const ScanLine& line) {
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
        if (line.status == "review" || line.status == "unreadable") {
          // The name as sent: the upload keeps files as "N-name".
          std::string name = std::filesystem::path(line.file).filename().string();
          const auto dash = name.find('-');
          if (dash != std::string::npos && dash > 0 && name.find_first_not_of("0123456789") == dash) name.erase(0, dash + 1);
          job.problems.push_back({name, line.page, line.status,
                                  std::string(page_note_info(line.note_code).code)});
        }
      }
      if (whole_file) store::save_scan_job(*book, id, checkpoint);
    });
    // Stored first, then shown: whoever sees "done" finds it in the database too.
    {
      std::lock_guard lock(m_mutex);
      checkpoint = m_jobs[id];
    }
    checkpoint.state = "done";
    checkpoint.files_done = checkpoint.files;
    store::save_scan_job(*book, id, checkpoint);
    {
      std::lock_guard lock(m_mutex);
      m_jobs[id].state = "done";
      m_jobs[id].files_done = m_jobs[id].files;
    }
  } catch (const InputError& e) {
    fail(id, spanish_message(e));
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
    store::save_scan_job(*db, id, job);
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
  j.key("files").value(job.files).key("files_done").value(job.files_done).key("pages_total").value(job.pages_total);
  // Which file and page each page left for a person is, and why.
  j.key("problems").begin_array();
  for (const auto& p : job.problems) {
    const auto note = parse_page_note(p.note_code);
    j.begin_object().key("file").value(p.file).key("page").value(static_cast<std::int64_t>(p.page)).key("status").value(p.status);
    j.key("note_code").value(p.note_code).key("note").value(note ? page_note_info(*note).label : std::string_view()).end_object();
  }
  j.end_array().end_object();
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

}  // namespace cartero::returns
