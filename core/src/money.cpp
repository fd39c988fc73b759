#include "cartero/core/money.hpp"

#include <cctype>

namespace cartero {

std::string format_pesos(Pesos amount) {
  const bool negative = amount < 0;
  // Work on the unsigned magnitude so INT64_MIN cannot overflow.
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(amount)
                                     : static_cast<std::uint64_t>(amount);
  std::string digits = std::to_string(magnitude);
  std::string grouped;
  grouped.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back('.');
    grouped.push_back(digits[i]);
  }
  return (negative ? "-$ " : "$ ") + grouped;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Drops a trailing ",00" / ".00" / ",0" decimal part made only of zeros.
// Returns false when a decimal part is present but not zero.
bool drop_zero_decimals(std::string_view& s) {
  const auto sep = s.find_last_of(".,");
  if (sep == std::string_view::npos) return true;
  const auto tail = s.substr(sep + 1);
  if (tail.empty() || tail.size() > 2) return true;  // a thousands group has 3 digits
  for (char c : tail) {
    if (c != '0') return std::isdigit(static_cast<unsigned char>(c)) == 0;
  }
  s = s.substr(0, sep);
  return true;
}

}  // namespace

std::optional<Pesos> parse_pesos(std::string_view text) {
  std::string_view s = trim(text);
  bool negative = false;
  if (!s.empty() && s.front() == '-') {
    negative = true;
    s = trim(s.substr(1));
  }
  if (!s.empty() && s.front() == '$') s = trim(s.substr(1));
  if (!negative && !s.empty() && s.front() == '-') {
    negative = true;
    s = trim(s.substr(1));
  }
  if (s.empty() || !drop_zero_decimals(s) || s.empty()) return std::nullopt;
  // Digits, optionally grouped by '.' (Colombian) or ',' in groups of three.
  const char group_sep = s.find('.') != std::string_view::npos ? '.' : ',';
  std::int64_t value = 0;
  std::size_t digits_since_sep = 0;
  bool seen_sep = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == group_sep) {
      if (i == 0 || (seen_sep && digits_since_sep != 3) || digits_since_sep > 3) return std::nullopt;
      seen_sep = true;
      digits_since_sep = 0;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + (c - '0');
    if (value > 1'000'000'000'000'000) return std::nullopt;
    ++digits_since_sep;
  }
  if (seen_sep && digits_since_sep != 3) return std::nullopt;
  return negative ? -value : value;
}

}  // namespace cartero
