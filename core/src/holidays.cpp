#include "cartero/core/holidays.hpp"

#include <algorithm>

#include "cartero/core/error.hpp"

namespace cartero {

namespace {

// 1970-01-01 was a Thursday; 0 = Monday … 6 = Sunday.
int weekday(Date d) {
  const int w = (d.days() + 3) % 7;
  return w < 0 ? w + 7 : w;
}

Date ymd(int year, int month, int day) { return *Date::from_ymd(year, month, day); }

// Ley 51 de 1983 ("ley Emiliani"): the holiday is observed on the next Monday
// when it does not fall on one.
Date moved_to_monday(Date d) { return d.plus_days((7 - weekday(d)) % 7); }

void check_year(int year) {
  if (year < k_first_holiday_year || year > k_last_holiday_year) {
    throw InputError("no holiday calendar for the year " + std::to_string(year) +
                     ": Colombia's calendar is computed for " + std::to_string(k_first_holiday_year) + "–" +
                     std::to_string(k_last_holiday_year) + " (Ley 51 de 1983)");
  }
}

}  // namespace

Date easter_sunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return ymd(year, month, day);
}

std::vector<Holiday> colombian_holidays(int year) {
  check_year(year);
  const Date easter = easter_sunday(year);
  std::vector<Holiday> out = {
      {ymd(year, 1, 1), "Año Nuevo"},
      {moved_to_monday(ymd(year, 1, 6)), "Día de los Reyes Magos"},
      {moved_to_monday(ymd(year, 3, 19)), "Día de San José"},
      {easter.minus_days(3), "Jueves Santo"},
      {easter.minus_days(2), "Viernes Santo"},
      {ymd(year, 5, 1), "Día del Trabajo"},
      {moved_to_monday(easter.plus_days(39)), "Ascensión del Señor"},
      {moved_to_monday(easter.plus_days(60)), "Corpus Christi"},
      {moved_to_monday(easter.plus_days(68)), "Sagrado Corazón de Jesús"},
      {moved_to_monday(ymd(year, 6, 29)), "San Pedro y San Pablo"},
      {ymd(year, 7, 20), "Día de la Independencia"},
      {ymd(year, 8, 7), "Batalla de Boyacá"},
      {moved_to_monday(ymd(year, 8, 15)), "La Asunción de la Virgen"},
      {moved_to_monday(ymd(year, 10, 12)), "Día de la Raza"},
      {moved_to_monday(ymd(year, 11, 1)), "Todos los Santos"},
      {moved_to_monday(ymd(year, 11, 11)), "Independencia de Cartagena"},
      {ymd(year, 12, 8), "Inmaculada Concepción"},
      {ymd(year, 12, 25), "Navidad"},
  };
  std::stable_sort(out.begin(), out.end(), [](const Holiday& x, const Holiday& y) { return x.date < y.date; });
  return out;
}

bool is_sunday(Date day) { return weekday(day) == 6; }

std::string non_contact_day_reason(Date day) {
  for (const auto& h : colombian_holidays(day.year())) {
    if (h.date == day) return h.name;
  }
  return is_sunday(day) ? "domingo" : "";
}

Date next_contact_day(Date day) {
  while (!non_contact_day_reason(day).empty()) day = day.plus_days(1);
  return day;
}

}  // namespace cartero
