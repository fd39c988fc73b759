// Page images from PDF (poppler-cpp) and from TIFF, PNG and JPEG (OpenCV).
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "cartero/scanning/page.hpp"
#include "opencv_adapter.hpp"

namespace cartero::scanning {

namespace {

// One page carrying why the whole file cannot be read.
class BrokenFile final : public PageReader {
 public:
  explicit BrokenFile(std::string why) : m_why(std::move(why)) {}
  int page_count() const override { return 1; }
  LoadedPage read(int) override { return {std::nullopt, m_why}; }

 private:
  std::string m_why;
};

class PdfFile final : public PageReader {
 public:
  PdfFile(std::unique_ptr<poppler::document> doc, int dpi) : m_doc(std::move(doc)), m_dpi(dpi) {
    m_renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    m_renderer.set_image_format(poppler::image::format_gray8);
  }
  int page_count() const override { return m_doc->pages(); }
  LoadedPage read(int n) override {
    std::unique_ptr<poppler::page> page(m_doc->create_page(n - 1));
    if (!page) return {std::nullopt, "page " + std::to_string(n) + " of the PDF cannot be read"};
    const auto size = page->page_rect();
    double dpi = m_dpi;
    const double pixels = size.width() * size.height() * (dpi / 72) * (dpi / 72);
    if (pixels > k_max_pixels) dpi *= std::sqrt(k_max_pixels / pixels);
    const poppler::image img = m_renderer.render_page(page.get(), dpi, dpi);
    if (!img.is_valid()) return {std::nullopt, "page " + std::to_string(n) + " of the PDF cannot be rendered"};
    PageImage out{img.width(), img.height(), {}};
    out.gray.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
    for (int y = 0; y < out.height; ++y) {
      const char* row = img.const_data() + static_cast<std::ptrdiff_t>(y) * img.bytes_per_row();
      std::copy(row, row + out.width, out.gray.begin() + static_cast<std::ptrdiff_t>(y) * out.width);
    }
    return {std::move(out), ""};
  }

 private:
  std::unique_ptr<poppler::document> m_doc;
  poppler::page_renderer m_renderer;
  int m_dpi;
};

// TIFF (one page at a time), PNG, JPEG, WebP… through OpenCV.
class ImageFile final : public PageReader {
 public:
  ImageFile(std::string path, int pages) : m_path(std::move(path)), m_pages(pages) {}
  int page_count() const override { return m_pages; }
  LoadedPage read(int n) override {
    std::vector<cv::Mat> mats;
    try {
      if (m_pages == 1) {
        mats.push_back(read_single());
      } else {
        cv::imreadmulti(m_path, mats, n - 1, 1, cv::IMREAD_GRAYSCALE);
      }
    } catch (const cv::Exception& e) {
      return {std::nullopt, "page " + std::to_string(n) + " cannot be decoded: " + e.msg};
    }
    if (mats.empty() || mats.front().empty()) return {std::nullopt, "page " + std::to_string(n) + " cannot be decoded"};
    return {to_page(limit_size(mats.front())), ""};
  }

 private:
  // A page scanned at 300 dpi or more is read at half size (libjpeg scales
  // while decoding, at a fraction of the cost): 150 dpi and up is all the
  // codes and marks need.
  cv::Mat read_single() const {
    cv::Mat half = cv::imread(m_path, cv::IMREAD_REDUCED_GRAYSCALE_2);
    if (!half.empty() && std::min(half.cols, half.rows) >= k_half_size_min) return half;
    return cv::imread(m_path, cv::IMREAD_GRAYSCALE);
  }
  static constexpr int k_half_size_min = 1250;  // a carta page at 150 dpi is 1275 x 1650

  std::string m_path;
  int m_pages;
};

bool starts_with(const std::string& head, const char* magic) { return head.rfind(magic, 0) == 0; }

}  // namespace

std::unique_ptr<PageReader> PageReader::open(const std::string& path, int pdf_dpi) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return std::make_unique<BrokenFile>("cannot open the file (" + ec.message() + ")");
  if (size == 0) return std::make_unique<BrokenFile>("the file is empty (0 bytes)");
  std::ifstream in(path, std::ios::binary);
  std::string head(8, '\0');
  in.read(head.data(), 8);
  if (starts_with(head, "%PDF")) {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    if (!doc) return std::make_unique<BrokenFile>("not a readable PDF (damaged or truncated)");
    if (doc->is_locked()) return std::make_unique<BrokenFile>("the PDF is encrypted: scan again without a password");
    if (doc->pages() < 1) return std::make_unique<BrokenFile>("the PDF has no pages");
    return std::make_unique<PdfFile>(std::move(doc), pdf_dpi);
  }
  const bool tiff = starts_with(head, "II*") || starts_with(head, "MM");
  const bool known = tiff || starts_with(head, "\x89PNG") || starts_with(head, "\xFF\xD8") ||
                     starts_with(head, "RIFF") || starts_with(head, "BM") || starts_with(head, "P5") ||
                     starts_with(head, "P6");
  if (!known) return std::make_unique<BrokenFile>("not a PDF or an image (PDF, TIFF, PNG or JPEG)");
  int pages = 1;
  if (tiff) {
    try {
      pages = static_cast<int>(cv::imcount(path, cv::IMREAD_GRAYSCALE));
    } catch (const cv::Exception&) {
      pages = 0;
    }
    if (pages < 1) return std::make_unique<BrokenFile>("the TIFF file cannot be read (damaged or truncated)");
  }
  return std::make_unique<ImageFile>(path, pages);
}

bool write_png(const PageImage& page, const std::string& path) {
  try {
    return cv::imwrite(path, as_mat(page));
  } catch (const cv::Exception&) {
    return false;
  }
}

}  // namespace cartero::scanning
