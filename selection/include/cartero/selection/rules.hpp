// The selection rules as pure functions of (facts, settings, cutoff): no
// database, no files. DESIGN "Selection rules" is the contract.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cartero/core/account.hpp"
#include "cartero/core/date.hpp"
#include "cartero/selection/reasons.hpp"
#include "cartero/selection/settings.hpp"

namespace cartero::selection {

// What the rules need to know about one account. The text fields are views
// into storage owned by whoever built the candidates (load_candidates keeps
// it in a Portfolio).
struct Candidate {
  std::string_view account_id;
  std::string_view holder_name;
  UseType use_type = UseType::residential;
  BillingType billing_type = BillingType::direct;
  Pesos balance = 0;
  int days_past_due = 0;
  bool has_address = true;
  // The address in force is there but incomplete or unreadable
  // (core/address.hpp): a letter would come back.
  bool address_incomplete = false;
  bool legal_collection = false;
  Sanitation sanitation = Sanitation::none;
  // Latest payment with amount > 0, and latest letter sent (history or
  // dispatched by Cartero), if any.
  std::optional<Date> last_payment;
  std::optional<Date> last_letter;
  bool address_check_open = false;
  bool billing_case_open = false;
  // An open claim (cartero import claims); with claims_net_disputed the
  // portfolio nets `disputed` out of `balance` instead of leaving it out.
  bool open_claim = false;
  Pesos disputed = 0;
  // Holds the accounts export states (import profile fields).
  bool payment_agreement = false;
  bool deceased_holder = false;
  bool insolvency = false;
  // Latest contact through another channel (cartero import contacts).
  std::optional<Date> last_contact;
};

// Whether a payment counts for `recent_payment`: amount > 0 and dated on or
// after cutoff - window (later dates count: the debtor has reacted).
bool is_recent_payment(Date paid_on, Pesos amount, Date cutoff, const Settings& s);
// Whether a letter counts for `recent_letter`.
bool is_recent_letter(Date sent_on, Date cutoff, const Settings& s);

// Whether a contact through another channel counts for `recent_contact`.
bool is_recent_contact(Date contacted_on, Date cutoff, const Settings& s);

// Every rule that leaves the account out, except over_capacity (which
// depends on the whole batch). Empty when the account qualifies.
Reasons evaluate(const Candidate& c, const Settings& s, Date cutoff);

// Selection order: direct billing first, then balance descending, then
// days_past_due descending, then account_id ascending.
bool comes_before(const Candidate& a, const Candidate& b);

struct FunnelStep {
  Reason reason;
  std::int64_t excluded = 0;  // accounts whose first reason is this one
};

struct Outcome {
  // Indices into the candidates, in selection order (rank 1 first).
  std::vector<std::uint32_t> selected;
  // Reasons per candidate (same index); empty for the selected ones.
  std::vector<Reasons> reasons;
  // One step per reason, in table order.
  std::vector<FunnelStep> funnel;
  std::int64_t total = 0;
};

// Applies the rules to every candidate, orders the qualifying ones,
// applies the cap (settings.max_letters) as `over_capacity` and then holds
// out the control group (settings.control_group_percent) as `control_group`.
Outcome select(const std::vector<Candidate>& candidates, const Settings& s, Date cutoff);

}  // namespace cartero::selection
