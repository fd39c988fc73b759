#include "cartero/returns/scan_intake.hpp"
#include "cartero/returns/reports.hpp"
#include "cartero/letters/geometry.hpp"
#include "cartero/returns/lists.hpp"
#include "cartero/returns/register.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "../scanning/synthetic.hpp"
#include "cartero/core/error.hpp"
#include "cartero/scanning/page.hpp"
#include "../support/letters_fixture.hpp"

using namespace cartero;
using namespace cartero::testing;

namespace {

// A returned letter as a JPEG scan with the courier's mark.
std::string marked_scan(LettersFixture& f, int page, ReturnCause cause, const std::string& name) {
  auto reader = scanning::PageReader::open(f.pdf, 200);
  cv::Mat m = to_mat(*reader->read(page).image);
  std::mt19937 rng(static_cast<unsigned>(page));
  draw_pen(m, 200, cause, Pen::cross, 30, rng);
  const cv::Mat scan = degrade(m, tier_degradation(Tier::office, page, rng), rng);
  const std::string path = f.tmp.path(name);
  cv::imwrite(path, scan, {cv::IMWRITE_JPEG_QUALITY, 80});
  return path;
}

std::vector<returns::ScanLine> scan(LettersFixture& f, const std::vector<std::string>& files, bool dry_run = false) {
  std::vector<returns::ScanLine> lines;
  returns::scan_files(*f.db, files, {"ana", dry_run, 2, {}}, [&](const returns::ScanLine& l) { lines.push_back(l); });
  return lines;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scan_intake_tests)

BOOST_AUTO_TEST_CASE(marked_pages_are_recorded_once_and_rescans_are_duplicates) {
  LettersFixture f(3);
  const auto a = marked_scan(f, 1, ReturnCause::demolished, "a.jpg");
  const auto b = marked_scan(f, 2, ReturnCause::moved, "b.jpg");
  auto lines = scan(f, {a, b});
  BOOST_REQUIRE_EQUAL(lines.size(), 2u);
  BOOST_CHECK_EQUAL(lines[0].status, "recorded");
  BOOST_CHECK_EQUAL(lines[0].letter_id.value_or(""), f.ids[0]);
  BOOST_CHECK_EQUAL(lines[0].cause.value_or(""), "demolished");
  BOOST_CHECK_EQUAL(lines[0].return_id.value_or(0), 1);
  BOOST_CHECK_EQUAL(lines[1].cause.value_or(""), "moved");
  BOOST_CHECK_EQUAL(lines[1].return_id.value_or(0), 2);
  BOOST_CHECK(lines[0].to_json().find(R"("status":"recorded","letter_id":")" + f.ids[0]) != std::string::npos);
  lines = scan(f, {a});
  BOOST_CHECK_EQUAL(lines[0].status, "duplicate");
  BOOST_CHECK_EQUAL(lines[0].return_id.value_or(0), 1);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT COUNT(*) FROM returns").value_or(""), "2");
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT COUNT(*) FROM scan_files").value_or(""), "2");
  // The account's history points at the scanned file, the proof.
  const auto account = *sql::scalar(*f.db, "SELECT account_id FROM letters WHERE letter_id = ?", {f.ids[0]});
  const auto history = returns::account_history_json(*f.db, account);
  BOOST_CHECK(history.find(".files/scans/") != std::string::npos);
  BOOST_CHECK(history.find(R"("scanned_page":"1")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_scan_of_a_letter_registered_from_the_couriers_file_attaches_its_image) {
  LettersFixture f(3);
  for (int i = 0; i < 2; ++i) {
    returns::register_return(*f.db, {f.ids[static_cast<std::size_t>(i)], ReturnCause::refused, "no lo recibe", Date::today(),
                                     "ana", "courier_file", std::nullopt, std::nullopt});
  }
  // Page 1 marked with another cause than the spreadsheet's; page 2 with no
  // mark at all (it would wait for a person); page 3 never in the file.
  const auto marked = marked_scan(f, 1, ReturnCause::demolished, "a.jpg");
  auto reader = scanning::PageReader::open(f.pdf, 200);
  const std::string unmarked = f.tmp.path("b.png");
  // The courier wrote on page 2's observation lines.
  cv::Mat written = to_mat(*reader->read(2).image);
  const auto& obs = letters::letter_geometry().observation;
  const double px = 200.0 / 72;
  cv::putText(written, "no vive", cv::Point(static_cast<int>((obs.x + 6) * px), static_cast<int>((792 - obs.y - 26) * px)),
              cv::FONT_HERSHEY_SCRIPT_SIMPLEX, 1.2, cv::Scalar(40), 2);
  cv::imwrite(unmarked, written);
  const std::string third = f.tmp.path("c.png");
  cv::imwrite(third, to_mat(*reader->read(3).image));
  auto lines = scan(f, {marked, unmarked, third});
  BOOST_REQUIRE_EQUAL(lines.size(), 3u);
  BOOST_CHECK_EQUAL(lines[0].status, "duplicate");
  BOOST_CHECK_EQUAL(lines[0].return_id.value_or(0), 1);
  BOOST_CHECK(lines[0].note.find("where the register says refused") != std::string::npos);
  BOOST_CHECK_EQUAL(lines[1].status, "duplicate");
  BOOST_CHECK_EQUAL(lines[1].return_id.value_or(0), 2);
  BOOST_CHECK(lines[1].note_code == PageNote::none);
  BOOST_CHECK_EQUAL(lines[2].status, "review");
  // Each return shows its scanned page; the register's cause is unchanged;
  // only the page of a letter no one has returned waits for a person.
  for (int id : {1, 2}) {
    const auto page = sql::scalar(*f.db, "SELECT scan_page_id FROM returns WHERE return_id = ?", {std::to_string(id)});
    BOOST_REQUIRE(page.has_value());
    BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT letter_id FROM scan_pages WHERE id = ?", {*page}).value_or(""),
                      f.ids[static_cast<std::size_t>(id - 1)]);
  }
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT cause FROM returns WHERE return_id = 1").value_or(""), "refused");
  BOOST_CHECK_EQUAL(returns::review_queue(*f.db).size(), 1u);
  // What the courier wrote is kept as a crop with its return; nothing for
  // the page with nothing written.
  const auto observation = returns::return_observation(*f.db, 2);
  BOOST_REQUIRE(observation.has_value());
  const cv::Mat crop = cv::imread(*observation, cv::IMREAD_GRAYSCALE);
  BOOST_CHECK_GT(crop.cols, 2 * crop.rows);
  BOOST_CHECK(!returns::return_observation(*f.db, 1));
  // Scanned again: still the same return, its first image kept.
  const auto first = sql::scalar(*f.db, "SELECT scan_page_id FROM returns WHERE return_id = 1");
  lines = scan(f, {marked});
  BOOST_CHECK_EQUAL(lines[0].status, "duplicate");
  BOOST_CHECK(lines[0].note.empty());
  BOOST_CHECK(sql::scalar(*f.db, "SELECT scan_page_id FROM returns WHERE return_id = 1") == first);
}

BOOST_AUTO_TEST_CASE(doubtful_foreign_and_broken_pages_never_register) {
  LettersFixture f(2);
  const std::string unmarked = f.pdf;  // no cause marked: review
  const std::string empty = f.tmp.write("empty.pdf", "");
  const std::string junk = f.tmp.write("junk.tiff", "II*\0garbage");
  const auto lines = scan(f, {unmarked, empty, junk});
  BOOST_REQUIRE_EQUAL(lines.size(), 4u);
  BOOST_CHECK_EQUAL(lines[0].status, "review");
  BOOST_CHECK_EQUAL(lines[0].note, "no cause box is marked");
  BOOST_CHECK_EQUAL(lines[2].status, "unreadable");
  BOOST_CHECK_EQUAL(lines[3].status, "unreadable");
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT COUNT(*) FROM returns").value_or(""), "0");
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT COUNT(*) FROM scan_pages WHERE status = 'review' AND code_crop IS NOT NULL").value_or(""), "2");
}

BOOST_AUTO_TEST_CASE(a_person_confirms_a_page_kept_for_review) {
  LettersFixture f(2);
  const auto lines = scan(f, {f.pdf});  // two printed letters, nothing marked
  const auto queue = returns::review_queue(*f.db);
  BOOST_REQUIRE_EQUAL(queue.size(), 2u);
  BOOST_CHECK_EQUAL(queue[0].letter_id.value_or(""), f.ids[0]);
  BOOST_CHECK(queue[0].panel_crop.has_value());
  BOOST_CHECK_EQUAL(returns::confirm_review(*f.db, queue[0].page_id, f.ids[0], ReturnCause::closed, "ana", {},
                                            "local cerrado hace meses"), 1);
  BOOST_CHECK_EQUAL(returns::review_queue(*f.db).size(), 1u);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT observation FROM returns WHERE return_id = 1").value_or(""),
                    "local cerrado hace meses");
  BOOST_CHECK_THROW(returns::confirm_review(*f.db, queue[0].page_id, f.ids[0], ReturnCause::closed, "ana"), InputError);
  BOOST_CHECK_THROW(returns::confirm_review(*f.db, queue[1].page_id, "2026-999999", ReturnCause::closed, "ana"), InputError);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT source || ' ' || cause FROM returns").value_or(""), "scan_review closed");
}

BOOST_AUTO_TEST_CASE(a_page_scanned_again_waits_once_and_one_confirmation_settles_its_letter) {
  LettersFixture f(2);
  scan(f, {f.pdf});
  const auto again = scan(f, {f.pdf});  // the same stack fed twice
  BOOST_CHECK_EQUAL(again.at(0).status, "review");
  BOOST_CHECK_EQUAL(returns::review_queue(*f.db).size(), 2u);
  // The same letter scanned in another file (another scanner) waits apart...
  std::filesystem::copy_file(f.pdf, f.tmp.path("copia.pdf"));
  {
    std::ofstream(f.tmp.path("copia.pdf"), std::ios::app) << "\n% otro escáner\n";
  }
  scan(f, {f.tmp.path("copia.pdf")});
  auto queue = returns::review_queue(*f.db);
  BOOST_REQUIRE_EQUAL(queue.size(), 4u);
  // ...until one of its pages is confirmed.
  const auto id = returns::confirm_review(*f.db, queue[0].page_id, f.ids[0], ReturnCause::moved, "ana");
  queue = returns::review_queue(*f.db);
  BOOST_CHECK_EQUAL(queue.size(), 2u);
  for (const auto& item : queue) BOOST_CHECK_EQUAL(item.letter_id.value_or(""), f.ids[1]);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT COUNT(*) FROM scan_pages WHERE status = 'duplicate' AND return_id = ?", {std::to_string(id)})
                        .value_or(""),
                    "1");
}

// One letter scanned twice in one stack (and in one file): one return; the
// second page says which return it is, nothing else is written.
BOOST_AUTO_TEST_CASE(a_letter_scanned_twice_in_one_stack_is_registered_once) {
  LettersFixture f(2);
  const auto a = marked_scan(f, 1, ReturnCause::refused, "a.jpg");
  const auto again = f.tmp.path("a-otra-vez.jpg");
  std::filesystem::copy_file(a, again);
  { std::ofstream(again, std::ios::app) << "otra pasada"; }  // another file, the same page
  const auto lines = scan(f, {a, again});
  BOOST_REQUIRE_EQUAL(lines.size(), 2u);
  BOOST_CHECK_EQUAL(lines[0].status, "recorded");
  BOOST_CHECK_EQUAL(lines[1].status, "duplicate");
  BOOST_CHECK_EQUAL(lines[1].letter_id.value_or(""), f.ids[0]);
  BOOST_CHECK_EQUAL(lines[1].return_id.value_or(0), lines[0].return_id.value_or(-1));
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT COUNT(*) FROM returns").value_or(""), "1");
}

BOOST_AUTO_TEST_CASE(letters_of_an_undispatched_batch_go_to_review_and_dry_run_writes_nothing) {
  LettersFixture f(1, false);
  const auto a = marked_scan(f, 1, ReturnCause::closed, "a.jpg");
  auto lines = scan(f, {a}, true);
  BOOST_CHECK_EQUAL(lines[0].status, "review");
  BOOST_CHECK(lines[0].note.find("never dispatched") != std::string::npos);
  BOOST_CHECK(lines[0].note_code == PageNote::not_dispatched);
  BOOST_CHECK(lines[0].to_json().find(R"("note_code":"not_dispatched")") != std::string::npos);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT COUNT(*) FROM scan_pages").value_or(""), "0");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(review_undo_tests)

// "Deshacer" after Confirmar: the return voided, the page back in review;
// confirmed again, the letter's return comes back under its number.
BOOST_AUTO_TEST_CASE(an_undone_confirmation_puts_the_page_back_in_review_and_voids_its_return) {
  LettersFixture f(2);
  scan(f, {f.pdf});
  scan(f, {f.pdf});  // the same stack fed twice: its pages wait in review
  auto queue = returns::review_queue(*f.db);
  BOOST_REQUIRE(!queue.empty());
  const auto page = queue[0].page_id;
  const auto waits = [&] {
    const auto q = returns::review_queue(*f.db);
    return std::any_of(q.begin(), q.end(), [&](const auto& item) { return item.page_id == page; });
  };
  BOOST_CHECK_THROW(returns::undo_review(*f.db, page, "ana"), InputError);  // not confirmed yet
  const auto id = returns::confirm_review(*f.db, page, f.ids[1], ReturnCause::refused, "ana");
  BOOST_CHECK(!waits());
  const auto voided = returns::undo_review(*f.db, page, "ana");
  BOOST_CHECK_EQUAL(voided, id);
  BOOST_CHECK(waits());
  BOOST_CHECK(!sql::scalar(*f.db, "SELECT voided_at FROM returns WHERE return_id = ?", {std::to_string(id)}).value_or("").empty());
  BOOST_CHECK_THROW(returns::undo_review(*f.db, page, "ana"), InputError);  // nothing to undo now
  BOOST_CHECK_EQUAL(returns::confirm_review(*f.db, page, f.ids[1], ReturnCause::refused, "ana"), id);
  BOOST_CHECK_EQUAL(sql::scalar(*f.db, "SELECT COALESCE(voided_at, 'vigente') FROM returns WHERE return_id = ?", {std::to_string(id)})
                        .value_or(""),
                    "vigente");
}

BOOST_AUTO_TEST_SUITE_END()

