#include "cartero/selection/explain.hpp"

#include <map>
#include <string_view>

#include "cartero/core/account.hpp"
#include "cartero/core/address.hpp"
#include "cartero/core/json.hpp"
#include "cartero/selection/accounts.hpp"
#include "cartero/selection/batch.hpp"
#include "store_portfolio.hpp"

namespace cartero::selection {

AccountExplanation explain_account(Database& db, const std::string& account_id, const AccountHistory* history) {
  AccountExplanation e;
  e.account_id = account_id;
  if (const auto a = account_in_force(db, account_id)) {
    e.in_portfolio = true;
    e.holder_name = a->holder_name;
    e.document_id = a->document_id;
    e.document_type = a->document_type;
    e.use_type = code(a->use_type);
    e.address = a->address;
    e.snapshot_address = a->snapshot_address;
    e.address_source = a->address_source;
    e.neighborhood = a->neighborhood;
    e.city = a->city;
    e.zone = a->zone;
    e.billing_type = code(a->billing_type);
    e.balance = a->balance;
    e.days_past_due = a->days_past_due;
    e.legal_collection = a->legal_collection;
    e.sanitation = code(a->sanitation);
    if (a->address_source != AddressSource::snapshot) e.fact_address = a->address;
    if (a->sanitation_confirmed) e.fact_sanitation = code(a->sanitation);
  }
  for (const auto& b : list_batches(db)) {
    if (e.batches.size() == 12) break;
    e.batches.push_back({b.id, b.cutoff, b.status, false, std::nullopt, {}});
  }
  // Every selected account of a generated or dispatched batch has its letter.
  std::map<std::int64_t, std::int64_t> printed;  // batch -> rank
  if (history) history->for_each_letter_of_account(db, account_id, [&](std::int64_t batch, std::int64_t rank) { printed[batch] = rank; });
  for (auto& b : e.batches) {
    if (const auto reasons = excluded_reasons(db, b.batch_id, account_id)) {
      b.in_portfolio = true;
      b.reasons = *reasons;
    } else if (const auto it = printed.find(b.batch_id); it != printed.end()) {
      b.rank = it->second;
      b.in_portfolio = true;
    } else if (history && b.status != "draft") {
      continue;  // printed, and no letter of this account: not in the batch's portfolio
    } else if ((b.rank = selected_rank(db, b.batch_id, account_id))) {
      b.in_portfolio = true;
    }
  }
  return e;
}

std::string to_json(const AccountExplanation& e) {
  JsonWriter j;
  j.begin_object().key("account_id").value(e.account_id).key("in_portfolio").value(e.in_portfolio);
  if (e.in_portfolio) {
    j.key("holder_name").value(e.holder_name).key("document_id").value(e.document_id).key("use_type").value(e.use_type);
    // The type as the export wrote it, its Spanish name, and how the letter greets the holder.
    j.key("document_type").value(e.document_type).key("document_type_label").value(std::string(document_type_label(e.document_type)));
    j.key("holder_is_business").value(holder_is_business(e.document_type, e.document_id));
    j.key("address").value(e.address).key("address_source").value(code(e.address_source));
    j.key("address_source_label").value(label(e.address_source)).key("snapshot_address").value(e.snapshot_address);
    const auto parsed = parse_address(e.address);
    j.key("address_canonical").value(parsed.canonical).key("address_verdict").value(code(parsed.verdict));
    j.key("address_verdict_label").value(label(parsed.verdict));
    j.key("neighborhood").value(e.neighborhood).key("city").value(e.city).key("zone").value(e.zone);
    j.key("billing_type").value(e.billing_type).key("balance").value(e.balance).key("days_past_due").value(e.days_past_due);
    j.key("legal_collection").value(e.legal_collection).key("sanitation").value(e.sanitation);
  }
  j.key("fact_sanitation").value(e.fact_sanitation).key("fact_address").value(e.fact_address);
  j.key("batches").begin_array();
  for (const auto& b : e.batches) {
    j.begin_object().key("batch").value(b.batch_id).key("cutoff").value(b.cutoff).key("status").value(b.status);
    j.key("in_portfolio").value(b.in_portfolio).key("selected").value(b.rank.has_value()).key("rank").value(b.rank);
    j.key("reasons").begin_array();
    for (const Reason r : k_reason_order) {
      if (b.reasons.has(r)) j.begin_object().key("code").value(code(r)).key("label").value(label(r)).end_object();
    }
    j.end_array().end_object();
  }
  j.end_array().end_object();
  return j.str();
}

}  // namespace cartero::selection
