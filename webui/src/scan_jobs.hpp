// Private: uploaded scans processed in the background. A job goes on when
// the browser that started it is closed; every page it reads is stored as
// `cartero scan` stores it, and the job itself (its files, how far it got)
// is kept in the database: a job cut off by a restart of the server goes on
// from its first unfinished file when the server starts again.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cartero {
class JsonWriter;
class Database;
}

namespace cartero::webui {

class ScanJobs {
 public:
  // Loads the latest jobs and resumes the unfinished ones.
  explicit ScanJobs(std::string db_uri);
  ~ScanJobs();
  ScanJobs(const ScanJobs&) = delete;
  ScanJobs& operator=(const ScanJobs&) = delete;

  // Starts reading `files` (already saved on disk) for `user`; returns the job id.
  std::int64_t start(std::vector<std::string> files, const std::string& user);
  // {"job", "state": "running"|"done"|"failed", "pages", "recorded", "duplicate", "review", "unreadable",
  // "error" (Spanish)};
  // "" when there is no such job.
  std::string status_json(std::int64_t id) const;
  // The latest jobs (also of earlier runs of the server), newest first, of one user ("" for all):
  // a page reopened after the browser was closed finds its jobs again.
  std::string list_json(const std::string& user) const;

 private:
  struct Job {
    std::string state = "running";
    std::string user, started_at;
    std::vector<std::string> paths;
    std::int64_t files = 0, files_done = 0;
    std::string current_file;
    std::int64_t pages = 0, pages_total = 0;  // pages_total: 0 until counted
    std::map<std::string, std::int64_t> by_status;
    std::string error;
  };
  void run(std::int64_t id);
  // Writes the job's row: its counts as of its last whole file.
  void save(Database& db, std::int64_t id, const Job& checkpoint);
  static void write_job(cartero::JsonWriter& j, std::int64_t id, const Job& job);
  void fail(std::int64_t id, const std::string& message);  // Spanish, for the page

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
