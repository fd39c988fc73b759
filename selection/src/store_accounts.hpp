// Selection's own writes that need the accounts in force.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cartero/core/database.hpp"

namespace cartero::selection {

// Opens a field check (cause address_incomplete) for each account, with its
// address in force, inside the caller's transaction; returns how many.
std::int64_t open_address_checks(Database& db, const std::vector<std::string>& ids, std::int64_t batch_id);

}  // namespace cartero::selection
