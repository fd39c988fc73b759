// Private: giving a batch's selected accounts their letter ids.
#pragma once

#include <cstdint>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"
#include "cartero/selection/settings.hpp"

namespace cartero::letters {

// Numbers the batch's letters (year of `issued_on`, next consecutive
// numbers, without gaps) and stores them with a snapshot of what they say,
// in one transaction. Does nothing when the batch already has letters.
// Returns whether letters were numbered now.
bool number_letters(Database& db, std::int64_t batch_id, Date issued_on, const selection::Settings& settings);

}  // namespace cartero::letters
