// Dates and amounts as people and spreadsheets write them: the values of the
// utility's exports, before they become Cartero's ISO dates and whole pesos.
// Pure functions, std only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cartero/core/date.hpp"
#include "cartero/core/money.hpp"

namespace cartero {

// How a file writes its day and month when both are numbers ("03/04/2026").
enum class DayOrder { unknown, day_first, month_first };

// "dd/mm/yyyy", "mm/dd/yyyy" or "" (unknown).
const char* day_order_name(DayOrder order);
// Parses "dd/mm/yyyy" / "mm/dd/yyyy" (also "d/m/yyyy", "dd-mm-yyyy"); nullopt
// for anything else.
std::optional<DayOrder> parse_day_order(std::string_view text);

// What one written value says about the file's order: day_first when its
// first number is over 12, month_first when its second is, unknown otherwise
// (ISO dates, serials, days <= 12, text that is not a date).
DayOrder day_order_of(std::string_view text);

// A date as written: ISO "2026-02-15" (a time after it is ignored),
// "15/02/2026", "5/2/2026", "15-02-2026", "15.02.2026" (day and month in
// `order`, day_first when unknown), or an Excel serial day number
// ("46068", 1954..2173). nullopt for anything else and impossible days.
std::optional<Date> parse_date_text(std::string_view text, DayOrder order);

// An Excel serial day (days since 1899-12-30, or since 1904-01-01 in a
// workbook using the 1904 system) as a Date; the fraction (time) dropped.
std::optional<Date> date_from_excel_serial(double serial, bool date1904 = false);

// The decimal mark of a file's amounts: auto reads "1.234" and "1,234" as
// thousands and any other last "." or "," as the decimal mark.
enum class DecimalMark { automatic, comma, point };
const char* decimal_mark_name(DecimalMark mark);  // "auto", ",", "."

struct Amount {
  Pesos pesos = 0;
  bool rounded = false;  // it had centavos, rounded half up to whole pesos
};

// "$ 1.234.567", "1.234.567", "1234567", "1.234.567,00", "$1.234.567,50",
// "1234567.00", "-1.234.567", "1,234,567.5": whole pesos, centavos rounded
// half up (away from zero). nullopt for empty text, letters, badly grouped
// digits and values beyond 10^15.
std::optional<Amount> parse_amount(std::string_view text, DecimalMark mark = DecimalMark::automatic);

}  // namespace cartero
