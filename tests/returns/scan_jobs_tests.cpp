// Upload jobs are read one after another and kept in the database: a server
// started again lists them, and a job cut off by a restart goes on from its
// first unfinished file.
#include "cartero/returns/scan_jobs.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <thread>

#include "cartero/core/sql.hpp"
#include "../support/letters_fixture.hpp"

using namespace cartero;
using namespace cartero::returns;

namespace {

std::string wait_done(ScanJobs& jobs, std::int64_t id) {
  std::string status = jobs.status_json(id);
  for (int i = 0; i < 300 && (status.empty() || status.find(R"("state":"running")") != std::string::npos); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    status = jobs.status_json(id);
  }
  return status;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scan_jobs_tests)

BOOST_AUTO_TEST_CASE(a_finished_job_is_listed_by_the_next_server) {
  testing::LettersFixture f(2);
  {
    ScanJobs jobs(f.db_path);
    const auto id = jobs.start({f.pdf}, "olga");
    BOOST_CHECK(wait_done(jobs, id).find(R"("state":"done","pages":2,"recorded":0,"duplicate":0,"review":2)") != std::string::npos);
  }
  ScanJobs again(f.db_path);
  const auto list = again.list_json("olga");
  BOOST_CHECK(list.find(R"([{"job":1,"state":"done","pages":2,)") == 0);
  BOOST_CHECK(list.find(R"("files":1,"files_done":1,"pages_total":2,"problems":[)") != std::string::npos);
  // The next server still names the file and page of each page left for a person.
  BOOST_CHECK(list.find(R"({"file":"letters-001.pdf","page":2,"status":"review","note_code":)") != std::string::npos);
  BOOST_CHECK_EQUAL(again.list_json("otra"), "[]");
  BOOST_CHECK_EQUAL(again.start({f.pdf}, "olga"), 2);  // numbers go on
}

BOOST_AUTO_TEST_CASE(a_job_cut_off_by_a_restart_goes_on_when_the_server_starts) {
  testing::LettersFixture f(3);
  // What a server that stopped after saving the upload leaves behind.
  sql::exec(*f.db,
            "INSERT INTO scan_jobs (id, user_name, started_at, files, files_done, state, pages, pages_total, recorded, duplicate, "
            "review, unreadable, error) VALUES (7, 'olga', '2026-12-01T10:00:00Z', ?, 0, 'running', 0, 3, 0, 0, 0, 0, '')",
            {f.pdf + "\n"});
  ScanJobs jobs(f.db_path);
  const auto status = wait_done(jobs, 7);
  BOOST_CHECK_MESSAGE(status.find(R"("state":"done","pages":3,"recorded":0,"duplicate":0,"review":3,"unreadable":0)") != std::string::npos,
                      status);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT state || ' ' || files_done FROM scan_jobs WHERE id = 7").value_or(""), "done 1");
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT COUNT(*) FROM scan_pages WHERE status = 'review'").value_or(""), "3");
}

BOOST_AUTO_TEST_SUITE_END()
