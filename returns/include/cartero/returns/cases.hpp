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
  // On field lists: the courier's observation on the return, or what the
  // check before mailing found wrong with the address.
  std::string observation;
};

// The cause in Spanish for people ("Dirección inexistente"; a check opened
// before mailing is "Dirección incompleta (antes del envío)").
std::string cause_label(const Case& c);

// Opens the case a registered return routes to, if any; inside the caller's
// transaction. Returns the case id.
std::optional<std::int64_t> route_return(Database& db, std::int64_t return_id, const std::string& letter_id,
                                         ReturnCause cause, const Routing& routing);

// Records a field finding on an open field case (one transaction).
// InputError: unknown or closed case, not a field case, missing address.
// `visited_at`: when the finding was made (UTC, "YYYY-MM-DDTHH:MM:SSZ"; a
// phone offline sends it later), empty for now.
void record_field_outcome(Database& db, std::int64_t case_id, FieldOutcome outcome, const std::string& new_address,
                          const std::string& user, const std::string& visited_at = "");

// Records billing's decision on an open clean-up or address-update case.
void record_billing_decision(Database& db, std::int64_t case_id, BillingDecision decision, const std::string& text,
                             const std::string& user);

// Opens a closed case again (a finding or decision recorded by mistake):
// back on its zone's field list or billing's list, its outcome cleared.
// What the closing recorded is taken back: the account's facts (an
// address, a confirmation, a sanitation flag) as they were before it,
// unless something was recorded over them since (then they stay:
// `facts_kept`); the case it opened (a clean-up after "Demolido"), closed
// as withdrawn while still open. One transaction. InputError: no reason,
// unknown case, an open case, a case closed because its return was voided.
struct Reopened {
  std::string kind, outcome;  // the case's kind and the outcome it had
  bool facts_restored = false;
  bool facts_kept = false;
  std::optional<std::int64_t> follow_up_withdrawn;
};
Reopened reopen_case(Database& db, std::int64_t case_id, const std::string& reason, const std::string& user);

// Open field cases of a zone with the address in force, ordered for
// walking by the parsed address (core/address.hpp): neighbourhood, via type
// and number, generator number, plate, whatever the spelling ("Calle",
// "CL", "Cll." walk together).
std::vector<Case> field_list(Database& db, const std::string& zone);
// Open billing cases (clean-up and address updates), oldest first.
std::vector<Case> billing_list(Database& db);

// The walking order of field_list.
bool walks_before(const Case& a, const Case& b);

}  // namespace cartero::returns
