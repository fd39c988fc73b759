#include "scan_jobs.hpp"

#include <algorithm>
#include <ctime>

#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/returns/scan_intake.hpp"
#include "cartero/returns/settings.hpp"
#include "cartero/scanning/page.hpp"
#include "messages.hpp"

namespace cartero::webui {

ScanJobs::~ScanJobs() {
  for (auto& t : m_threads) {
    if (t.joinable()) t.join();
  }
}

std::int64_t ScanJobs::start(std::vector<std::string> files, const std::string& user) {
  std::lock_guard lock(m_mutex);
  const std::int64_t id = m_next++;
  Job job;
  job.user = user;
  job.files = static_cast<std::int64_t>(files.size());
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char at[32];
  std::strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
  job.started_at = at;
  m_jobs[id] = job;
  m_threads.emplace_back([this, id, files = std::move(files), user] { run(id, files, user); });
  return id;
}

void ScanJobs::run(std::int64_t id, std::vector<std::string> files, std::string user) {
  try {
    auto db = Database::open(m_db_uri);
    // How many pages there are, for the progress bar (opening a file reads
    // only its header; a file that cannot be read counts as one page).
    std::int64_t total = 0;
    for (const auto& f : files) total += std::max(1, scanning::PageReader::open(f)->page_count());
    {
      std::lock_guard lock(m_mutex);
      m_jobs[id].pages_total = total;
    }
    returns::scan_files(*db, files, {user, false, 0, returns::current_return_settings(*db).routing}, [&](const returns::ScanLine& line) {
      std::lock_guard lock(m_mutex);
      auto& job = m_jobs[id];
      if (line.file != job.current_file) {
        if (!job.current_file.empty()) ++job.files_done;
        job.current_file = line.file;
      }
      ++job.pages;
      ++job.by_status[line.status];
    });
    std::lock_guard lock(m_mutex);
    m_jobs[id].state = "done";
    m_jobs[id].files_done = m_jobs[id].files;
  } catch (const InputError& e) {
    fail(id, spanish_error(e.what()).message);
  } catch (const std::exception& e) {
    fail(id, std::string("Error interno del servidor: ") + e.what());
  }
}

void ScanJobs::fail(std::int64_t id, const std::string& message) {
  std::lock_guard lock(m_mutex);
  m_jobs[id].state = "failed";
  m_jobs[id].error = message;
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
