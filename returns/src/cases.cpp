#include "cartero/returns/cases.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "cartero/core/address.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/letters/printed.hpp"
#include "cartero/selection/accounts.hpp"
#include "cartero/selection/explain.hpp"
#include "cartero/core/text.hpp"
#include "store.hpp"

namespace cartero::returns {

namespace {


Case open_case(Database& db, std::int64_t id) {
  const auto c = store::find_case(db, id);
  if (!c) throw InputError(ErrorCode::no_such_case, "there is no case " + std::to_string(id), {{"case", std::to_string(id)}});
  if (c->status != "open") throw InputError(ErrorCode::case_closed, "case " + std::to_string(id) + " is already closed", {{"case", std::to_string(id)}});
  return c->c;
}

void open_follow_up(Database& db, const Case& from, CaseKind kind, const std::string& cause) {
  const auto id = store::insert_case(db, {kind, from.account_id, from.letter_id, from.return_id, cause, from.zone, from.neighborhood,
                                          from.address, from.holder_name, "opened from case " + std::to_string(from.id)});
  store::set_follow_up(db, from.id, id);
}

// What a closing recorded over the account, kept on the case for a
// reopening to take back (nothing when it changed nothing).
void keep_facts(Database& db, const Case& c, const std::string& before) {
  const auto after = selection::account_facts_text(db, c.account_id);
  if (after != before) store::set_case_facts(db, c.id, before, after);
}

// Walking order: the neighbourhood (as written, without case or accents;
// the address's BRR when the field is empty), then the parsed address: via
// type, via number and letter, generator number, plate.
using WalkKey = std::tuple<std::string, std::string, std::string>;
WalkKey walk_key(const Case& c) {
  const auto parsed = parse_address(c.address);
  std::string barrio = fold_code(c.neighborhood);
  if (barrio.empty()) {
    for (const auto& part : parsed.complements) {
      if (part.type == "BRR") barrio = fold_code(part.value);
    }
  }
  return {barrio, walking_key(parsed), c.account_id};
}

}  // namespace

std::string_view code(CaseKind k) {
  switch (k) {
    case CaseKind::field_check: return "field_check";
    case CaseKind::cleanup: return "cleanup";
    case CaseKind::address_update: return "address_update";
  }
  return "";
}

Route Routing::route_of(ReturnCause c) const {
  for (const auto& [cause, route] : overrides) {
    if (cause == c) return route;
  }
  return cause_info(c).default_route;
}

std::optional<FieldOutcome> parse_field_outcome(std::string_view text) {
  const std::string s = fold_code(text);
  if (s == "address_ok") return FieldOutcome::address_ok;
  if (s == "address_corrected") return FieldOutcome::address_corrected;
  if (s == "address_wrong") return FieldOutcome::address_wrong;
  if (s == "demolished") return FieldOutcome::demolished;
  if (s == "vacant_lot") return FieldOutcome::vacant_lot;
  return std::nullopt;
}

std::string_view code(FieldOutcome o) {
  switch (o) {
    case FieldOutcome::address_ok: return "address_ok";
    case FieldOutcome::address_corrected: return "address_corrected";
    case FieldOutcome::address_wrong: return "address_wrong";
    case FieldOutcome::demolished: return "demolished";
    case FieldOutcome::vacant_lot: return "vacant_lot";
  }
  return "";
}

std::string_view code(BillingDecision d) {
  switch (d) {
    case BillingDecision::confirmed: return "confirmed";
    case BillingDecision::rejected: return "rejected";
    case BillingDecision::done: return "done";
  }
  return "";
}

std::optional<BillingDecision> parse_billing_decision(std::string_view text) {
  const std::string s = fold_code(text);
  if (s == "confirmed") return BillingDecision::confirmed;
  if (s == "rejected") return BillingDecision::rejected;
  if (s == "done") return BillingDecision::done;
  return std::nullopt;
}

std::optional<std::int64_t> route_return(Database& db, std::int64_t return_id, const std::string& letter_id,
                                         ReturnCause cause, const Routing& routing) {
  const Route route = routing.route_of(cause);
  if (route == Route::none) return std::nullopt;
  const CaseKind kind = route == Route::field ? CaseKind::field_check : CaseKind::cleanup;
  // The case carries the letter's snapshot (who, where) for the work lists.
  const auto letter = letters::find_letter(db, letter_id);
  if (!letter) return std::nullopt;
  return store::insert_case(db, {kind, letter->account_id, letter->letter_id, return_id, std::string(cause_info(cause).code),
                                 letter->zone, letter->neighborhood, letter->address, letter->holder_name, ""});
}

void record_field_outcome(Database& db, std::int64_t case_id, FieldOutcome outcome, const std::string& new_address,
                          const std::string& user, const std::string& visited_at) {
  sql::Transaction tx(db);
  const Case c = open_case(db, case_id);
  if (c.kind != CaseKind::field_check) throw InputError(ErrorCode::case_not_field, "case " + std::to_string(case_id) + " is not a field check", {{"case", std::to_string(case_id)}});
  const auto facts_before = selection::account_facts_text(db, c.account_id);
  switch (outcome) {
    case FieldOutcome::address_ok:
      store::close_case(db, case_id, "address_ok", "", "", user, visited_at);
      selection::confirm_address(db, c.account_id, user);
      break;
    case FieldOutcome::address_corrected:
      if (trim(new_address).empty()) throw InputError(ErrorCode::address_needed, "address_corrected needs the new address (--address)");
      store::close_case(db, case_id, "address_corrected", "", new_address, user, visited_at);
      selection::record_address(db, c.account_id, std::string(trim(new_address)), selection::AddressSource::field, user);
      break;
    case FieldOutcome::address_wrong:
      store::close_case(db, case_id, "address_wrong", "", "", user, visited_at);
      open_follow_up(db, c, CaseKind::address_update, "address_wrong");
      break;
    case FieldOutcome::demolished:
    case FieldOutcome::vacant_lot: {
      const std::string found = outcome == FieldOutcome::demolished ? "demolished" : "vacant_lot";
      store::close_case(db, case_id, found, "", "", user, visited_at);
      open_follow_up(db, c, CaseKind::cleanup, found);
      break;
    }
  }
  keep_facts(db, c, facts_before);
  tx.commit();
}

void record_billing_decision(Database& db, std::int64_t case_id, BillingDecision decision, const std::string& text,
                             const std::string& user) {
  sql::Transaction tx(db);
  const Case c = open_case(db, case_id);
  if (c.kind == CaseKind::field_check) throw InputError(ErrorCode::case_not_billing, "case " + std::to_string(case_id) + " is a field check, not a billing case",
                                                      {{"case", std::to_string(case_id)}});
  const std::string t(trim(text));
  const auto facts_before = selection::account_facts_text(db, c.account_id);
  if (decision == BillingDecision::rejected) {
    if (t.empty()) throw InputError(ErrorCode::rejection_needs_reason, "a rejection needs its reason (--reason)");
    store::close_case(db, case_id, "rejected", t, "", user);
  } else if (c.kind == CaseKind::cleanup) {
    if (decision != BillingDecision::confirmed) throw InputError(ErrorCode::cleanup_decision, "a clean-up case is confirmed or rejected");
    store::close_case(db, case_id, "confirmed", t, "", user);
    selection::record_sanitation(db, c.account_id, c.cause == "vacant_lot" ? Sanitation::vacant_lot : Sanitation::demolished, user);
  } else {
    if (decision != BillingDecision::done || t.empty()) {
      throw InputError(ErrorCode::address_update_decision, "an address update is done with the corrected address (--address), or rejected");
    }
    store::close_case(db, case_id, "done", "", t, user);
    selection::record_address(db, c.account_id, t, selection::AddressSource::billing, user);
  }
  keep_facts(db, c, facts_before);
  tx.commit();
}

Reopened reopen_case(Database& db, std::int64_t case_id, const std::string& reason, const std::string& user) {
  const std::string id = std::to_string(case_id);
  if (trim(reason).empty()) throw InputError(ErrorCode::reopen_needs_reason, "reopening a case needs its reason (--reason)");
  sql::Transaction tx(db);
  const auto state = store::find_case(db, case_id);
  if (!state) throw InputError(ErrorCode::no_such_case, "there is no case " + id, {{"case", id}});
  if (state->status != "closed") throw InputError(ErrorCode::case_not_closed, "case " + id + " is open; only a closed case is reopened", {{"case", id}});
  Reopened out;
  out.outcome = store::case_outcome(db, case_id).value_or("");
  if (out.outcome == "return_voided") {
    throw InputError(ErrorCode::case_of_voided_return, "case " + id + " was closed because its return was voided", {{"case", id}});
  }
  out.kind = std::string(code(state->c.kind));
  // What the closing recorded is taken back: the account's facts, unless
  // something was recorded over them since (then they stay, and the page
  // says so), and the case it opened, while that one is still open.
  const auto kept = store::case_aftermath(db, case_id);
  if (kept.facts_after) {
    out.facts_restored = selection::restore_account_facts(db, state->c.account_id, kept.facts_before.value_or(""), *kept.facts_after);
    out.facts_kept = !out.facts_restored;
  }
  if (kept.follow_up_id) {
    const auto follow = store::find_case(db, *kept.follow_up_id);
    if (follow && follow->status == "open") {
      store::close_case(db, *kept.follow_up_id, "withdrawn", "case " + id + " reopened", "", user);
      out.follow_up_withdrawn = kept.follow_up_id;
    }
  }
  store::reopen_case(db, case_id);
  tx.commit();
  return out;
}

bool walks_before(const Case& a, const Case& b) { return walk_key(a) < walk_key(b); }

std::string cause_label(const Case& c) {
  if (c.cause == "address_incomplete") return "Dirección incompleta (antes del envío)";
  if (const auto cause = parse_cause_code(c.cause)) return std::string(cause_info(*cause).label);
  return c.cause;
}

std::vector<Case> field_list(Database& db, const std::string& zone) {
  std::vector<Case> cases = store::open_field_cases(db, zone);
  // Field staff walk to the address in force (a correction billing recorded
  // since the letter was printed), not to the one the letter carried.
  std::vector<std::string> ids;
  for (const auto& c : cases) ids.push_back(c.account_id);
  const auto in_force = selection::accounts_in_force(db, ids);
  for (auto& c : cases) {
    const auto it = in_force.find(c.account_id);
    if (it == in_force.end()) continue;
    c.address = it->second.address;
    if (!it->second.neighborhood.empty()) c.neighborhood = it->second.neighborhood;
  }
  // The walking key once per case, not twice per comparison.
  std::vector<std::pair<WalkKey, std::size_t>> keys;
  keys.reserve(cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) keys.push_back({walk_key(cases[i]), i});
  std::sort(keys.begin(), keys.end());
  std::vector<Case> out;
  out.reserve(cases.size());
  for (const auto& k : keys) out.push_back(std::move(cases[k.second]));
  return out;
}

std::vector<Case> billing_list(Database& db) { return store::open_billing_cases(db); }

}  // namespace cartero::returns
