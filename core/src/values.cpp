#include "cartero/core/values.hpp"

#include "cartero/core/money.hpp"

#include <cctype>
#include <cmath>
#include <cstdint>

#include "cartero/core/text.hpp"

namespace cartero {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// "15/02/2026" split into its three numbers; false when it is not
// number-separator-number-separator-4-digit-year.
bool split_dmy(std::string_view s, int& first, int& second, int& year) {
  const auto a = s.find_first_of("/-.");
  if (a == std::string_view::npos || a == 0 || a > 2) return false;
  const char sep = s[a];
  const auto b = s.find(sep, a + 1);
  if (b == std::string_view::npos || b - a - 1 == 0 || b - a - 1 > 2) return false;
  const auto y = s.substr(b + 1);
  if (!all_digits(s.substr(0, a)) || !all_digits(s.substr(a + 1, b - a - 1)) || y.size() != 4 || !all_digits(y)) return false;
  first = to_int(s.substr(0, a));
  second = to_int(s.substr(a + 1, b - a - 1));
  year = to_int(y);
  return true;
}

// The date part of "2026-02-15 10:30:00" or "15/02/2026 10:30".
std::string_view date_part(std::string_view s) {
  s = trim(s);
  const auto space = s.find_first_of(" T");
  if (space != std::string_view::npos && space >= 8) s = s.substr(0, space);
  return s;
}

}  // namespace

const char* day_order_name(DayOrder order) {
  switch (order) {
    case DayOrder::day_first: return "dd/mm/yyyy";
    case DayOrder::month_first: return "mm/dd/yyyy";
    case DayOrder::unknown: return "";
  }
  return "";
}

std::optional<DayOrder> parse_day_order(std::string_view text) {
  const std::string f = fold_code(text);
  if (f == "dd/mm/yyyy" || f == "d/m/yyyy" || f == "dd/mm/aaaa" || f == "dd_mm_yyyy" || f == "day_first") return DayOrder::day_first;
  if (f == "mm/dd/yyyy" || f == "m/d/yyyy" || f == "mm/dd/aaaa" || f == "mm_dd_yyyy" || f == "month_first") return DayOrder::month_first;
  return std::nullopt;
}

DayOrder day_order_of(std::string_view text) {
  int first = 0, second = 0, year = 0;
  if (!split_dmy(date_part(text), first, second, year)) return DayOrder::unknown;
  if (first > 12 && second <= 12) return DayOrder::day_first;
  if (second > 12 && first <= 12) return DayOrder::month_first;
  return DayOrder::unknown;
}

std::optional<Date> date_from_excel_serial(double serial, bool date1904) {
  if (!(serial >= 1.0) || serial > 2958465.0) return std::nullopt;
  const auto whole = static_cast<std::int32_t>(std::floor(serial));
  // 1900 system: day 1 is 1900-01-01 and Excel counts a 29 Feb 1900 that
  // never was (serial 60), so from serial 61 on the epoch is 1899-12-30.
  static const auto k_1900 = Date::from_ymd(1900, 1, 1)->minus_days(2).days();  // 1899-12-30
  static const auto k_1904 = Date::from_ymd(1904, 1, 1)->days();
  if (date1904) return Date::from_days(k_1904 + whole);
  if (whole == 60) return std::nullopt;
  return Date::from_days(k_1900 + whole + (whole < 60 ? 1 : 0));
}

std::optional<Date> parse_date_text(std::string_view text, DayOrder order) {
  const auto s = date_part(text);
  if (s.empty()) return std::nullopt;
  if (auto iso = Date::parse_iso(s)) return iso;
  int first = 0, second = 0, year = 0;
  if (split_dmy(s, first, second, year)) {
    return order == DayOrder::month_first ? Date::from_ymd(year, first, second) : Date::from_ymd(year, second, first);
  }
  // An Excel serial written as a number: 20000 (1954) to 99999 (2173).
  const auto dot = s.find_first_of(".,");
  const auto whole = s.substr(0, dot);
  if (whole.size() == 5 && all_digits(whole) && (dot == std::string_view::npos || all_digits(s.substr(dot + 1)))) {
    return date_from_excel_serial(static_cast<double>(to_int(whole)));
  }
  return std::nullopt;
}

const char* decimal_mark_name(DecimalMark mark) {
  switch (mark) {
    case DecimalMark::comma: return ",";
    case DecimalMark::point: return ".";
    case DecimalMark::automatic: return "auto";
  }
  return "auto";
}

std::optional<Amount> parse_amount(std::string_view text, DecimalMark mark) {
  std::string_view s = trim(text);
  bool negative = false;
  if (!s.empty() && s.front() == '-') negative = true, s = trim(s.substr(1));
  if (!s.empty() && s.front() == '$') s = trim(s.substr(1));
  if (!negative && !s.empty() && s.front() == '-') negative = true, s = trim(s.substr(1));
  if (s.empty()) return std::nullopt;
  // Which separator is the decimal mark, if any.
  const auto last = s.find_last_of(".,");
  char decimal = 0;
  if (last != std::string_view::npos) {
    const char c = s[last];
    const char other = c == '.' ? ',' : '.';
    const bool once = s.find(c) == last;
    if (s.find(other) != std::string_view::npos) decimal = c;  // "1.234,50", "1,234.50"
    else if (!once) decimal = 0;                                // "1.234.567"
    else if (s.size() - last - 1 != 3) decimal = c;             // "1234567.5", "12,50"
    else if (mark == DecimalMark::comma) decimal = c == ',' ? c : 0;
    else if (mark == DecimalMark::point) decimal = c == '.' ? c : 0;
  }
  std::string_view whole = s, fraction;
  if (decimal) {
    whole = s.substr(0, last);
    fraction = s.substr(last + 1);
    if (!all_digits(fraction)) return std::nullopt;
  }
  if (whole.empty()) return std::nullopt;
  // Whole part: digits, grouped in threes by the other separator if at all.
  const auto whole_value = parse_grouped_digits(whole, decimal == '.' ? "," : decimal == ',' ? "." : ".,");
  if (!whole_value) return std::nullopt;
  std::int64_t value = *whole_value;
  Amount out;
  if (!fraction.empty()) {
    out.rounded = fraction.find_first_not_of('0') != std::string_view::npos;
    if (fraction.front() >= '5') ++value;
  }
  out.pesos = negative ? -value : value;
  return out;
}

}  // namespace cartero
