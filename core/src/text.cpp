#include "cartero/core/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace cartero {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool starts_like_formula(std::string_view cell) {
  if (cell.empty()) return false;
  const char c = cell.front();
  if (c == '=' || c == '@' || c == '\t' || c == '\r') return true;
  if (c != '+' && c != '-') return false;
  // A signed number is a constant, never a formula: digits, with spaces,
  // dots or commas between them.
  const auto rest = cell.substr(1);
  const bool number = !rest.empty() && std::isdigit(static_cast<unsigned char>(rest.front())) &&
                      std::isdigit(static_cast<unsigned char>(rest.back())) &&
                      rest.find_first_not_of("0123456789., ") == std::string_view::npos;
  return !number;
}

std::string spreadsheet_text(std::string_view cell) {
  return starts_like_formula(cell) ? "'" + std::string(cell) : std::string(cell);
}

std::string_view without_utf8_bom(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  return s;
}

namespace {

// Two-byte UTF-8 Latin-1 letters (lead byte 0xC3) folded to ASCII.
char fold_c3(unsigned char second) {
  switch (second) {
    case 0x81: case 0xA1: return 'a';  // Á á
    case 0x89: case 0xA9: return 'e';  // É é
    case 0x8D: case 0xAD: return 'i';  // Í í
    case 0x93: case 0xB3: return 'o';  // Ó ó
    case 0x9A: case 0xBA: case 0x9C: case 0xBC: return 'u';  // Ú ú Ü ü
    case 0x91: case 0xB1: return 'n';  // Ñ ñ
    default: return '?';
  }
}

}  // namespace

std::string fold_code(std::string_view s) {
  s = trim(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC3 && i + 1 < s.size()) {
      out.push_back(fold_c3(static_cast<unsigned char>(s[++i])));
    } else if (c == ' ' || c == '-' || c == '\t') {
      if (out.empty() || out.back() != '_') out.push_back('_');
    } else {
      out.push_back(static_cast<char>(std::tolower(c)));
    }
  }
  return out;
}

namespace {

// What an ASCII byte becomes in folded search text: a letter lowered, a digit,
// '%' or '_' (text, never LIKE's wildcards) as is; anything else a blank.
constexpr std::array<char, 128> k_search_ascii = [] {
  std::array<char, 128> t{};
  for (int c = 0; c < 128; ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '%' || c == '_') t[c] = static_cast<char>(c);
    else if (c >= 'A' && c <= 'Z') t[c] = static_cast<char>(c - 'A' + 'a');
    else t[c] = ' ';
  }
  return t;
}();

// fold_search, with or without the single blanks between words.
std::string fold_for_search(std::string_view s, bool blanks) {
  std::string out;
  out.reserve(s.size());
  const auto put = [&](char c) {
    if (c != ' ') out.push_back(c);
    else if (blanks && !out.empty() && out.back() != ' ') out.push_back(' ');
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      put(k_search_ascii[c]);
    } else if (c == 0xC3 && i + 1 < s.size()) {
      const char f = fold_c3(static_cast<unsigned char>(s[++i]));
      put(f == '?' ? ' ' : f);
    } else {
      put(' ');  // other UTF-8 bytes: a blank (continuations collapse into it)
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::string fold_search(std::string_view s) { return fold_for_search(s, true); }

std::string bare_search(std::string_view s) { return fold_for_search(s, false); }

std::string like_contains(std::string_view text) {
  std::string out = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

std::vector<std::string> search_words(std::string_view folded) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < folded.size()) {
    auto end = folded.find(' ', start);
    if (end == std::string_view::npos) end = folded.size();
    const auto word = folded.substr(start, end - start);
    if (!word.empty() && word != "|" && std::find(out.begin(), out.end(), word) == out.end()) out.emplace_back(word);
    start = end + 1;
  }
  return out;
}

std::string prefix_end(std::string_view prefix) {
  std::string out(prefix);
  while (!out.empty() && static_cast<unsigned char>(out.back()) == 0xFF) out.pop_back();
  if (!out.empty()) out.back() = static_cast<char>(static_cast<unsigned char>(out.back()) + 1);
  return out;
}

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    int extra = 0;
    if ((*p & 0xE0) == 0xC0 && *p >= 0xC2) extra = 1;
    else if ((*p & 0xF0) == 0xE0) extra = 2;
    else if ((*p & 0xF8) == 0xF0 && *p <= 0xF4) extra = 3;
    else return false;
    if (end - p <= extra) return false;
    for (int k = 1; k <= extra; ++k) {
      if ((p[k] & 0xC0) != 0x80) return false;
    }
    p += extra + 1;
  }
  return true;
}

namespace {

// 0x80..0x9F of Windows-1252, which differ from Latin-1; 0 marks the five
// undefined bytes.
constexpr std::array<char16_t, 32> k_high = {
      0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

}  // namespace

std::string cp1252_to_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    char16_t cp = c;
    if (c >= 0x80 && c < 0xA0) cp = k_high[c - 0x80] ? k_high[c - 0x80] : 0xFFFD;
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

std::string utf8_to_cp1252(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    char32_t cp = *p;
    int extra = cp < 0x80 ? 0 : (cp & 0xE0) == 0xC0 ? 1 : (cp & 0xF0) == 0xE0 ? 2 : 3;
    if (extra) cp &= 0x3F >> extra;
    if (end - p <= extra) break;
    for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (p[k] & 0x3F);
    p += extra + 1;
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) {
      out.push_back(static_cast<char>(cp));
      continue;
    }
    char mapped = '?';
    for (std::size_t i = 0; i < k_high.size(); ++i) {
      if (k_high[i] != 0 && k_high[i] == cp) mapped = static_cast<char>(0x80 + i);
    }
    out.push_back(mapped);
  }
  return out;
}

std::string quoted(std::string_view s) {
  std::string out(1, '\'');
  out.append(s.substr(0, 60)).push_back('\'');
  return out;
}

}  // namespace cartero
