#include "qr.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>

namespace cartero::letters {

namespace {

struct Blocks {
  int total;         // codewords
  int ec_per_block;  // EC codewords per block
  int blocks1, data1, blocks2, data2;
  int alignment;     // centre of the alignment pattern (0: none)
};

// Level H, versions 1-6 (ISO/IEC 18004 table 9).
constexpr Blocks k_blocks[7] = {{},
                                {26, 17, 1, 9, 0, 0, 0},
                                {44, 28, 1, 16, 0, 0, 18},
                                {70, 22, 2, 13, 0, 0, 22},
                                {100, 16, 4, 9, 0, 0, 26},
                                {134, 22, 2, 11, 2, 12, 30},
                                {172, 28, 4, 15, 0, 0, 34}};

int alnum_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  switch (c) {
    case ' ': return 36;
    case '$': return 37;
    case '%': return 38;
    case '*': return 39;
    case '+': return 40;
    case '-': return 41;
    case '.': return 42;
    case '/': return 43;
    case ':': return 44;
    default: return -1;
  }
}

struct Galois {
  std::uint8_t exp[512];
  std::uint8_t log[256];
  Galois() {
    int x = 1;
    for (int i = 0; i < 255; ++i) {
      exp[i] = static_cast<std::uint8_t>(x);
      log[x] = static_cast<std::uint8_t>(i);
      x <<= 1;
      if (x & 0x100) x ^= 0x11D;
    }
    for (int i = 255; i < 512; ++i) exp[i] = exp[i - 255];
    log[0] = 0;
  }
  std::uint8_t mul(std::uint8_t a, std::uint8_t b) const {
    return a == 0 || b == 0 ? 0 : exp[log[a] + log[b]];
  }
};

const Galois& gf() {
  static const Galois k_gf;
  return k_gf;
}

// Generator polynomial of degree n, coefficients from x^n down to x^0.
struct Generator {
  std::uint8_t c[32] = {};
  explicit Generator(int n) {
    const auto& g = gf();
    c[0] = 1;
    for (int i = 0; i < n; ++i) {  // multiply by (x - a^i)
      for (int j = i + 1; j > 0; --j) c[j] = c[j] ^ g.mul(c[j - 1], g.exp[i]);
    }
  }
};

const Generator& generator(int n) {
  static const Generator k_17(17), k_28(28), k_22(22), k_16(16);
  switch (n) {
    case 17: return k_17;
    case 28: return k_28;
    case 22: return k_22;
    default: return k_16;
  }
}

bool mask_bit(int mask, int x, int y) {
  switch (mask) {
    case 0: return ((y + x) & 1) == 0;
    case 1: return (y & 1) == 0;
    case 2: return x % 3 == 0;
    case 3: return (y + x) % 3 == 0;
    case 4: return (((y / 2) + (x / 3)) & 1) == 0;
    case 5: return ((y * x) & 1) + (y * x) % 3 == 0;
    case 6: return ((((y * x) & 1) + (y * x) % 3) & 1) == 0;
    default: return ((((y * x) % 3) + ((y + x) & 1)) & 1) == 0;
  }
}

// Each mask's modules as bit sets per row and per column, for every size.
struct MaskTables {
  std::uint64_t rows[8][QrEncoder::k_max_size];
  std::uint64_t cols[8][QrEncoder::k_max_size];
};

const MaskTables& mask_tables() {
  static const MaskTables k_tables = [] {
    MaskTables t{};
    for (int mask = 0; mask < 8; ++mask) {
      for (int y = 0; y < QrEncoder::k_max_size; ++y) {
        for (int x = 0; x < QrEncoder::k_max_size; ++x) {
          if (!mask_bit(mask, x, y)) continue;
          t.rows[mask][y] |= std::uint64_t{1} << x;
          t.cols[mask][x] |= std::uint64_t{1} << y;
        }
      }
    }
    return t;
  }();
  return k_tables;
}

constexpr int k_type_coordinates[15][2] = {{8, 0}, {8, 1}, {8, 2}, {8, 3}, {8, 4}, {8, 5}, {8, 7}, {8, 8},
                                           {7, 8}, {5, 8}, {4, 8}, {3, 8}, {2, 8}, {1, 8}, {0, 8}};

int type_info_bits(int mask) {
  const int data = (0x02 << 3) | mask;  // level H
  int value = data << 10;
  for (int bit = 14; bit >= 10; --bit) {
    if (value & (1 << bit)) value ^= 0x537 << (bit - 10);
  }
  return ((data << 10) | value) ^ 0x5412;
}

}  // namespace

bool QrEncoder::encode(std::string_view text) {
  const int n = static_cast<int>(text.size());
  // Digits only would be numeric mode in ZXing: left to it.
  if (n == 0 || text.find_first_not_of("0123456789") == std::string_view::npos) return false;
  const int data_bits = 4 + 9 + 11 * (n / 2) + 6 * (n % 2);
  m_version = 0;
  for (int v = 1; v <= 6; ++v) {
    const auto& b = k_blocks[v];
    if ((b.blocks1 * b.data1 + b.blocks2 * b.data2) * 8 >= data_bits) {
      m_version = v;
      break;
    }
  }
  if (m_version == 0) return false;
  const Blocks& b = k_blocks[m_version];
  const int data_bytes = b.blocks1 * b.data1 + b.blocks2 * b.data2;

  // Data codewords: mode, count, pairs, terminator, padding.
  std::uint8_t data[64] = {};
  int bit = 0;
  auto put = [&](int value, int bits) {
    for (int i = bits - 1; i >= 0; --i, ++bit) {
      if ((value >> i) & 1) data[bit >> 3] = static_cast<std::uint8_t>(data[bit >> 3] | (0x80 >> (bit & 7)));
    }
  };
  put(0b0010, 4);
  put(n, 9);
  for (int i = 0; i + 1 < n; i += 2) {
    const int a = alnum_value(text[static_cast<std::size_t>(i)]);
    const int c = alnum_value(text[static_cast<std::size_t>(i + 1)]);
    if (a < 0 || c < 0) return false;
    put(a * 45 + c, 11);
  }
  if (n % 2) {
    const int a = alnum_value(text[static_cast<std::size_t>(n - 1)]);
    if (a < 0) return false;
    put(a, 6);
  }
  bit += std::min(4, data_bytes * 8 - bit);
  bit = (bit + 7) & ~7;
  for (int i = bit / 8, pad = 0; i < data_bytes; ++i, ++pad) data[i] = pad % 2 ? 0x11 : 0xEC;

  // EC codewords per block, then both interleaved.
  const int blocks = b.blocks1 + b.blocks2;
  std::uint8_t ec[4][32] = {};
  int start[4] = {}, size[4] = {};
  const auto& g = gf();
  const auto& gen = generator(b.ec_per_block);
  for (int k = 0, offset = 0; k < blocks; ++k) {
    size[k] = k < b.blocks1 ? b.data1 : b.data2;
    start[k] = offset;
    for (int i = 0; i < size[k]; ++i) {
      const std::uint8_t factor = data[offset + i] ^ ec[k][0];
      for (int j = 0; j + 1 < b.ec_per_block; ++j) ec[k][j] = ec[k][j + 1] ^ g.mul(gen.c[j + 1], factor);
      ec[k][b.ec_per_block - 1] = g.mul(gen.c[b.ec_per_block], factor);
    }
    offset += size[k];
  }
  m_codeword_count = 0;
  for (int i = 0; i < std::max(b.data1, b.data2); ++i) {
    for (int k = 0; k < blocks; ++k) {
      if (i < size[k]) m_codewords[static_cast<std::size_t>(m_codeword_count++)] = data[start[k] + i];
    }
  }
  for (int i = 0; i < b.ec_per_block; ++i) {
    for (int k = 0; k < blocks; ++k) m_codewords[static_cast<std::size_t>(m_codeword_count++)] = ec[k][i];
  }

  // The modules without a mask, once; then each mask applied to the data
  // modules as bit operations on rows and columns.
  m_size = 17 + 4 * m_version;
  const int sz = m_size;
  place_function_patterns();
  place_format(0);  // reserves the format cells
  place_data(-1);
  std::uint64_t base_rows[k_max_size] = {}, base_cols[k_max_size] = {};
  std::uint64_t data_rows[k_max_size] = {}, data_cols[k_max_size] = {};
  for (int y = 0; y < sz; ++y) {
    for (int x = 0; x < sz; ++x) {
      const auto cell = m_cells[static_cast<std::size_t>(y * k_max_size + x)];
      const std::uint64_t bx = std::uint64_t{1} << x, by = std::uint64_t{1} << y;
      if (cell == 1 || cell == 3) base_rows[y] |= bx, base_cols[x] |= by;
      if (!(cell & 2)) data_rows[y] |= bx, data_cols[x] |= by;
    }
  }
  for (int i = 0; i < 15; ++i) {  // format cells start light
    auto clear = [&](int x, int y) {
      base_rows[y] &= ~(std::uint64_t{1} << x);
      base_cols[x] &= ~(std::uint64_t{1} << y);
    };
    clear(k_type_coordinates[i][0], k_type_coordinates[i][1]);
    if (i < 8) {
      clear(sz - i - 1, 8);
    } else {
      clear(8, sz - 7 + (i - 8));
    }
  }
  const auto& masks = mask_tables();
  int best = 0, best_penalty = std::numeric_limits<int>::max();
  for (int mask = 0; mask < 8; ++mask) {
    std::uint64_t rows[k_max_size], cols[k_max_size];
    for (int i = 0; i < sz; ++i) {
      rows[i] = base_rows[i] ^ (masks.rows[mask][i] & data_rows[i]);
      cols[i] = base_cols[i] ^ (masks.cols[mask][i] & data_cols[i]);
    }
    const int bits = type_info_bits(mask);
    for (int i = 0; i < 15; ++i) {
      if (!((bits >> i) & 1)) continue;
      auto set = [&](int x, int y) {
        rows[y] |= std::uint64_t{1} << x;
        cols[x] |= std::uint64_t{1} << y;
      };
      set(k_type_coordinates[i][0], k_type_coordinates[i][1]);
      if (i < 8) {
        set(sz - i - 1, 8);
      } else {
        set(8, sz - 7 + (i - 8));
      }
    }
    const int p = penalty(rows, cols);
    if (p < best_penalty) {
      best_penalty = p;
      best = mask;
    }
  }
  for (int y = 0; y < sz; ++y) {
    for (int x = 0; x < sz; ++x) {
      auto& cell = m_cells[static_cast<std::size_t>(y * k_max_size + x)];
      if (!(cell & 2) && mask_bit(best, x, y)) cell ^= 1;
    }
  }
  place_format(best);
  return true;
}

void QrEncoder::place_function_patterns() {
  const int s = m_size;
  m_cells.fill(0);
  auto set = [&](int x, int y, bool dark) { m_cells[static_cast<std::size_t>(y * k_max_size + x)] = dark ? 3 : 2; };
  auto finder = [&](int x0, int y0) {
    for (int y = 0; y < 7; ++y) {
      for (int x = 0; x < 7; ++x) {
        const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
        const bool core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
        set(x0 + x, y0 + y, ring || core);
      }
    }
  };
  finder(0, 0);
  finder(s - 7, 0);
  finder(0, s - 7);
  for (int i = 0; i < 8; ++i) {  // separators
    set(i, 7, false), set(s - 8 + i, 7, false), set(i, s - 8, false);
    set(7, i, false), set(s - 8, i, false), set(7, s - 8 + i, false);
  }
  set(8, s - 8, true);  // the dark module
  if (const int a = k_blocks[m_version].alignment; a) {
    for (int y = -2; y <= 2; ++y) {
      for (int x = -2; x <= 2; ++x) set(a + x, a + y, std::max(std::abs(x), std::abs(y)) != 1);
    }
  }
  for (int i = 8; i < s - 8; ++i) {
    if (!(m_cells[static_cast<std::size_t>(6 * k_max_size + i)] & 2)) set(i, 6, i % 2 == 0);
    if (!(m_cells[static_cast<std::size_t>(i * k_max_size + 6)] & 2)) set(6, i, i % 2 == 0);
  }
}

void QrEncoder::place_format(int mask) {
  const int bits = type_info_bits(mask);
  const int s = m_size;
  auto set = [&](int x, int y, bool dark) { m_cells[static_cast<std::size_t>(y * k_max_size + x)] = dark ? 3 : 2; };
  for (int i = 0; i < 15; ++i) {
    const bool dark = (bits >> i) & 1;
    set(k_type_coordinates[i][0], k_type_coordinates[i][1], dark);
    if (i < 8) {
      set(s - i - 1, 8, dark);
    } else {
      set(8, s - 7 + (i - 8), dark);
    }
  }
}

void QrEncoder::place_data(int mask) {
  const int s = m_size;
  const int total_bits = m_codeword_count * 8;
  int index = 0, direction = -1, y = s - 1;
  for (int x = s - 1; x > 0; x -= 2) {
    if (x == 6) x -= 1;
    for (; y >= 0 && y < s; y += direction) {
      for (int i = 0; i < 2; ++i) {
        const int xx = x - i;
        auto& cell = m_cells[static_cast<std::size_t>(y * k_max_size + xx)];
        if (cell & 2) continue;
        bool dark = false;
        if (index < total_bits) {
          dark = (m_codewords[static_cast<std::size_t>(index >> 3)] >> (7 - (index & 7))) & 1;
          ++index;
        }
        if (mask >= 0 && mask_bit(mask, xx, y)) dark = !dark;
        cell = dark ? 1 : 0;
      }
    }
    direction = -direction;
    y += direction;
  }
}

// The penalty rules with each row and column as a bit set (bit x = module x).
int QrEncoder::penalty(const std::uint64_t* rows, const std::uint64_t* cols) const {
  const int s = m_size;
  const std::uint64_t all = (std::uint64_t{1} << s) - 1;
  int p1 = 0, p3 = 0, dark = 0;
  for (const auto* lines : {rows, cols}) {
    for (int i = 0; i < s; ++i) {
      const std::uint64_t r = lines[i];
      // Runs of 5 or more alike: L - 2 each, that is one per window of five
      // alike modules plus 2 per run.
      const std::uint64_t alike = ~(r ^ (r >> 1));
      const std::uint64_t five = alike & (alike >> 1) & (alike >> 2) & (alike >> 3) & ((std::uint64_t{1} << (s - 4)) - 1);
      p1 += __builtin_popcountll(five) + 2 * __builtin_popcountll(five & ~(five << 1));
      // 1011101 starting at x, with four light modules before or after (outside the code counts as light).
      const std::uint64_t found = r & ~(r >> 1) & (r >> 2) & (r >> 3) & (r >> 4) & ~(r >> 5) & (r >> 6) &
                                  ((std::uint64_t{1} << (s - 6)) - 1);
      const std::uint64_t light_before = ~((r << 1) | (r << 2) | (r << 3) | (r << 4));
      const std::uint64_t light_after = ~((r >> 7) | (r >> 8) | (r >> 9) | (r >> 10));
      p3 += __builtin_popcountll(found & (light_before | light_after) & all);
    }
  }
  int p2 = 0;
  for (int y = 0; y + 1 < s; ++y) {
    const std::uint64_t a = rows[y], b = rows[y + 1];
    const std::uint64_t same = ~(a ^ b) & ~(a ^ (a >> 1)) & ~(b ^ (b >> 1)) & (all >> 1);
    p2 += __builtin_popcountll(same);
  }
  for (int y = 0; y < s; ++y) dark += __builtin_popcountll(rows[y]);
  const int total = s * s;
  const int p4 = std::abs(dark * 2 - total) * 10 / total * 10;
  return p1 + p2 * 3 + p3 * 40 + p4;
}

}  // namespace cartero::letters
