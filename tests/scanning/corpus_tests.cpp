// Public barcode corpora (../shared/corpus): zxing-cpp's sample images with
// their expected texts, and paperless-ngx's scanned barcode pages. Image
// tests are data plus thresholds: at least N of M read, zero false reads.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include <Poco/JSON/Parser.h>

#include "cartero/scanning/barcodes.hpp"
#include "cartero/scanning/page.hpp"

namespace fs = std::filesystem;
using namespace cartero::scanning;

namespace {

// The corpus folder, passed as the test's first argument after "--".
fs::path corpus() {
  const auto& m = boost::unit_test::framework::master_test_suite();
  return m.argc > 1 ? fs::path(m.argv[1]) : fs::path();
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<FoundBarcode> decode_first_page(const fs::path& file, int dpi = 300) {
  auto reader = PageReader::open(file.string(), dpi);
  const auto page = reader->read(1);
  if (!page.image) return {};
  return find_barcodes(*page.image).value_or(std::vector<FoundBarcode>{});
}

bool is_image(const fs::path& p) {
  const auto ext = p.extension().string();
  return ext == ".png" || ext == ".webp" || ext == ".jpg" || ext == ".gif" || ext == ".pgm";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(corpus_tests)

BOOST_AUTO_TEST_CASE(zxing_samples_are_read_at_least_as_well_as_plain_zxing_and_never_falsely) {
  const fs::path dir = corpus() / "zxing-samples";
  if (!fs::exists(dir)) {
    BOOST_TEST_MESSAGE("no corpus at " << dir << ": skipped");
    return;
  }
  int read = 0, total = 0, false_reads = 0;
  for (const auto& folder : fs::directory_iterator(dir)) {
    if (!folder.is_directory()) continue;
    const bool negatives = folder.path().filename().string().rfind("falsepositives", 0) == 0;
    for (const auto& f : fs::directory_iterator(folder.path())) {
      if (!is_image(f.path())) continue;
      const auto found = decode_first_page(f.path());
      if (negatives) {
        false_reads += static_cast<int>(found.size());
        BOOST_CHECK_MESSAGE(found.empty(), "false read in " << f.path() << ": " << found.front().text);
        continue;
      }
      auto expected_file = f.path();
      expected_file.replace_extension(".txt");
      if (!fs::exists(expected_file)) continue;
      const std::string expected = read_text(expected_file);
      ++total;
      for (const auto& b : found) {
        if (b.text == expected) {
          ++read;
          break;
        }
      }
    }
  }
  BOOST_TEST_MESSAGE("zxing-samples: " << read << "/" << total << " read, " << false_reads << " false reads");
  BOOST_CHECK_GE(read, 208);
  BOOST_CHECK_EQUAL(false_reads, 0);
}

BOOST_AUTO_TEST_CASE(paperless_pages_meet_their_expectations) {
  const fs::path dir = corpus() / "paperless-barcodes";
  if (!fs::exists(dir)) return;
  const auto root = Poco::JSON::Parser().parse(read_text(dir / "expected.json")).extract<Poco::JSON::Object::Ptr>();
  const auto files = root->getObject("files");
  int met = 0, total = 0;
  for (const auto& name : files->getNames()) {
    const auto entries = files->getArray(name);
    if (!entries) continue;  // "unscored"
    auto reader = PageReader::open((dir / name).string(), 300);
    for (std::size_t i = 0; i < entries->size(); ++i) {
      const auto entry = entries->getObject(static_cast<unsigned>(i));
      const int page = entry->getValue<int>("page") + 1;
      const std::regex pattern(entry->getValue<std::string>("regex"));
      ++total;
      const auto loaded = reader->read(page);
      const auto found = loaded.image ? find_barcodes(*loaded.image).value_or(std::vector<FoundBarcode>{})
                                      : std::vector<FoundBarcode>{};
      bool ok = false;
      for (const auto& b : found) ok = ok || std::regex_match(b.text, pattern);
      met += ok;
      if (!ok) BOOST_TEST_MESSAGE("paperless: not met " << name << " page " << page);
    }
  }
  BOOST_TEST_MESSAGE("paperless: " << met << "/" << total << " expectations met");
  BOOST_CHECK_GE(met, 38);
}

BOOST_AUTO_TEST_SUITE_END()
