#include "cartero/selection/control_group.hpp"

#include <algorithm>
#include <array>

namespace cartero::selection {

namespace {

constexpr int k_bands = 4;
constexpr int k_strata = 4 * 2 * k_bands;

// SplitMix64's finaliser over FNV-1a: FNV alone clusters on ids that differ
// only in their last digits.
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

int balance_band(Pesos balance) {
  if (balance <= 500'000) return 0;
  if (balance <= 2'000'000) return 1;
  if (balance <= 10'000'000) return 2;
  return 3;
}

int stratum_of(const Candidate& c) {
  return (static_cast<int>(c.use_type) * 2 + (c.billing_type == BillingType::direct ? 0 : 1)) * k_bands +
         balance_band(c.balance);
}

std::uint64_t draw(std::string_view account_id, Date cutoff) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char ch : cutoff.iso() + "|" + std::string(account_id)) {
    h = (h ^ static_cast<unsigned char>(ch)) * 0x100000001b3ULL;
  }
  return mix(h);
}

void hold_out_control_group(const std::vector<Candidate>& cs, const Settings& s, Date cutoff, Outcome& out) {
  if (s.control_group_percent <= 0 || out.selected.empty()) return;
  std::array<std::vector<std::pair<std::uint64_t, std::uint32_t>>, k_strata> strata;
  for (const std::uint32_t i : out.selected) {
    strata[static_cast<std::size_t>(stratum_of(cs[i]))].emplace_back(draw(cs[i].account_id, cutoff), i);
  }
  for (auto& members : strata) {
    // Rounded half up, in whole numbers: n * percent / 100.
    const std::size_t k = (members.size() * static_cast<std::size_t>(s.control_group_percent) + 50) / 100;
    if (k == 0) continue;
    std::nth_element(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(k - 1), members.end());
    for (std::size_t j = 0; j < k; ++j) out.reasons[members[j].second].add(Reason::control_group);
  }
  std::erase_if(out.selected, [&](std::uint32_t i) { return !out.reasons[i].empty(); });
}

}  // namespace cartero::selection
