#include "store_scan_jobs.hpp"

#include <cstdlib>
#include <string_view>

#include "cartero/core/sql.hpp"

namespace cartero::returns::store {

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

// One problem page a line: status, page, note code and the file's name, tab-separated.
std::string join_problems(const std::vector<ScanJobs::Job::Problem>& problems) {
  std::string out;
  for (const auto& p : problems) out += p.status + "\t" + std::to_string(p.page) + "\t" + p.note_code + "\t" + p.file + "\n";
  return out;
}

std::vector<ScanJobs::Job::Problem> split_problems(std::string_view text) {
  std::vector<ScanJobs::Job::Problem> out;
  for (const auto& line : split_lines(text)) {
    std::vector<std::string> f;
    std::size_t start = 0;
    for (int i = 0; i < 3; ++i) {
      const auto tab = line.find('\t', start);
      if (tab == std::string::npos) break;
      f.push_back(line.substr(start, tab - start));
      start = tab + 1;
    }
    if (f.size() != 3) continue;
    out.push_back({line.substr(start), std::atoi(f[1].c_str()), f[0], f[2]});
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::int64_t, ScanJobs::Job>> latest_scan_jobs(Database& db) {
  std::vector<std::pair<std::int64_t, ScanJobs::Job>> out;
  sql::for_each_row(db,
                    "SELECT id, user_name, started_at, files, files_done, state, pages, pages_total, recorded, duplicate, review, "
                    "unreadable, error, problems FROM scan_jobs ORDER BY id DESC LIMIT 200",
                    {}, [&](const sql::Row& r) {
                      ScanJobs::Job job;
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
                      job.problems = split_problems(r.text(13));
                      out.emplace_back(r.int64(0), std::move(job));
                    });
  return out;
}

void save_scan_job(Database& db, std::int64_t id, const ScanJobs::Job& job) {
  const auto count = [&](const char* status) {
    const auto it = job.by_status.find(status);
    return std::to_string(it == job.by_status.end() ? 0 : it->second);
  };
  sql::Transaction tx(db);
  sql::exec(db, "DELETE FROM scan_jobs WHERE id = ?", {std::to_string(id)});
  sql::exec(db,
            "INSERT INTO scan_jobs (id, user_name, started_at, files, files_done, state, pages, pages_total, recorded, duplicate, "
            "review, unreadable, error, problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {std::to_string(id), job.user, job.started_at, join_lines(job.paths), std::to_string(job.files_done), job.state,
             std::to_string(job.pages), std::to_string(job.pages_total), count("recorded"), count("duplicate"), count("review"),
             count("unreadable"), job.error, join_problems(job.problems)});
  tx.commit();
}

}  // namespace cartero::returns::store
