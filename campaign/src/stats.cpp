#include "cartero/campaign/stats.hpp"

#include <algorithm>
#include <cmath>

namespace cartero::campaign {

Interval wilson_interval(std::int64_t x, std::int64_t n, double z) {
  const double nn = static_cast<double>(n), p = static_cast<double>(x) / nn, z2 = z * z;
  const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Interval newcombe_difference(std::int64_t x1, std::int64_t n1, std::int64_t x2, std::int64_t n2, double z) {
  const double p1 = static_cast<double>(x1) / static_cast<double>(n1);
  const double p2 = static_cast<double>(x2) / static_cast<double>(n2);
  const Interval a = wilson_interval(x1, n1, z), b = wilson_interval(x2, n2, z);
  const double d = p1 - p2;
  return {d - std::sqrt((p1 - a.low) * (p1 - a.low) + (b.high - p2) * (b.high - p2)),
          d + std::sqrt((a.high - p1) * (a.high - p1) + (p2 - b.low) * (p2 - b.low))};
}

PaymentTally::PaymentTally(std::size_t accounts, std::vector<int> windows)
    : m_windows(std::move(windows)), m_pesos(accounts * m_windows.size(), 0) {}

void PaymentTally::add(std::size_t account, int days_after, Pesos amount) {
  if (amount <= 0 || days_after < 1) return;
  Pesos* row = &m_pesos[account * m_windows.size()];
  for (std::size_t w = 0; w < m_windows.size(); ++w) {
    if (days_after <= m_windows[w]) row[w] += amount;
  }
}

Lift lift_of(const SideFigures& mailed, const SideFigures& control) {
  Lift l;
  l.share = mailed.share() - control.share();
  l.ci95 = newcombe_difference(mailed.paid, mailed.accounts, control.paid, control.accounts);
  const double per_control = static_cast<double>(control.pesos) / static_cast<double>(control.accounts);
  l.pesos_beyond_control = static_cast<double>(mailed.pesos) - per_control * static_cast<double>(mailed.accounts);
  return l;
}

}  // namespace cartero::campaign
