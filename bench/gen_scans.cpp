// cartero-gen-scans: returned-letter scans for the scanning benchmark. Renders
// the pages of a letters PDF, marks a cause box on each with a pen stroke and
// degrades it like an office scan, a bad scan or a phone photo
// (tests/scanning/synthetic.hpp), then writes greyscale JPEGs and truth.csv
// (file, letter page, cause).
//
//   cartero-gen-scans --pdf letters-001.pdf --tier office|bad|phone --pages N
//                     [--dpi 300] [--seed S] --out DIR
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "../tests/scanning/synthetic.hpp"

using namespace cartero;
using namespace cartero::testing;

int main(int argc, char** argv) {
  std::string pdf, out, tier_name = "office";
  int pages = 10, dpi = 0;
  unsigned seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--pdf") pdf = v;
    else if (a == "--out") out = v;
    else if (a == "--tier") tier_name = v;
    else if (a == "--pages") pages = std::stoi(v);
    else if (a == "--dpi") dpi = std::stoi(v);
    else if (a == "--seed") seed = static_cast<unsigned>(std::stoul(v));
  }
  if (pdf.empty() || out.empty()) {
    std::fprintf(stderr, "usage: cartero-gen-scans --pdf FILE --tier office|bad|phone --pages N [--dpi D] --out DIR\n");
    return 1;
  }
  const Tier tier = tier_name == "bad" ? Tier::bad : tier_name == "phone" ? Tier::phone : Tier::office;
  const double render_dpi = dpi ? dpi : tier_dpi(tier);
  std::filesystem::create_directories(out);
  auto reader = scanning::PageReader::open(pdf, static_cast<int>(render_dpi));
  std::ofstream truth(out + "/truth.csv");
  truth << "file,letter_page,cause\n";
  std::mt19937 rng(seed);
  const Pen pens[] = {Pen::cross, Pen::tick, Pen::scribble, Pen::circle};
  for (int i = 0; i < pages; ++i) {
    const int n = i % reader->page_count() + 1;
    cv::Mat page = to_mat(*reader->read(n).image);
    const auto cause = static_cast<ReturnCause>(i % 10);
    draw_pen(page, render_dpi, cause, pens[i % 4], i % 3 == 0 ? 70 : 25, rng);
    Degradation d = tier_degradation(tier, i, rng);
    const cv::Mat scan = degrade(page, d, rng);
    char name[32];
    std::snprintf(name, sizeof name, "p%04d.jpg", i + 1);
    cv::imwrite(out + "/" + name, scan, {cv::IMWRITE_JPEG_QUALITY, d.jpeg_quality ? 95 : 90});
    truth << name << ',' << n << ',' << cause_info(cause).code << '\n';
  }
  return 0;
}
