// Private: uploaded scans processed in the background. A job goes on when
// the browser that started it is closed; its progress is kept in memory and
// every page it reads is stored as `cartero scan` stores it.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cartero::webui {

class ScanJobs {
 public:
  explicit ScanJobs(std::string db_uri) : m_db_uri(std::move(db_uri)) {}
  ~ScanJobs();
  ScanJobs(const ScanJobs&) = delete;
  ScanJobs& operator=(const ScanJobs&) = delete;

  // Starts reading `files` (already saved on disk) for `user`; returns the job id.
  std::int64_t start(std::vector<std::string> files, const std::string& user);
  // {"job", "state": "running"|"done"|"failed", "pages", "recorded", "duplicate", "review", "unreadable", "error"};
  // "" when there is no such job.
  std::string status_json(std::int64_t id) const;

 private:
  struct Job {
    std::string state = "running";
    std::int64_t pages = 0;
    std::map<std::string, std::int64_t> by_status;
    std::string error;
  };
  void run(std::int64_t id, std::vector<std::string> files, std::string user);

  std::string m_db_uri;
  mutable std::mutex m_mutex;
  // One job reads at a time, on every core; the next waits its turn (still
  // "running", with 0 pages) instead of three jobs' readers sharing 2 cores.
  std::mutex m_reading;
  std::map<std::int64_t, Job> m_jobs;
  std::int64_t m_next = 1;
  std::vector<std::thread> m_threads;
};

}  // namespace cartero::webui
