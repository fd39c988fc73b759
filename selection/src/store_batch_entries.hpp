// Private (store): how a batch's selected and excluded accounts are stored (the
// chunked tables batch_selected and batch_excluded of core's migrations).
#pragma once

#include <cstdint>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/selection/rules.hpp"

namespace cartero::selection {

// Stores the outcome's selected (in rank order) and excluded accounts
// (candidates sorted by account_id). Call inside the batch's transaction.
void store_entries(Database& db, std::int64_t batch_id, const std::vector<Candidate>& candidates,
                   const Outcome& outcome);

}  // namespace cartero::selection
