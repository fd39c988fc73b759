// Private: the modules (dark/light cells) of the letter's two codes, from
// ZXing-cpp's writer. The PDF writer draws them as vector rectangles.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cartero::letters {

struct Modules {
  int width = 0;
  int height = 0;  // 1 for a linear code
  std::vector<std::uint8_t> dark;  // row-major, 1 = dark
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * width + x)] != 0; }
};

// QR code, error correction level H, no quiet zone. Throws InternalError
// when ZXing cannot encode the text.
Modules qr_modules(const std::string& text);
// Code128, no quiet zone.
Modules code128_modules(const std::string& text);

}  // namespace cartero::letters
