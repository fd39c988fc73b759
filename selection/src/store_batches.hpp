// Private: selection's SQL on the `batches` table it owns (the public
// functions over it are declared in batch.hpp and defined in
// store_batches.cpp as well).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"

namespace cartero::selection::store {

struct NewBatch {
  Date cutoff;
  std::optional<int> max_letters;
  std::string settings_json, funnel_json;
  std::int64_t accounts_total = 0, selected = 0;
  int notice = 1;
};
// Inserts a draft batch; returns its id. Inside the caller's transaction.
std::int64_t insert_batch(Database& db, const NewBatch& b);

}  // namespace cartero::selection::store
