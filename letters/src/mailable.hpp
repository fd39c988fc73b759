// Private: the checks that keep one debtor from being mailed twice, before
// a batch is printed or dispatched.
#pragma once

#include "cartero/core/database.hpp"
#include "store_evidence.hpp"

namespace cartero::letters {

// InputError when the batch was discarded, when it is a draft (never
// printed) older than the selection setting draft_max_age_days on `on`, or
// when any of its accounts got a letter from another batch sent on
// or after its cutoff, naming how many and which batch. `action` is
// "printed" or "dispatched". A dispatched batch passes (a reprint).
void check_mailable(Database& db, const BatchState& batch, Date on, const char* action);

}  // namespace cartero::letters
