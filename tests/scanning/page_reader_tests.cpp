// Reading scanned files page by page: multi-page TIFF in order without going
// back to the file's start, absurd page sizes refused before decoding.
#include "cartero/scanning/page.hpp"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <opencv2/imgcodecs.hpp>

#include "../support/temp_dir.hpp"

using namespace cartero;
using namespace cartero::scanning;

BOOST_AUTO_TEST_SUITE(page_reader_tests)

BOOST_AUTO_TEST_CASE(a_multi_page_tiff_gives_each_page_in_order_and_on_demand) {
  testing::TempDir tmp;
  std::vector<cv::Mat> pages;
  for (int i = 0; i < 40; ++i) pages.emplace_back(60, 40, CV_8UC1, cv::Scalar(i * 5));
  const std::string path = tmp.path("stack.tif");
  BOOST_REQUIRE(cv::imwritemulti(path, pages));
  auto reader = PageReader::open(path);
  BOOST_REQUIRE_EQUAL(reader->page_count(), 40);
  for (int n = 1; n <= 40; ++n) {
    const auto p = reader->read(n);
    BOOST_REQUIRE_MESSAGE(p.image, p.error);
    BOOST_CHECK_EQUAL(p.image->width, 40);
    BOOST_CHECK_EQUAL(static_cast<int>(p.image->gray[0]), (n - 1) * 5);
  }
  const auto again = reader->read(7);  // back to an earlier page
  BOOST_REQUIRE(again.image);
  BOOST_CHECK_EQUAL(static_cast<int>(again.image->gray[0]), 30);
  BOOST_CHECK(!reader->read(41).image);
}

BOOST_AUTO_TEST_CASE(a_page_of_absurd_size_is_refused_before_it_is_decoded) {
  // A PNG whose header says 30000 x 30000: refused by its header, with the
  // page and the size, never allocated (900 MB).
  testing::TempDir tmp;
  std::vector<unsigned char> png;
  cv::imencode(".png", cv::Mat(8, 8, CV_8UC1, cv::Scalar(200)), png);
  for (int at : {16, 20}) {
    png[static_cast<std::size_t>(at)] = 0, png[static_cast<std::size_t>(at) + 1] = 0;
    png[static_cast<std::size_t>(at) + 2] = 0x75, png[static_cast<std::size_t>(at) + 3] = 0x30;  // 30000
  }
  const std::string path = tmp.path("huge.png");
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
  auto reader = PageReader::open(path);
  const auto p = reader->read(1);
  BOOST_CHECK(!p.image);
  BOOST_CHECK_MESSAGE(p.error.find("30000 x 30000") != std::string::npos, p.error);
}

BOOST_AUTO_TEST_CASE(a_tiff_declaring_thousands_of_samples_a_pixel_is_refused_before_it_is_decoded) {
  // Found by fuzz_page_loader: 4 KB, 130 x 130 pixels of 64,513 LZW samples
  // each, which libtiff decoded into one 1.1 GB strip (17 s).
  auto reader = PageReader::open(std::string(CARTERO_SOURCE_DIR) + "/tests/fuzz/corpus/page_loader/regression-tiff-64513-samples");
  BOOST_REQUIRE_GE(reader->page_count(), 1);
  const auto p = reader->read(1);
  BOOST_CHECK(!p.image);
  BOOST_CHECK_MESSAGE(p.error.find("page 1 of the TIFF declares 64513 samples of 8 bits") != std::string::npos, p.error);
}

BOOST_AUTO_TEST_CASE(an_empty_or_broken_file_is_one_unreadable_page_with_its_reason) {
  testing::TempDir tmp;
  auto empty = PageReader::open(tmp.write("empty.tif", ""));
  BOOST_CHECK_EQUAL(empty->page_count(), 1);
  BOOST_CHECK(empty->read(1).error.find("empty") != std::string::npos);
  auto broken = PageReader::open(tmp.write("broken.tif", std::string("II*\0garbage", 11)));
  BOOST_CHECK(!broken->read(1).image);
  BOOST_CHECK(!broken->read(1).error.empty());
}

BOOST_AUTO_TEST_SUITE_END()
