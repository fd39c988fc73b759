#include "store_courier.hpp"

#include "cartero/core/sql.hpp"

namespace cartero::returns::store {

void keep_courier_wording(Database& db, std::int64_t return_id, const std::string& wording) {
  sql::exec(db, "UPDATE returns SET courier_cause = ? WHERE return_id = ?", {wording, std::to_string(return_id)});
}

}  // namespace cartero::returns::store
