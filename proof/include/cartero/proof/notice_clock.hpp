// The Ley 1266 notice clock (Ley 1266 de 2008, art. 12, as amended by Ley
// 2157 de 2021): a debt may be reported to the credit bureaus only
// `notice_days` calendar days (20) after a prior notice was sent to the
// debtor's last known address; a debt of at most `small_debt_percent` (15 %)
// of the monthly minimum wage needs two notices sent on different days, the
// days counted from the second. Pure functions; the settings come in.
// Check the wording with the customer's lawyers before relying on it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cartero/core/date.hpp"
#include "cartero/core/money.hpp"

namespace cartero::proof {

struct BureauSettings {
  int notice_days = 20;
  int small_debt_percent = 15;
  // The monthly minimum wage (SMMLV) decreed for each year, in pesos.
  std::map<int, Pesos> minimum_wage = {
      {2020, 877'803},   {2021, 908'526},   {2022, 1'000'000}, {2023, 1'160'000},
      {2024, 1'300'000}, {2025, 1'423'500}, {2026, 1'750'905},
  };
};

struct NoticeClock {
  bool small_debt = false;      // two notices needed
  int notices_needed = 1;
  int notices_counted = 0;      // notices sent on different days
  std::optional<Date> counted_from;     // the notice the days run from
  std::optional<Date> reportable_from;  // nullopt while notices are missing
};

// The largest debt that counts as small in `year` (15 % of that year's
// minimum wage, rounded down to whole pesos). Throws InputError when the
// settings have no minimum wage for the year.
Pesos small_debt_limit(int year, const BureauSettings& settings);

// The clock of one debt of `balance` pesos whose notices were sent on
// `sent_on` (any order, repeats allowed: two letters sent the same day count
// as one notice). The minimum wage is that of the year of the first notice.
NoticeClock notice_clock(std::vector<Date> sent_on, Pesos balance, const BureauSettings& settings);

}  // namespace cartero::proof
