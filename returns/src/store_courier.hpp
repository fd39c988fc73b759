// SQL of the courier's files that is not the register's (private to returns/).
#pragma once

#include <cstdint>
#include <string>

#include "cartero/core/database.hpp"

namespace cartero::returns::store {

// Keeps the courier's own wording of a return's cause ("Dirección errada").
void keep_courier_wording(Database& db, std::int64_t return_id, const std::string& wording);

}  // namespace cartero::returns::store
