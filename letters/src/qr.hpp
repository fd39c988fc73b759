// Private: a QR code encoder for the letter's payload, without temporaries.
// Alphanumeric mode, error correction level H, versions 1-6 (up to 84
// characters), the mask chosen by the standard's penalty rules exactly as
// ZXing-cpp's writer chooses it, so the modules are the same as ZXing's (a
// test compares them). Text it cannot encode (a character outside the
// alphanumeric set, too long) returns false and the caller falls back to
// ZXing.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace cartero::letters {

class QrEncoder {
 public:
  static constexpr int k_max_size = 41;  // version 6
  // Encodes `text`; false when it is not alphanumeric or too long.
  bool encode(std::string_view text);
  int size() const { return m_size; }
  bool dark(int x, int y) const { return m_cells[static_cast<std::size_t>(y * k_max_size + x)] & 1; }

 private:
  void place_function_patterns();
  void place_data(int mask);
  void place_format(int mask);
  int penalty(const std::uint64_t* rows, const std::uint64_t* cols) const;

  int m_size = 0;
  int m_version = 0;
  // bit 0: dark; bit 1: function module (not data).
  std::array<std::uint8_t, k_max_size * k_max_size> m_cells{};
  std::array<std::uint8_t, 172> m_codewords{};  // interleaved data and EC codewords
  int m_codeword_count = 0;
};

}  // namespace cartero::letters
