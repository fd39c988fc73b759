// The control group: a share of the selected accounts that gets no letter
// this cycle, so that what the letters recovered can be told from what
// would have been paid anyway (campaign/effectiveness.hpp). Pure.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "cartero/core/date.hpp"
#include "cartero/selection/rules.hpp"

namespace cartero::selection {

// The stratum of an account: use type x billing type x balance band
// (0: up to 500,000 pesos, 1: up to 2,000,000, 2: up to 10,000,000, 3: more).
int balance_band(Pesos balance);
int stratum_of(const Candidate& c);

// Where an account falls in the draw of `cutoff` (a 64-bit hash of the
// cutoff and the account id): the same account and cutoff always draw the
// same number, whatever the order or size of the portfolio.
std::uint64_t draw(std::string_view account_id, Date cutoff);

// Holds out settings.control_group_percent of out.selected, stratum by
// stratum: in each stratum of n selected accounts, the round(n * percent /
// 100) with the lowest draw get the reason control_group and leave the
// selection (the others keep their order). Same portfolio and cutoff, same
// sample. Does nothing at 0 percent.
void hold_out_control_group(const std::vector<Candidate>& candidates, const Settings& s, Date cutoff, Outcome& out);

}  // namespace cartero::selection
