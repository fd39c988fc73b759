#include "cartero/selection/explain.hpp"

#include <string_view>

#include "cartero/core/json.hpp"
#include "cartero/selection/batch.hpp"
#include "store_portfolio.hpp"

namespace cartero::selection {

AccountExplanation explain_account(Database& db, const std::string& account_id) {
  AccountExplanation e;
  e.account_id = account_id;
  store::read_account(db, account_id, e);
  for (const auto& b : list_batches(db)) {
    if (e.batches.size() == 12) break;
    e.batches.push_back({b.id, b.cutoff, b.status, false, std::nullopt, {}});
  }
  for (auto& b : e.batches) {
    if (const auto reasons = excluded_reasons(db, b.batch_id, account_id)) {
      b.in_portfolio = true;
      b.reasons = *reasons;
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
    j.key("address").value(e.address).key("neighborhood").value(e.neighborhood).key("city").value(e.city).key("zone").value(e.zone);
    j.key("billing_type").value(e.billing_type).key("balance").value(e.balance).key("days_past_due").value(e.days_past_due);
    j.key("legal_collection").value(e.legal_collection).key("sanitation").value(e.sanitation);
  }
  j.key("fact_sanitation").value(e.fact_sanitation).key("fact_address").value(e.fact_address);
  j.key("batches").begin_array();
  for (const auto& b : e.batches) {
    j.begin_object().key("batch").value(b.batch_id).key("cutoff").value(b.cutoff).key("status").value(b.status);
    j.key("in_portfolio").value(b.in_portfolio).key("selected").value(b.rank.has_value()).key("rank").value(b.rank);
    j.key("reasons").begin_array();
    for (int i = 0; i < k_reason_count; ++i) {
      const auto r = static_cast<Reason>(i);
      if (b.reasons.has(r)) j.begin_object().key("code").value(code(r)).key("label").value(label(r)).end_object();
    }
    j.end_array().end_object();
  }
  j.end_array().end_object();
  return j.str();
}

}  // namespace cartero::selection
