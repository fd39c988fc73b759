#include "scan_jobs.hpp"

#include "cartero/core/database.hpp"
#include "cartero/core/json.hpp"
#include "cartero/returns/scan_intake.hpp"

namespace cartero::webui {

ScanJobs::~ScanJobs() {
  for (auto& t : m_threads) {
    if (t.joinable()) t.join();
  }
}

std::int64_t ScanJobs::start(std::vector<std::string> files, const std::string& user) {
  std::lock_guard lock(m_mutex);
  const std::int64_t id = m_next++;
  m_jobs[id] = Job{};
  m_threads.emplace_back([this, id, files = std::move(files), user] { run(id, files, user); });
  return id;
}

void ScanJobs::run(std::int64_t id, std::vector<std::string> files, std::string user) {
  try {
    std::lock_guard one_at_a_time(m_reading);
    auto db = Database::open(m_db_uri);
    returns::scan_files(*db, files, {user, false, 0, {}}, [&](const returns::ScanLine& line) {
      std::lock_guard lock(m_mutex);
      auto& job = m_jobs[id];
      ++job.pages;
      ++job.by_status[line.status];
    });
    std::lock_guard lock(m_mutex);
    m_jobs[id].state = "done";
  } catch (const std::exception& e) {
    std::lock_guard lock(m_mutex);
    m_jobs[id].state = "failed";
    m_jobs[id].error = e.what();
  }
}

std::string ScanJobs::status_json(std::int64_t id) const {
  std::lock_guard lock(m_mutex);
  const auto it = m_jobs.find(id);
  if (it == m_jobs.end()) return "";
  const Job& job = it->second;
  JsonWriter j;
  j.begin_object().key("job").value(id).key("state").value(job.state).key("pages").value(job.pages);
  for (const char* status : {"recorded", "duplicate", "review", "unreadable"}) {
    const auto s = job.by_status.find(status);
    j.key(status).value(s == job.by_status.end() ? std::int64_t{0} : s->second);
  }
  j.key("error").value(job.error).end_object();
  return j.str();
}

}  // namespace cartero::webui
