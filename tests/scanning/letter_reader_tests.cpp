// Reading returned letters: real letters, pen marks, degraded by tier. The
// figures asserted are the issue's: every page's letter read or sent to
// review, never a wrong letter; causes right at the tier's rate.
#include "cartero/scanning/letter_reader.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

#include "../support/letters_fixture.hpp"
#include "synthetic.hpp"

using namespace cartero;
using namespace cartero::scanning;
using namespace cartero::testing;

namespace {

using Letters = LettersFixture;

// Reads each page a regression folder's truth.csv lists (file, expected
// cause or "review", mark style) and hands `check` what was expected and
// what was read, in the page's context; returns how many pages were read.
template <typename Check>
int for_each_truth_page(const std::string& folder, const Check& check) {
  const std::string dir = std::string(CARTERO_SOURCE_DIR) + "/tests/scanning/" + folder + "/";
  std::ifstream truth(dir + "truth.csv");
  std::string line;
  std::getline(truth, line);  // header
  int pages = 0;
  while (std::getline(truth, line)) {
    std::istringstream row(line);
    std::string file, expect, style;
    std::getline(row, file, ',');
    std::getline(row, expect, ',');
    std::getline(row, style, ',');
    auto reader = PageReader::open(dir + file, 200);
    const auto loaded = reader->read(1);
    BOOST_TEST_REQUIRE(loaded.image.has_value(), file);
    const auto reading = read_letter(*loaded.image);
    BOOST_TEST_CONTEXT(file << " (" << style << "): " << reading.note) { check(expect, reading); }
    ++pages;
  }
  return pages;
}

struct TierResult {
  int pages = 0, identified = 0, wrong_letter = 0, cause_right = 0, wrong_cause = 0, review = 0;
};

TierResult run_tier(const Letters& l, Tier tier, int pages, unsigned seed) {
  std::mt19937 rng(seed);
  auto reader = PageReader::open(l.pdf, static_cast<int>(tier_dpi(tier)));
  TierResult r;
  const Pen pens[] = {Pen::cross, Pen::tick, Pen::scribble, Pen::circle};
  for (int i = 0; i < pages; ++i) {
    const int n = i % reader->page_count() + 1;
    cv::Mat page = to_mat(*reader->read(n).image);
    const auto cause = static_cast<ReturnCause>(i % 10);
    draw_pen(page, tier_dpi(tier), cause, pens[i % 4], i % 3 == 0 ? 70 : 25, rng);
    const cv::Mat scan = degrade(page, tier_degradation(tier, i, rng), rng);
    const auto reading = read_letter(to_page(scan));
    ++r.pages;
    if (reading.letter_id) {
      if (*reading.letter_id == l.ids[static_cast<std::size_t>(n - 1)]) ++r.identified; else ++r.wrong_letter;
    }
    if (reading.cause) {
      if (*reading.cause == cause) ++r.cause_right; else ++r.wrong_cause;
    }
    if (reading.status == Reading::review) {
      ++r.review;
      BOOST_TEST_MESSAGE("  review: page " << i << " pen " << i % 4 << " cause " << i % 10 << ": " << reading.note);
    }
  }
  BOOST_TEST_MESSAGE("tier " << static_cast<int>(tier) << ": " << r.identified << "/" << r.pages << " identified, "
                             << r.wrong_letter << " wrong letters, " << r.cause_right << " causes right, " << r.wrong_cause
                             << " wrong causes, " << r.review << " to review");
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(letter_reader_tests)

BOOST_AUTO_TEST_CASE(office_bad_and_phone_scans_name_the_right_letter_and_cause) {
  const Letters l(4, false);
  const auto office = run_tier(l, Tier::office, 20, 1);
  BOOST_CHECK_EQUAL(office.identified, office.pages);
  BOOST_CHECK_EQUAL(office.cause_right, office.pages);
  const auto bad = run_tier(l, Tier::bad, 20, 2);
  BOOST_CHECK_GE(bad.identified, bad.pages - 1);
  BOOST_CHECK_GE(bad.cause_right, bad.pages - 2);
  const auto phone = run_tier(l, Tier::phone, 20, 3);
  BOOST_CHECK_GE(phone.identified, phone.pages - 1);
  BOOST_CHECK_GE(phone.cause_right, phone.pages - 2);
  for (const auto* t : {&office, &bad, &phone}) {
    BOOST_CHECK_EQUAL(t->wrong_letter, 0);
    BOOST_CHECK_EQUAL(t->wrong_cause, 0);
  }
}

BOOST_AUTO_TEST_CASE(a_blank_panel_or_two_marks_go_to_review) {
  const Letters l(1, false);
  auto reader = PageReader::open(l.pdf, 200);
  cv::Mat page = to_mat(*reader->read(1).image);
  auto reading = read_letter(to_page(page));
  BOOST_CHECK(reading.status == Reading::review);
  BOOST_CHECK_EQUAL(reading.letter_id.value_or(""), l.ids[0]);
  BOOST_CHECK(!reading.cause);
  BOOST_CHECK(reading.panel_crop && reading.code_crop);
  std::mt19937 rng(5);
  draw_pen(page, 200, ReturnCause::refused, Pen::cross, 20, rng);
  draw_pen(page, 200, ReturnCause::closed, Pen::cross, 20, rng);
  reading = read_letter(to_page(page));
  BOOST_CHECK(reading.status == Reading::review);
  BOOST_CHECK(!reading.cause);
  BOOST_CHECK(reading.note_code == PageNote::two_causes);
}

// Pages marked and degraded by another program (bench/courier_marks.py: PIL
// and ImageMagick, from layout.json only), each one a reader has got wrong:
// print fringes on phone photos, circles over the neighbours, faint circles
// in pieces, a circle open at its box; and a page with two boxes marked.
BOOST_AUTO_TEST_CASE(courier_marks_made_outside_cartero_read_as_a_person_reads_them) {
  const int pages = for_each_truth_page("courier_pages", [](const std::string& expect, const LetterReading& reading) {
    BOOST_TEST(reading.letter_id.has_value());
    if (expect == "review") {
      BOOST_TEST(!reading.cause);
      BOOST_TEST((reading.note_code == PageNote::two_causes));
    } else {
      BOOST_TEST_REQUIRE(reading.cause.has_value());
      BOOST_TEST(std::string(cause_info(*reading.cause).code) == expect);
      BOOST_TEST(reading.cause_confidence >= 0.5);
    }
  });
  BOOST_TEST(pages == 9);
}

// Pages of the second, independent generator (bench/courier_marks_ext.py:
// strokes as smoothed random walks with pressure, OpenCV warps, PIL JPEG)
// that the reader once got wrong: two touching marks, a faint second mark
// beside a clear one (both recorded as one cause), a faint pencil tick
// missed; a blank page whose print fringe is as light as pencil; an X's
// feet, an underline and a circle's broken arc read as a mark on the row
// below; a tick's tail in dashes, a tail joined along the print to the
// panel's title, an X in the white after a short label.
BOOST_AUTO_TEST_CASE(marks_from_a_second_generator_read_as_a_person_reads_them) {
  const int pages = for_each_truth_page("courier_pages_ext", [](const std::string& expect, const LetterReading& reading) {
    BOOST_TEST(reading.letter_id.has_value());
    if (expect == "review") {
      BOOST_TEST(!reading.cause);
      BOOST_TEST((reading.status == Reading::review));
    } else if (expect.back() == '?') {  // that cause or review, never another
      if (reading.cause) BOOST_TEST(std::string(cause_info(*reading.cause).code) == expect.substr(0, expect.size() - 1));
      else BOOST_TEST((reading.status == Reading::review));
    } else {
      BOOST_TEST_REQUIRE(reading.cause.has_value());
      BOOST_TEST(std::string(cause_info(*reading.cause).code) == expect);
    }
  });
  BOOST_TEST(pages == 18);
}

BOOST_AUTO_TEST_CASE(a_page_without_our_code_is_unreadable) {
  cv::Mat blank(2200, 1700, CV_8UC1, cv::Scalar(250));
  cv::putText(blank, "RN123456789CO", {200, 400}, cv::FONT_HERSHEY_SIMPLEX, 3, 0, 5);
  const auto reading = read_letter(to_page(blank));
  BOOST_CHECK(reading.status == Reading::unreadable);
  BOOST_CHECK(!reading.letter_id);
}

// The bad input, each a page of its own with the code a person sees
// in the review queue, and never a cause: marks in every box, the panel
// torn off, the back of an envelope.
BOOST_AUTO_TEST_CASE(bad_pages_get_their_own_code_and_never_a_cause) {
  const Letters l(1, false);
  auto reader = PageReader::open(l.pdf, 200);
  const cv::Mat blank = to_mat(*reader->read(1).image);
  std::mt19937 rng(11);

  cv::Mat everywhere = blank.clone();  // a courier who ticked the whole panel
  for (const auto& c : all_causes()) draw_pen(everywhere, 200, c.cause, Pen::tick, 30, rng);
  auto reading = read_letter(to_page(everywhere));
  BOOST_TEST_CONTEXT(reading.note) {
    BOOST_TEST((reading.status == Reading::review));
    BOOST_TEST(!reading.cause);
    BOOST_TEST((reading.note_code == PageNote::marks_everywhere));
    BOOST_TEST(reading.letter_id.value_or("") == l.ids[0]);
  }

  // The panel torn off along the fold and the page laid on a dark table:
  // the codes above it are still there, the panel is not.
  const auto& g = letters::letter_geometry();
  const double s = 200 / 72.0;
  cv::Mat torn = blank.clone();
  const int tear_top = static_cast<int>((g.page_height - g.panel.top() - 4) * s);
  std::vector<cv::Point> edge{{0, torn.rows}, {0, tear_top + 12}};
  for (int x = 0; x <= torn.cols; x += 40) edge.emplace_back(x, tear_top + static_cast<int>(std::uniform_int_distribution<int>(0, 24)(rng)));
  edge.emplace_back(torn.cols, torn.rows);
  cv::fillPoly(torn, std::vector<std::vector<cv::Point>>{edge}, 60);
  reading = read_letter(to_page(torn));
  BOOST_TEST_CONTEXT(reading.note) {
    BOOST_TEST((reading.status == Reading::review));
    BOOST_TEST(!reading.cause);
    BOOST_TEST((reading.note_code == PageNote::panel_missing));
    BOOST_TEST(reading.letter_id.value_or("") == l.ids[0]);
  }

  // A phone photo of the back of an envelope: kraft paper, a handwritten
  // return address, a postage stamp with a printed number, no code of ours.
  cv::Mat back(1600, 2200, CV_8UC3, cv::Scalar(120, 165, 200));
  cv::randn(back, cv::Scalar(120, 165, 200), cv::Scalar(12, 12, 12));
  cv::line(back, {300, 0}, {1100, 800}, cv::Scalar(90, 130, 160), 6, cv::LINE_AA);  // the flap
  cv::line(back, {1900, 0}, {1100, 800}, cv::Scalar(90, 130, 160), 6, cv::LINE_AA);
  cv::putText(back, "Rte: Calle 45 Sur # 12-34 Kennedy", {250, 1150}, cv::FONT_HERSHEY_SCRIPT_SIMPLEX, 2.2, cv::Scalar(120, 40, 30), 4, cv::LINE_AA);
  cv::rectangle(back, {1750, 1250}, {2050, 1520}, cv::Scalar(60, 60, 170), -1);
  cv::putText(back, "4-72  $3.800", {1770, 1400}, cv::FONT_HERSHEY_SIMPLEX, 1.3, cv::Scalar(240, 240, 240), 3);
  cv::Mat grey;
  cv::cvtColor(back, grey, cv::COLOR_BGR2GRAY);
  reading = read_letter(to_page(grey));
  BOOST_TEST((reading.status == Reading::unreadable));
  BOOST_TEST((reading.note_code == PageNote::no_code));
  BOOST_TEST(!reading.letter_id);
  BOOST_TEST(!reading.cause);
}

BOOST_AUTO_TEST_SUITE_END()
