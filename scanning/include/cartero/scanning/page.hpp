// Scanned pages: the files office assistants feed Cartero (multi-page PDF or
// TIFF, PNG, JPEG), read one page at a time so a 500-page stack keeps memory
// flat. A page that cannot be read is a value with the reason, never an
// exception that stops the stack.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cartero::scanning {

// An 8-bit greyscale page image.
struct PageImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> gray;  // row-major, width * height
};

struct LoadedPage {
  std::optional<PageImage> image;
  std::string error;  // why there is no image
};

// Not thread-safe; one reader per file and thread.
class PageReader {
 public:
  // Never throws for a bad file: a file that is not a PDF or an image, an
  // encrypted or truncated PDF, or an empty file gives one page with an
  // error.
  static std::unique_ptr<PageReader> open(const std::string& path, int pdf_dpi = 200);
  virtual ~PageReader() = default;
  virtual int page_count() const = 0;
  // Page `n`, counting from 1.
  virtual LoadedPage read(int n) = 0;
};

// Writes a page image as PNG; false when the file cannot be written.
bool write_png(const PageImage& page, const std::string& path);

// Pages larger than this many pixels are scaled down before reading (a
// 100-megapixel photo would otherwise cost seconds and a gigabyte).
inline constexpr long long k_max_pixels = 40'000'000;
// Pages larger than this are refused before they are decoded (a 30000 x
// 30000 image is no scanned letter, and would take a gigabyte); a larger
// JPEG is still read, scaled down by libjpeg while decoding.
inline constexpr long long k_refused_pixels = 150'000'000;

}  // namespace cartero::scanning
