// Page images from PDF (poppler-cpp) and from TIFF, PNG and JPEG (OpenCV).
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <tiffio.h>

#include <condition_variable>
#include <cstdarg>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
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

// Pages above k_max_pixels are decoded one at a time across the process:
// two 100-megapixel photos read at once on two cores would double the peak.
class LargeDecodes {
 public:
  static LargeDecodes& instance() {
    static LargeDecodes k;
    return k;
  }
  void acquire() {
    std::unique_lock lock(m_mutex);
    m_free.wait(lock, [&] { return !m_busy; });
    m_busy = true;
  }
  void release() {
    std::lock_guard lock(m_mutex);
    m_busy = false;
    m_free.notify_one();
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_free;
  bool m_busy = false;
};

struct LargeDecodeTurn {
  explicit LargeDecodeTurn(bool large) : m_large(large) {
    if (m_large) LargeDecodes::instance().acquire();
  }
  ~LargeDecodeTurn() {
    if (m_large) LargeDecodes::instance().release();
  }
  LargeDecodeTurn(const LargeDecodeTurn&) = delete;
  LargeDecodeTurn& operator=(const LargeDecodeTurn&) = delete;

 private:
  bool m_large;
};

std::string too_large(int n, long long w, long long h) {
  return "page " + std::to_string(n) + " is " + std::to_string(w) + " x " + std::to_string(h) +
         " pixels, more than a scanned letter can be (at most " + std::to_string(k_refused_pixels / 1'000'000) +
         " megapixels): scan it again at 300 dpi";
}

// Multi-page TIFF through libtiff: the pages are read in order by walking
// to the next directory (never from the file's start again), and a page's
// size is checked in its header before anything is allocated.
class TiffFile final : public PageReader {
 public:
  TiffFile(TIFF* tiff, int pages) : m_tiff(tiff), m_pages(pages) {}
  ~TiffFile() override { TIFFClose(m_tiff); }
  TiffFile(const TiffFile&) = delete;
  TiffFile& operator=(const TiffFile&) = delete;
  int page_count() const override { return m_pages; }
  LoadedPage read(int n) override {
    const std::string page = "page " + std::to_string(n);
    if (!go_to(n - 1)) return {std::nullopt, page + " of the TIFF cannot be read (damaged or truncated)"};
    std::uint32_t w = 0, h = 0;
    TIFFGetField(m_tiff, TIFFTAG_IMAGEWIDTH, &w);
    TIFFGetField(m_tiff, TIFFTAG_IMAGELENGTH, &h);
    if (w == 0 || h == 0) return {std::nullopt, page + " of the TIFF has no image"};
    const long long pixels = static_cast<long long>(w) * h;
    if (pixels > k_refused_pixels) return {std::nullopt, too_large(n, w, h)};
    // libtiff decodes a strip whole, at the bytes a pixel its header
    // declares: 130 x 130 pixels of 64,513 samples each took 1.1 GB and
    // 17 s from a 4 KB file (found by fuzz_page_loader). A scan has at most
    // four samples of 16 bits.
    std::uint16_t bits = 1, samples = 1;
    TIFFGetFieldDefaulted(m_tiff, TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(m_tiff, TIFFTAG_SAMPLESPERPIXEL, &samples);
    if (static_cast<int>(bits) * samples > k_max_bits_per_pixel) {
      return {std::nullopt, page + " of the TIFF declares " + std::to_string(samples) + " samples of " + std::to_string(bits) +
                                " bits a pixel, more than a scanned page has (at most 4 of 16 bits): scan it again in grey or colour"};
    }
    LargeDecodeTurn turn(pixels > k_max_pixels);
    cv::Mat gray = read_gray(w, h);
    if (gray.empty()) return {std::nullopt, page + " of the TIFF cannot be decoded"};
    return {to_page(limit_size(gray)), ""};
  }

 private:
  bool go_to(int dir) {
    if (dir == m_current) return true;
    bool ok = false;
    if (dir == m_current + 1) {
      ok = TIFFReadDirectory(m_tiff) == 1;
    } else {
      ok = TIFFSetDirectory(m_tiff, static_cast<tdir_t>(dir)) == 1;
    }
    m_current = ok ? dir : -1;
    if (!ok) TIFFSetDirectory(m_tiff, 0), m_current = 0;
    return ok;
  }

  // Grey and black-and-white strips are read row by row into one byte per
  // pixel; anything else (colour, palette, tiles) through libtiff's RGBA.
  cv::Mat read_gray(std::uint32_t w, std::uint32_t h) {
    std::uint16_t bits = 1, samples = 1, photometric = PHOTOMETRIC_MINISWHITE, planar = PLANARCONFIG_CONTIG;
    TIFFGetFieldDefaulted(m_tiff, TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(m_tiff, TIFFTAG_SAMPLESPERPIXEL, &samples);
    TIFFGetFieldDefaulted(m_tiff, TIFFTAG_PLANARCONFIG, &planar);
    TIFFGetField(m_tiff, TIFFTAG_PHOTOMETRIC, &photometric);
    const bool grey = photometric == PHOTOMETRIC_MINISWHITE || photometric == PHOTOMETRIC_MINISBLACK;
    cv::Mat out(static_cast<int>(h), static_cast<int>(w), CV_8UC1);
    if (grey && samples == 1 && (bits == 8 || bits == 1) && !TIFFIsTiled(m_tiff)) {
      std::vector<std::uint8_t> line(static_cast<std::size_t>(TIFFScanlineSize(m_tiff)));
      for (std::uint32_t y = 0; y < h; ++y) {
        if (TIFFReadScanline(m_tiff, line.data(), y, 0) < 0) return {};
        auto* row = out.ptr<std::uint8_t>(static_cast<int>(y));
        if (bits == 8) {
          std::memcpy(row, line.data(), w);
        } else {
          for (std::uint32_t x = 0; x < w; ++x) row[x] = (line[x >> 3] >> (7 - (x & 7))) & 1 ? 255 : 0;
        }
        if (photometric == PHOTOMETRIC_MINISWHITE) {
          for (std::uint32_t x = 0; x < w; ++x) row[x] = static_cast<std::uint8_t>(255 - row[x]);
        }
      }
      return out;
    }
    if (static_cast<long long>(w) * h > k_max_pixels) return {};  // 4 bytes a pixel: not for the largest pages
    std::vector<std::uint32_t> rgba(static_cast<std::size_t>(w) * h);
    if (!TIFFReadRGBAImageOriented(m_tiff, w, h, rgba.data(), ORIENTATION_TOPLEFT, 0)) return {};
    for (std::uint32_t y = 0; y < h; ++y) {
      auto* row = out.ptr<std::uint8_t>(static_cast<int>(y));
      const std::uint32_t* src = rgba.data() + static_cast<std::size_t>(y) * w;
      for (std::uint32_t x = 0; x < w; ++x) {
        const std::uint32_t p = src[x];
        row[x] = static_cast<std::uint8_t>((TIFFGetR(p) * 299 + TIFFGetG(p) * 587 + TIFFGetB(p) * 114) / 1000);
      }
    }
    return out;
  }

  static constexpr int k_max_bits_per_pixel = 64;
  TIFF* m_tiff;
  int m_pages;
  int m_current = 0;
};

// The pixel size in a PNG's or JPEG's header; nullopt when not found.
std::optional<std::pair<long long, long long>> header_size(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<unsigned char> b(64 * 1024);
  in.read(reinterpret_cast<char*>(b.data()), static_cast<std::streamsize>(b.size()));
  b.resize(static_cast<std::size_t>(in.gcount()));
  const auto be16 = [&](std::size_t i) { return (b[i] << 8) | b[i + 1]; };
  if (b.size() >= 24 && b[0] == 0x89 && b[1] == 'P') {
    const auto be32 = [&](std::size_t i) {
      return (static_cast<long long>(b[i]) << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3];
    };
    return std::make_pair(be32(16), be32(20));
  }
  if (b.size() >= 4 && b[0] == 0xFF && b[1] == 0xD8) {
    for (std::size_t i = 2; i + 9 < b.size();) {
      if (b[i] != 0xFF) return std::nullopt;
      const int marker = b[i + 1];
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        i += 2;
        continue;
      }
      if ((marker >= 0xC0 && marker <= 0xCF) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
        return std::make_pair(static_cast<long long>(be16(i + 7)), static_cast<long long>(be16(i + 5)));
      }
      i += 2 + static_cast<std::size_t>(be16(i + 2));
    }
  }
  return std::nullopt;
}

// PNG, JPEG, WebP… through OpenCV, one page.
class ImageFile final : public PageReader {
 public:
  explicit ImageFile(std::string path) : m_path(std::move(path)) {}
  int page_count() const override { return 1; }
  LoadedPage read(int n) override {
    cv::Mat page;
    try {
      const auto size = header_size(m_path);
      // A header may claim 2^32 × 2^32: the product saturates, never overflows.
      const long long pixels = !size ? 0
                               : size->first > 0 && size->second > std::numeric_limits<long long>::max() / size->first
                                   ? std::numeric_limits<long long>::max()
                                   : size->first * size->second;
      if (pixels > k_refused_pixels && !is_jpeg()) return {std::nullopt, too_large(n, size->first, size->second)};
      LargeDecodeTurn turn(pixels > k_max_pixels);
      page = read_single(pixels);
    } catch (const cv::Exception& e) {
      return {std::nullopt, "page " + std::to_string(n) + " cannot be decoded: " + e.msg};
    }
    if (page.empty()) return {std::nullopt, "page " + std::to_string(n) + " cannot be decoded"};
    return {to_page(limit_size(page)), ""};
  }

 private:
  bool is_jpeg() const {
    std::ifstream in(m_path, std::ios::binary);
    char b[2] = {};
    in.read(b, 2);
    return static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8;
  }
  // A page scanned at 300 dpi or more is read at half size (libjpeg scales
  // while decoding, at a fraction of the cost): 150 dpi and up is all the
  // codes and marks need. A huge JPEG is scaled by libjpeg down to the
  // limit, so it never takes its full size in memory.
  cv::Mat read_single(long long pixels) const {
    if (is_jpeg() && pixels > k_max_pixels) {
      int flag = cv::IMREAD_REDUCED_GRAYSCALE_8;
      if (pixels / 4 <= k_max_pixels) flag = cv::IMREAD_REDUCED_GRAYSCALE_2;
      else if (pixels / 16 <= k_max_pixels) flag = cv::IMREAD_REDUCED_GRAYSCALE_4;
      if (pixels / 64 > k_refused_pixels) return {};
      return cv::imread(m_path, flag);
    }
    cv::Mat half = cv::imread(m_path, cv::IMREAD_REDUCED_GRAYSCALE_2);
    if (!half.empty() && std::min(half.cols, half.rows) >= k_half_size_min) return half;
    return cv::imread(m_path, cv::IMREAD_GRAYSCALE);
  }
  static constexpr int k_half_size_min = 1250;  // a carta page at 150 dpi is 1275 x 1650

  std::string m_path;
};

void quiet_tiff(const char*, const char*, va_list) {}

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
  if (tiff) {
    TIFFSetWarningHandler(quiet_tiff);
    TIFFSetErrorHandler(quiet_tiff);
    TIFF* t = TIFFOpen(path.c_str(), "r");
    if (!t) return std::make_unique<BrokenFile>("the TIFF file cannot be read (damaged or truncated)");
    // Counting the directories reads their headers only, never a page's image.
    const int pages = static_cast<int>(TIFFNumberOfDirectories(t));
    TIFFSetDirectory(t, 0);
    if (pages < 1) {
      TIFFClose(t);
      return std::make_unique<BrokenFile>("the TIFF file cannot be read (damaged or truncated)");
    }
    return std::make_unique<TiffFile>(t, pages);
  }
  return std::make_unique<ImageFile>(path);
}

bool write_png(const PageImage& page, const std::string& path) {
  try {
    return cv::imwrite(path, as_mat(page));
  } catch (const cv::Exception&) {
    return false;
  }
}

}  // namespace cartero::scanning
