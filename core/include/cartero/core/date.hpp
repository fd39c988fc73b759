// Calendar dates (no time, no zone): cutoffs, payment and letter dates.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cartero {

// A day of the proleptic Gregorian calendar, stored as days since
// 1970-01-01. Cheap to copy and compare; arithmetic is in whole days.
class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(std::int32_t days) { return Date(days); }
  // nullopt when the numbers do not name a real day.
  static std::optional<Date> from_ymd(int year, int month, int day);
  // Strict ISO "YYYY-MM-DD" (surrounding blanks allowed); nullopt otherwise.
  static std::optional<Date> parse_iso(std::string_view text);
  // The local calendar day of this machine.
  static Date today();

  constexpr std::int32_t days() const { return m_days; }
  int year() const;
  int month() const;  // 1..12
  int day() const;    // 1..31
  std::string iso() const;
  // Spanish long form for letters: "24 de noviembre de 2026".
  std::string spanish_long() const;

  constexpr Date plus_days(std::int32_t n) const { return Date(m_days + n); }
  constexpr Date minus_days(std::int32_t n) const { return Date(m_days - n); }
  constexpr auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(std::int32_t days) : m_days(days) {}
  std::int32_t m_days = 0;
};

// The current moment in UTC as ISO 8601 ("2026-11-24T15:30:00Z"), for
// "when" columns (registered_at, imported_at…).
std::string now_utc_iso();

// The current moment in Bogotá (UTC-5, no daylight saving) as ISO 8601 with
// its offset ("2026-11-24T10:30:00-05:00"), for what people read as a local
// date and time (who dispatched a batch, and when).
std::string now_bogota_iso();

}  // namespace cartero
