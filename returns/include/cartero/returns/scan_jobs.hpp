// Uploaded scans read in the background, one job after another (a FIFO
// queue and one worker, which reads each file once on the intake's read
// pool: every core for one job rather than several jobs sharing them). A
// job goes on when the browser that started it is closed; every page it
// reads is stored as `cartero scan` stores it, and the job itself (its
// files, how far it got) is kept in the database: a job cut off by a
// restart goes on from its first unfinished file when the queue is created
// again.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cartero {
class JsonWriter;
class Database;
}

namespace cartero::returns {

class ScanJobs {
 public:
  // Loads the latest jobs and queues the unfinished ones.
  explicit ScanJobs(std::string db_uri);
  // Finishes the job being read; jobs still queued stay unfinished in the
  // database and are resumed by the next ScanJobs.
  ~ScanJobs();
  ScanJobs(const ScanJobs&) = delete;
  ScanJobs& operator=(const ScanJobs&) = delete;

  // Queues reading `files` (already saved on disk) for `user`; returns the
  // job id once the job is kept in the database.
  std::int64_t start(std::vector<std::string> files, const std::string& user);
  // {"job", "state": "running"|"done"|"failed", "pages", "recorded", "duplicate", "review", "unreadable",
  // "error" (Spanish), "user", "started_at", "files", "files_done", "pages_total", "problems": [{"file",
  // "page", "status", "note_code", "note"}]}; "" when there is no such job.
  // pages_total grows as each file is opened for reading.
  std::string status_json(std::int64_t id) const;
  // The latest jobs (also of earlier runs), newest first, of one user ("" for all):
  // a page reopened after the browser was closed finds its jobs again.
  std::string list_json(const std::string& user) const;

  struct Job {
    std::string state = "running";
    std::string user, started_at;
    std::vector<std::string> paths;
    std::int64_t files = 0, files_done = 0;
    std::string current_file;
    std::int64_t pages = 0, pages_total = 0;
    std::map<std::string, std::int64_t> by_status;
    std::string error;
    // The pages left for a person (review) or unreadable: the file's name,
    // the page, the status and the note's code (core/page_notes.hpp).
    struct Problem {
      std::string file;
      int page = 0;
      std::string status, note_code;
    };
    std::vector<Problem> problems;
  };

 private:
  void work();  // the worker: jobs in the order they came
  void run(std::int64_t id);
  static void write_job(cartero::JsonWriter& j, std::int64_t id, const Job& job);
  void fail(std::int64_t id, const std::string& message);  // Spanish, for the page

  std::string m_db_uri;
  mutable std::mutex m_mutex;
  std::map<std::int64_t, Job> m_jobs;
  std::int64_t m_next = 1;
  std::deque<std::int64_t> m_queue;
  std::condition_variable m_queued;
  bool m_stopping = false;
  std::thread m_worker;
};

}  // namespace cartero::returns
