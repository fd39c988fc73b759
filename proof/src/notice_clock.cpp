#include "cartero/proof/notice_clock.hpp"

#include <algorithm>

#include "cartero/core/error.hpp"

namespace cartero::proof {

Pesos small_debt_limit(int year, const BureauSettings& settings) {
  const auto it = settings.minimum_wage.find(year);
  if (it == settings.minimum_wage.end()) {
    throw InputError("the minimum wage of " + std::to_string(year) +
                     " is not in the bureau settings: add it (minimum_wage) before computing the notice clock");
  }
  return it->second * settings.small_debt_percent / 100;
}

NoticeClock notice_clock(std::vector<Date> sent_on, Pesos balance, const BureauSettings& settings) {
  std::sort(sent_on.begin(), sent_on.end());
  sent_on.erase(std::unique(sent_on.begin(), sent_on.end()), sent_on.end());
  NoticeClock clock;
  clock.notices_counted = static_cast<int>(sent_on.size());
  if (sent_on.empty()) return clock;
  clock.small_debt = balance <= small_debt_limit(sent_on.front().year(), settings);
  clock.notices_needed = clock.small_debt ? 2 : 1;
  if (clock.notices_counted < clock.notices_needed) return clock;
  clock.counted_from = sent_on[static_cast<std::size_t>(clock.notices_needed - 1)];
  clock.reportable_from = clock.counted_from->plus_days(settings.notice_days);
  return clock;
}

}  // namespace cartero::proof
