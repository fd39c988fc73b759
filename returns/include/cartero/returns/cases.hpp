// What happens after a return: the cause routes it to field staff (check
// the address) or to billing (clean-up), and their findings become facts
// the next selection reads. DESIGN "Return causes and routing".
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cartero/core/causes.hpp"
#include "cartero/core/database.hpp"

namespace cartero::returns {

enum class CaseKind { field_check, cleanup, address_update };
std::string_view code(CaseKind k);

// The routing table (a setting; the default is core/causes.hpp's).
struct Routing {
  Route route_of(ReturnCause c) const;
  std::vector<std::pair<ReturnCause, Route>> overrides;
};

// Field findings (DESIGN): address_ok, address_corrected (new address
// required), address_wrong (an address-update case for billing), demolished,
// vacant_lot (clean-up cases for billing).
enum class FieldOutcome { address_ok, address_corrected, address_wrong, demolished, vacant_lot };
std::optional<FieldOutcome> parse_field_outcome(std::string_view text);
std::string_view code(FieldOutcome o);  // "address_ok"…, as parse_field_outcome reads it

// Billing decisions: clean-up confirmed (the account gets the sanitation
// flag) or rejected (reason required); address update done (new address
// required) or rejected.
enum class BillingDecision { confirmed, rejected, done };
std::optional<BillingDecision> parse_billing_decision(std::string_view text);
std::string_view code(BillingDecision d);  // "confirmed", "rejected", "done"

struct Case {
  std::int64_t id = 0;
  CaseKind kind = CaseKind::field_check;
  std::string account_id, letter_id, cause, zone, neighborhood, address, holder_name, opened_at;
  std::optional<std::int64_t> return_id;
};

// Opens the case a registered return routes to, if any; inside the caller's
// transaction. Returns the case id.
std::optional<std::int64_t> route_return(Database& db, std::int64_t return_id, const std::string& letter_id,
                                         ReturnCause cause, const Routing& routing);

// Records a field finding on an open field case (one transaction).
// InputError: unknown or closed case, not a field case, missing address.
void record_field_outcome(Database& db, std::int64_t case_id, FieldOutcome outcome, const std::string& new_address,
                          const std::string& user);

// Records billing's decision on an open clean-up or address-update case.
void record_billing_decision(Database& db, std::int64_t case_id, BillingDecision decision, const std::string& text,
                             const std::string& user);

// Open field cases of a zone, ordered for walking: neighborhood, street,
// house number.
std::vector<Case> field_list(Database& db, const std::string& zone);
// Open billing cases (clean-up and address updates), oldest first.
std::vector<Case> billing_list(Database& db);

// Orders addresses like "CL 45 SUR # 12 - 34" by street type, street number
// (numerically), then house number (numerically).
bool walks_before(const Case& a, const Case& b);

}  // namespace cartero::returns
