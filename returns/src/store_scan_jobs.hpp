// Private: the SQL of the scan jobs (table scan_jobs).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/returns/scan_jobs.hpp"

namespace cartero::returns::store {

// The latest 200 jobs, newest first.
std::vector<std::pair<std::int64_t, ScanJobs::Job>> latest_scan_jobs(Database& db);
// Writes the job's row (its counts as of its last whole file), in one transaction.
void save_scan_job(Database& db, std::int64_t id, const ScanJobs::Job& job);

}  // namespace cartero::returns::store
