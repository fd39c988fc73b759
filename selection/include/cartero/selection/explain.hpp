// "Why is account X in or out?": the account as the portfolio states it
// (with what billing and field staff established on top), and its place in
// each batch: selected at a rank, or left out with every reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/selection/accounts.hpp"
#include "cartero/selection/reasons.hpp"

namespace cartero::selection {

class AccountHistory;

struct AccountInBatch {
  std::int64_t batch_id = 0;
  std::string cutoff, status;
  bool in_portfolio = false;        // the account was in the portfolio the batch read
  std::optional<std::int64_t> rank;  // selected
  Reasons reasons;                   // left out (empty when selected)
};

struct AccountExplanation {
  std::string account_id;
  bool in_portfolio = false;  // in the current snapshot
  std::string holder_name, document_id, use_type, address, neighborhood, city, zone, billing_type, sanitation;
  std::string document_type;  // the export's (a code or as written), "" when it had none
  std::int64_t balance = 0;
  int days_past_due = 0;
  bool legal_collection = false;
  std::string snapshot_address;  // `address` is the one in force
  AddressSource address_source = AddressSource::snapshot;
  std::string fact_sanitation, fact_address;  // recorded by Cartero, applied over the snapshot
  std::vector<AccountInBatch> batches;        // newest first, at most the last 12
};

// What billing and field established about an account (account_facts,
// which selection owns): kept over re-imports and applied over the snapshot
// by the next selection. Called by returns/ when a case closes, inside the
// caller's sql::Transaction. `sanitation`: a Sanitation code.
void record_address_fact(Database& db, const std::string& account_id, const std::string& address, const std::string& user);
void record_sanitation_fact(Database& db, const std::string& account_id, const std::string& sanitation,
                            const std::string& user);

// `history` (returns::selection_history()) finds the account's rank in a
// printed batch from its letter, one lookup; without it the batch's stored
// selection is searched.
AccountExplanation explain_account(Database& db, const std::string& account_id, const AccountHistory* history = nullptr);
// JSON for the pages: every reason with its code and Spanish label.
std::string to_json(const AccountExplanation& e);

}  // namespace cartero::selection
