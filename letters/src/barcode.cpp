#include "barcode.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include "cartero/core/error.hpp"

namespace cartero::letters {

namespace {

Modules encode(ZXing::BarcodeFormat format, int ecc_level, const std::string& text) {
  try {
    auto writer = ZXing::MultiFormatWriter(format).setMargin(0);
    if (ecc_level >= 0) writer.setEccLevel(ecc_level);
    const auto matrix = writer.encode(text, 0, 0);
    Modules m{matrix.width(), matrix.height(), {}};
    m.dark.resize(static_cast<std::size_t>(m.width * m.height));
    for (int y = 0; y < m.height; ++y) {
      for (int x = 0; x < m.width; ++x) m.dark[static_cast<std::size_t>(y * m.width + x)] = matrix.get(x, y) ? 1 : 0;
    }
    return m;
  } catch (const std::exception& e) {
    throw InternalError("cannot encode '" + text + "' as a barcode: " + e.what());
  }
}

}  // namespace

// ZXing-cpp 1.4 maps levels 0-8 onto L, M, Q, H; 8 is H (30 % of the code
// may be lost: stamps, folds, pen strokes).
Modules qr_modules(const std::string& text) { return encode(ZXing::BarcodeFormat::QRCode, 8, text); }

Modules code128_modules(const std::string& text) { return encode(ZXing::BarcodeFormat::Code128, -1, text); }

}  // namespace cartero::letters
