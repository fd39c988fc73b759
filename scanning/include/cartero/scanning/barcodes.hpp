// Every barcode on a page image, through ZXing-cpp 1.4 with OpenCV clean-up
// retries. Debian's ZXing-cpp 1.4 aborts the process on some inputs (an
// enabled assert when a 1D code is found twice), so decoding runs in a child
// process: a crash there costs one page, never the stack.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "cartero/scanning/page.hpp"

namespace cartero::scanning {

struct FoundBarcode {
  std::string format;  // ZXing's name: "QRCode", "Code128", "DataMatrix"…
  std::string text;
  std::array<std::array<int, 2>, 4> position{};  // corners in pixels of the page
};

struct DecodeOptions {
  bool matrix = true;   // QR, DataMatrix, Aztec, PDF417
  bool linear = true;   // Code128, Code39, Code93, Codabar, EAN, UPC, ITF
  bool retries = true;  // scaled, binarised and sharpened versions when nothing is found
};

// The barcodes found; nullopt when the decoder crashed on this image.
std::optional<std::vector<FoundBarcode>> find_barcodes(const PageImage& page, const DecodeOptions& options = {});

}  // namespace cartero::scanning
