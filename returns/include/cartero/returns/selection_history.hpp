// What selection reads from the floors above it: Cartero's dispatched
// letters (letters/) and the open cases (returns/), as the
// selection::AccountHistory that `cartero select` and the web's batch pages
// pass in SelectOptions::history.
#pragma once

#include "cartero/selection/batch.hpp"

namespace cartero::returns {

// Stateless and thread-safe; lives as long as the program.
const selection::AccountHistory& selection_history();

}  // namespace cartero::returns
