#include "cartero/selection/batch.hpp"

#include <exception>
#include <memory>
#include <thread>
#include <unordered_set>

#include "cartero/core/address.hpp"
#include "cartero/selection/accounts.hpp"
#include "cartero/selection/approval.hpp"
#include "cartero/core/csv.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/progress.hpp"
#include "cartero/core/sql.hpp"
#include "store_batch_entries.hpp"
#include "store_batches.hpp"

namespace cartero::selection {

namespace {


std::int64_t insert_batch(Database& db, const SelectOptions& o, const Outcome& out) {
  const auto selected = static_cast<std::int64_t>(out.selected.size());
  return store::insert_batch(db, {o.cutoff, o.settings.max_letters, settings_to_json(o.settings),
                                  funnel_json(out.total, out.funnel, selected), out.total, selected,
                                  o.second_notice_accounts ? 2 : 1});
}

// The portfolio the rules look at: every account, or for a second-notice
// batch the accounts due one (those still in the portfolio).
Portfolio candidates_for(Database& db, const SelectOptions& o) {
  Portfolio p = load_portfolio(db, o.cutoff, o.settings, o.history);
  if (!o.second_notice_accounts) return p;
  const std::unordered_set<std::string_view> due(o.second_notice_accounts->begin(), o.second_notice_accounts->end());
  std::erase_if(p.candidates, [&](const Candidate& c) { return !due.count(c.account_id); });
  if (p.candidates.empty()) {
    throw InputError(ErrorCode::no_second_notice_due,
                     "select --second-notices: no account of the portfolio needs a second notice as of " + o.cutoff.iso() +
                         " (a debt of at most 15 % of a minimum wage noticed on one day only, unpaid since and not disputed)",
                     {{"cutoff", o.cutoff.iso()}});
  }
  return p;
}

std::unique_ptr<CsvWriter> write_selected(const std::string& path, const std::vector<Candidate>& cs,
                                          const Outcome& out) {
  auto w = std::make_unique<CsvWriter>(path);
  w->row({"rank", "account_id", "holder_name", "use_type", "billing_type", "balance", "days_past_due"});
  for (std::size_t rank = 0; rank < out.selected.size(); ++rank) {
    const auto& c = cs[out.selected[rank]];
    const std::string r = std::to_string(rank + 1), b = std::to_string(c.balance),
                      d = std::to_string(c.days_past_due);
    w->row({r, c.account_id, c.holder_name, code(c.use_type), code(c.billing_type), b, d});
  }
  return w;
}

std::unique_ptr<CsvWriter> write_excluded(const std::string& path, const std::vector<Candidate>& cs,
                                          const Outcome& out) {
  auto w = std::make_unique<CsvWriter>(path);
  w->row({"account_id", "reasons"});
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (out.reasons[i].empty()) continue;
    const std::string reasons = out.reasons[i].joined();
    w->row({cs[i].account_id, reasons});
  }
  return w;
}

// What field staff need to find each account: its address in force and
// what is wrong with it.
std::vector<AccountHistory::AddressCheck> address_checks(Database& db, const std::vector<std::string>& ids,
                                                         std::int64_t batch_id) {
  std::vector<AccountHistory::AddressCheck> out;
  if (ids.empty()) return out;
  const auto accounts = accounts_in_force(db, ids);
  for (const auto& id : ids) {
    const auto it = accounts.find(id);
    if (it == accounts.end()) continue;
    const auto& a = it->second;
    const auto parsed = parse_address(a.address);
    std::string note = "lote " + std::to_string(batch_id) + ": " + std::string(label(parsed.verdict));
    if (!parsed.canonical.empty()) note += " (" + parsed.canonical + ")";
    out.push_back({id, a.holder_name, a.zone, a.neighborhood, a.address, std::move(note)});
  }
  return out;
}

}  // namespace

std::string funnel_json(std::int64_t total, const std::vector<FunnelStep>& funnel, std::int64_t selected) {
  JsonWriter j;
  j.begin_object().key("total").value(total).key("steps").begin_array();
  std::int64_t remaining = total;
  // In the order of DESIGN's table, whatever order `funnel` holds them in.
  std::vector<FunnelStep> ordered;
  for (const Reason r : k_reason_order) {
    for (const auto& step : funnel) {
      if (step.reason == r) ordered.push_back(step);
    }
  }
  for (const auto& step : ordered) {
    remaining -= step.excluded;
    j.begin_object().key("reason").value(code(step.reason)).key("label").value(label(step.reason));
    j.key("excluded").value(step.excluded).key("remaining").value(remaining).end_object();
  }
  j.end_array().key("selected").value(selected).end_object();
  return j.str();
}

Settings second_notice_settings(Settings s) {
  for (auto& t : s.thresholds) t = Pesos{0};
  s.min_days_past_due = 0;
  s.letter_window_days = 0;
  s.control_group_percent = 0;
  return s;
}

BatchResult preview_batch(Database& db, const SelectOptions& o) {
  const Portfolio portfolio = candidates_for(db, o);
  if (portfolio.candidates.empty()) throw InputError(ErrorCode::no_portfolio, "there is no portfolio to select from: run `cartero import accounts FILE.csv` first");
  const Outcome out = select(portfolio.candidates, o.settings, o.cutoff);
  return {0, o.cutoff, out.total, static_cast<std::int64_t>(out.selected.size()), out.funnel};
}

BatchResult create_batch(Database& db, const SelectOptions& o) {
  Progress progress("select");
  progress.update(0.0, "reading the portfolio");
  sql::Transaction tx(db);
  // One state of the portfolio, even with an import committing meanwhile.
  sql::lock_for_reading(db, {"accounts", "payments", "prior_letters"});
  const Portfolio portfolio = candidates_for(db, o);
  const auto& cs = portfolio.candidates;
  if (cs.empty()) throw InputError(ErrorCode::no_portfolio, "there is no portfolio to select from: run `cartero import accounts FILE.csv` first");
  progress.update(0.4, "applying the rules");
  const Outcome out = select(cs, o.settings, o.cutoff);
  progress.update(0.5, "storing the batch");
  const std::int64_t id = insert_batch(db, o, out);
  if (!o.created_by.empty()) set_batch_creator(db, id, o.created_by);
  // The CSV files are written on the other core while the batch is stored.
  std::unique_ptr<CsvWriter> selected_file, excluded_file;
  std::exception_ptr csv_error;
  std::thread csv_thread([&] {
    try {
      if (o.selected_csv) selected_file = write_selected(*o.selected_csv, cs, out);
      if (o.excluded_csv) excluded_file = write_excluded(*o.excluded_csv, cs, out);
    } catch (...) {
      csv_error = std::current_exception();
    }
  });
  try {
    store_entries(db, id, cs, out);
  } catch (...) {
    csv_thread.join();
    throw;
  }
  csv_thread.join();
  if (csv_error) std::rethrow_exception(csv_error);
  // Accounts left out only for their address get a field check now, before
  // a letter is wasted on them.
  std::vector<std::string> to_check;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (out.reasons[i] == Reasons{}.with(Reason::address_incomplete) && !cs[i].address_check_open) {
      to_check.emplace_back(cs[i].account_id);
    }
  }
  const std::int64_t checks = o.history ? o.history->open_address_checks(db, address_checks(db, to_check, id)) : 0;
  progress.update(0.9, "committing");
  tx.commit();
  // The batch is stored; the files are complete under temporary names.
  if (selected_file) selected_file->close();
  if (excluded_file) excluded_file->close();
  return {id, o.cutoff, out.total, static_cast<std::int64_t>(out.selected.size()), out.funnel, checks};
}

}  // namespace cartero::selection
