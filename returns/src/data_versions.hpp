// Private: raises a table's version (migration 7's data_versions) in the
// transaction that changes it; returns_state() reads the versions.
#pragma once

#include "cartero/core/sql.hpp"

namespace cartero::returns {

inline void raise_version(Database& db, const char* table) {
  sql::exec(db, "UPDATE data_versions SET version = version + 1 WHERE name = ?", {table});
}

}  // namespace cartero::returns
