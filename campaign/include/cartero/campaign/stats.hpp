// The statistics of the effectiveness report, as pure functions: no
// database, no files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cartero/core/money.hpp"

namespace cartero::campaign {

// z for a two-sided 95 % interval.
inline constexpr double k_z95 = 1.959963984540054;

struct Interval {
  double low = 0, high = 0;
};

// Wilson's score interval for a proportion x / n (n > 0), without
// continuity correction.
Interval wilson_interval(std::int64_t x, std::int64_t n, double z = k_z95);

// Newcombe's hybrid score interval (Newcombe 1998, method 10) for the
// difference of two independent proportions x1/n1 - x2/n2, built from the
// two Wilson intervals; n1, n2 > 0. Unlike Wald's, it stays inside [-1, 1]
// and keeps its coverage when a share is near 0 or 1 or a group is small.
Interval newcombe_difference(std::int64_t x1, std::int64_t n1, std::int64_t x2, std::int64_t n2, double z = k_z95);

// What each account paid in each window after the dispatch: windows are
// day counts (30, 60, 90); a payment counts for a window when its amount is
// > 0 and it is dated 1 to `days` days after the dispatch date. Not
// thread-safe; the caller owns it.
class PaymentTally {
 public:
  PaymentTally(std::size_t accounts, std::vector<int> windows);
  // `days_after`: the payment's date minus the dispatch date, in days.
  void add(std::size_t account, int days_after, Pesos amount);
  // Pesos the account paid within window w (index into windows()); > 0
  // exactly when it paid in that window.
  Pesos pesos(std::size_t account, std::size_t w) const { return m_pesos[account * m_windows.size() + w]; }
  const std::vector<int>& windows() const { return m_windows; }

 private:
  std::vector<int> m_windows;
  std::vector<Pesos> m_pesos;
};

// One side (mailed or control) of one window.
struct SideFigures {
  std::int64_t accounts = 0, paid = 0;
  Pesos pesos = 0;
  double share() const { return accounts ? static_cast<double>(paid) / static_cast<double>(accounts) : 0.0; }
};

// The lift of the mailed side over the control in share paid, with
// Newcombe's interval, and the pesos the mailed side paid beyond what the
// control's rate per account would have given.
struct Lift {
  double share = 0;
  Interval ci95;
  double pesos_beyond_control = 0;
};
// Requires mailed.accounts > 0 and control.accounts > 0.
Lift lift_of(const SideFigures& mailed, const SideFigures& control);

}  // namespace cartero::campaign
