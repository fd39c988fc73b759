// Colombia's public holidays ("días festivos"), computed for any year from
// 1984 on: the fixed dates, the dates Ley 51 de 1983 moves to the following
// Monday, and those that follow Easter (Gregorian computus). Ley 2300 de 2023
// forbids contacting debtors on Sundays and public holidays, so dispatch,
// admission and any date Cartero proposes for them are checked here.
// Pure functions, no I/O; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "cartero/core/date.hpp"

namespace cartero {

struct Holiday {
  Date date;
  std::string name;  // Spanish, as published: "Día de los Reyes Magos"
};

// Years for which the calendar is computed (Ley 51 de 1983 took effect in
// 1984; the Date type ends at 9999).
inline constexpr int k_first_holiday_year = 1984;
inline constexpr int k_last_holiday_year = 9999;

// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm).
Date easter_sunday(int year);

// The year's holidays in date order; two holidays that fall on one day (2025:
// San Pedro y San Pablo and Sagrado Corazón) are both listed. Throws
// InputError for a year outside [k_first_holiday_year, k_last_holiday_year].
std::vector<Holiday> colombian_holidays(int year);

// True when `day` is a Sunday.
bool is_sunday(Date day);

// The holiday's name when `day` is a public holiday, "domingo" when it is a
// Sunday, empty when it is a working day for contacting debtors. Throws
// InputError outside the computed years.
std::string non_contact_day_reason(Date day);

// The first day on or after `day` that is neither a Sunday nor a holiday.
Date next_contact_day(Date day);

}  // namespace cartero
