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

std::optional<std::int64_t> parse_grouped_digits(std::string_view digits, std::string_view separators) {
  std::int64_t value = 0;
  std::size_t group = 0;  // digits since the last separator
  char separator = 0;     // the one separator seen, if any
  for (std::size_t i = 0; i < digits.size(); ++i) {
    const char c = digits[i];
    if (separators.find(c) != std::string_view::npos) {
      if (i == 0 || (separator && (c != separator || group != 3)) || group > 3) return std::nullopt;
      separator = c;
      group = 0;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + (c - '0');
    if (value > 1'000'000'000'000'000) return std::nullopt;
    ++group;
  }
  if (digits.empty() || (separator && group != 3)) return std::nullopt;
  return value;
}

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
  const auto value = parse_grouped_digits(s, ".,");
  if (!value) return std::nullopt;
  return negative ? -*value : *value;
}

}  // namespace cartero
