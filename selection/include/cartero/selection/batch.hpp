// Draft batches: a selection stored with its cutoff, settings, the selected
// accounts in order and every excluded account's reasons, so the batch can
// be explained and reproduced later. A draft changes nothing else.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/text_arena.hpp"
#include "cartero/selection/rules.hpp"
#include "cartero/selection/settings.hpp"

namespace cartero::selection {

struct SelectOptions {
  Date cutoff;
  Settings settings;
  std::optional<std::string> selected_csv;  // write selected.csv here
  std::optional<std::string> excluded_csv;  // write excluded.csv here
};

struct BatchResult {
  std::int64_t batch_id = 0;
  Date cutoff;
  std::int64_t total = 0;
  std::int64_t selected = 0;
  std::vector<FunnelStep> funnel;
};

// Reads the portfolio and its history, applies the rules and stores a draft
// batch, all in one transaction; then moves the CSV files into place.
// Throws InputError when there is no portfolio to select from.
BatchResult create_batch(Database& db, const SelectOptions& options);

struct BatchSummary {
  std::int64_t id = 0;
  std::string created_at, cutoff, status;
  std::int64_t accounts = 0, selected = 0;
  // Once dispatched: the date the letters count as sent, who dispatched it
  // and when (Bogotá date and time); empty before.
  std::string dispatched_on, dispatched_by, dispatched_at;
};
// Every batch, newest first.
std::vector<BatchSummary> list_batches(Database& db);
// The funnel stored with a batch (funnel_json's shape); nullopt when there is no such batch.
std::optional<std::string> stored_funnel_json(Database& db, std::int64_t batch_id);

// What create_batch would select, without storing anything (batch_id 0):
// the funnel an analyst looks at before saving the batch.
BatchResult preview_batch(Database& db, const SelectOptions& options);

// Every account with the facts the rules need, sorted by account_id; the
// candidates' text lives in `text`.
struct Portfolio {
  std::vector<Candidate> candidates;
  TextArena text;
};
Portfolio load_portfolio(Database& db, Date cutoff, const Settings& settings);

// One selected account of a stored batch, as selected.csv shows it.
struct SelectedEntry {
  std::int64_t rank = 0;
  std::string_view account_id;
  std::string_view holder_name;
  UseType use_type = UseType::residential;
  BillingType billing_type = BillingType::direct;
  Pesos balance = 0;
  int days_past_due = 0;
};

// The selected accounts of a batch in rank order (views valid during the
// call). Throws InputError when the batch does not exist.
void for_each_selected(Database& db, std::int64_t batch_id, const std::function<void(const SelectedEntry&)>& fn);

// Every excluded account of a batch with its reasons, in account_id (byte)
// order. Throws InputError when the batch does not exist.
void for_each_excluded(Database& db, std::int64_t batch_id,
                       const std::function<void(std::string_view account_id, Reasons reasons)>& fn);

// The reasons an account was left out of a batch; nullopt when it was
// selected or is not in the batch's portfolio.
std::optional<Reasons> excluded_reasons(Database& db, std::int64_t batch_id, const std::string& account_id);

// {"total": N, "steps": [{"reason", "label", "excluded", "remaining"}…], "selected": K}
std::string funnel_json(std::int64_t total, const std::vector<FunnelStep>& funnel, std::int64_t selected);

}  // namespace cartero::selection
