// What the audit log keeps of the returns side's records before and after a
// write: the record as JSON ("null" when there is none), read inside the
// caller's transaction.
#pragma once

#include <cstdint>
#include <string>

#include "cartero/core/database.hpp"

namespace cartero::returns {

// {"id", "kind", "account_id", "letter_id", "return_id", "cause", "zone",
//  "address", "status", "outcome", "note", "new_address", "closed_at", "closed_by"}
std::string case_snapshot(Database& db, std::int64_t case_id);
// {"return_id", "letter_id", "cause", "observation", "returned_on", "registered_by", "source"}
std::string return_snapshot(Database& db, std::int64_t return_id);
// {"page_id", "status", "letter_id", "cause", "note", "return_id"}
std::string scan_page_snapshot(Database& db, std::int64_t page_id);
// {"returns": N, "deliveries": M}: the register's and the deliveries' sizes.
std::string register_counts(Database& db);

}  // namespace cartero::returns
