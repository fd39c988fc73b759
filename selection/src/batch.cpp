#include "cartero/selection/batch.hpp"

#include <algorithm>
#include <ctime>
#include <exception>
#include <memory>
#include <thread>

#include "cartero/core/csv.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/progress.hpp"
#include "cartero/core/sql.hpp"

namespace cartero::selection {

namespace {

Candidate candidate_from(const sql::Row& row) {
  Candidate c;
  c.account_id = row.text(0);
  c.holder_name = row.text(1);
  c.use_type = parse_use_type(row.text(2)).value_or(UseType::official);
  c.billing_type = parse_billing_type(row.text(3)).value_or(BillingType::joint);
  c.balance = row.int64(4);
  c.days_past_due = static_cast<int>(row.int64(5));
  c.has_address = !row.text(6).empty();
  c.legal_collection = row.int64(7) != 0;
  c.sanitation = parse_sanitation(row.text(8)).value_or(Sanitation::none);
  return c;
}

// A dated fact about an account (a payment, a letter).
struct Dated {
  std::string account_id;
  Date date;
  bool operator<(const Dated& o) const { return account_id < o.account_id; }
};

// Keeps the latest date per account in `slot`, joining two lists sorted by
// account_id in one pass (a binary search per row costs a cache miss per
// step over a million candidates).
void merge_latest(std::vector<Candidate>& sorted, std::vector<Dated>& facts, std::optional<Date> Candidate::*slot) {
  std::sort(facts.begin(), facts.end());
  auto c = sorted.begin();
  for (const auto& f : facts) {
    while (c != sorted.end() && c->account_id < f.account_id) ++c;
    if (c == sorted.end()) break;
    if (c->account_id != f.account_id) continue;
    auto& value = (*c).*slot;
    if (!value || *value < f.date) value = f.date;
  }
}

std::string now_iso() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::int64_t insert_batch(Database& db, const SelectOptions& o, const Outcome& out) {
  std::int64_t id = 0;
  const std::string max = o.settings.max_letters ? std::to_string(*o.settings.max_letters) : "NULL";
  sql::for_each_row(
      db,
      "INSERT INTO batches (created_at, cutoff, max_letters, settings_json, funnel_json, accounts_total, "
      "selected_count) VALUES (?, ?, " + max + ", ?, ?, ?, ?) RETURNING id",
      {now_iso(), o.cutoff.iso(), settings_to_json(o.settings), funnel_json(out.total, out.funnel, static_cast<std::int64_t>(out.selected.size())),
       std::to_string(out.total), std::to_string(out.selected.size())},
      [&](const sql::Row& r) { id = r.int64(0); });
  return id;
}

constexpr std::size_t k_chunk_accounts = 4096;

// Writes the excluded accounts (cs is sorted by account_id) in chunks; see
// the batch_excluded table in core/src/migrations.cpp.
void store_excluded(Database& db, std::int64_t batch_id, const std::vector<Candidate>& cs, const Outcome& out) {
  sql::BulkWriter exc(db, "batch_excluded", {"batch_id", "chunk", "first_account", "last_account", "accounts", "entries"});
  std::string entries;
  std::int64_t chunk = 0;
  std::size_t in_chunk = 0;
  const Candidate* first = nullptr;
  const Candidate* last = nullptr;
  const auto flush = [&] {
    if (in_chunk == 0) return;
    exc.add(batch_id).add(chunk++).add(first->account_id).add(last->account_id);
    exc.add(static_cast<std::int64_t>(in_chunk)).add(entries).end_row();
    entries.clear();
    in_chunk = 0;
  };
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (out.reasons[i].empty()) continue;
    if (in_chunk == 0) first = &cs[i];
    last = &cs[i];
    entries += cs[i].account_id;
    entries += '\t';
    entries += std::to_string(out.reasons[i].bits());
    entries += '\n';
    if (++in_chunk == k_chunk_accounts) flush();
  }
  flush();
  exc.finish();
}

// Calls fn for each "account<TAB>bits" line of a chunk.
void parse_entries(std::string_view entries,
                   const std::function<void(std::string_view, Reasons)>& fn) {
  while (!entries.empty()) {
    const auto nl = entries.find('\n');
    const auto line = entries.substr(0, nl);
    const auto tab = line.find('\t');
    fn(line.substr(0, tab), Reasons::from_bits(static_cast<std::uint16_t>(std::stoul(std::string(line.substr(tab + 1))))));
    if (nl == std::string_view::npos) break;
    entries.remove_prefix(nl + 1);
  }
}

void store_entries(Database& db, std::int64_t batch_id, const std::vector<Candidate>& cs, const Outcome& out) {
  sql::BulkWriter sel(db, "batch_selected",
                      {"batch_id", "rank", "account_id", "holder_name", "use_type", "billing_type", "balance",
                       "days_past_due"});
  for (std::size_t rank = 0; rank < out.selected.size(); ++rank) {
    const auto& c = cs[out.selected[rank]];
    sel.add(batch_id).add(static_cast<std::int64_t>(rank + 1)).add(c.account_id).add(c.holder_name);
    sel.add(code(c.use_type)).add(code(c.billing_type)).add(c.balance).add(static_cast<std::int64_t>(c.days_past_due));
    sel.end_row();
  }
  sel.finish();
  store_excluded(db, batch_id, cs, out);
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

}  // namespace

std::vector<Candidate> load_candidates(Database& db, Date cutoff, const Settings& settings) {
  std::vector<Candidate> cs;
  if (const auto n = sql::scalar(db, "SELECT COUNT(*) FROM accounts")) cs.reserve(std::stoul(*n));
  sql::for_each_row(db,
                    "SELECT account_id, holder_name, use_type, billing_type, balance, days_past_due, address, "
                    "legal_collection, sanitation FROM accounts",
                    {}, [&](const sql::Row& r) { cs.push_back(candidate_from(r)); });
  std::sort(cs.begin(), cs.end(), [](const Candidate& a, const Candidate& b) { return a.account_id < b.account_id; });
  // The SQL only narrows to the window; the rule functions decide.
  std::vector<Dated> dated;
  sql::for_each_row(db, "SELECT account_id, paid_on, amount FROM payments WHERE paid_on >= ?",
                    {cutoff.minus_days(settings.payment_window_days).iso()}, [&](const sql::Row& r) {
                      const auto d = Date::parse_iso(r.text(1));
                      if (d && is_recent_payment(*d, r.int64(2), cutoff, settings)) dated.push_back({std::string(r.text(0)), *d});
                    });
  merge_latest(cs, dated, &Candidate::last_payment);
  dated.clear();
  sql::for_each_row(db, "SELECT account_id, sent_on FROM prior_letters WHERE sent_on >= ?",
                    {cutoff.minus_days(settings.letter_window_days).iso()}, [&](const sql::Row& r) {
                      const auto d = Date::parse_iso(r.text(1));
                      if (d && is_recent_letter(*d, cutoff, settings)) dated.push_back({std::string(r.text(0)), *d});
                    });
  merge_latest(cs, dated, &Candidate::last_letter);
  return cs;
}

std::optional<Reasons> excluded_reasons(Database& db, std::int64_t batch_id, const std::string& account_id) {
  // Chunk bounds are compared in C++ (byte order, as they were cut), not in
  // SQL, whose text collation may differ between engines.
  std::optional<std::int64_t> chunk;
  sql::for_each_row(db, "SELECT chunk, first_account, last_account FROM batch_excluded WHERE batch_id = ?",
                    {std::to_string(batch_id)}, [&](const sql::Row& r) {
                      if (r.text(1) <= account_id && account_id <= r.text(2)) chunk = r.int64(0);
                    });
  if (!chunk) return std::nullopt;
  std::optional<Reasons> found;
  sql::for_each_row(db, "SELECT entries FROM batch_excluded WHERE batch_id = ? AND chunk = ?",
                    {std::to_string(batch_id), std::to_string(*chunk)}, [&](const sql::Row& r) {
                      parse_entries(r.text(0), [&](std::string_view id, Reasons reasons) {
                        if (id == account_id) found = reasons;
                      });
                    });
  return found;
}

void for_each_excluded(Database& db, std::int64_t batch_id,
                       const std::function<void(std::string_view, Reasons)>& fn) {
  if (!sql::scalar(db, "SELECT id FROM batches WHERE id = ?", {std::to_string(batch_id)})) {
    throw InputError("there is no batch " + std::to_string(batch_id));
  }
  sql::for_each_row(db, "SELECT entries FROM batch_excluded WHERE batch_id = ? ORDER BY chunk",
                    {std::to_string(batch_id)}, [&](const sql::Row& r) { parse_entries(r.text(0), fn); });
}

std::string funnel_json(std::int64_t total, const std::vector<FunnelStep>& funnel, std::int64_t selected) {
  JsonWriter j;
  j.begin_object().key("total").value(total).key("steps").begin_array();
  std::int64_t remaining = total;
  for (const auto& step : funnel) {
    remaining -= step.excluded;
    j.begin_object().key("reason").value(code(step.reason)).key("label").value(label(step.reason));
    j.key("excluded").value(step.excluded).key("remaining").value(remaining).end_object();
  }
  j.end_array().key("selected").value(selected).end_object();
  return j.str();
}

BatchResult create_batch(Database& db, const SelectOptions& o) {
  Progress progress("select");
  progress.update(0.0, "reading the portfolio");
  sql::Transaction tx(db);
  const auto cs = load_candidates(db, o.cutoff, o.settings);
  if (cs.empty()) throw InputError("there is no portfolio to select from: run `cartero import accounts FILE.csv` first");
  progress.update(0.4, "applying the rules");
  const Outcome out = select(cs, o.settings, o.cutoff);
  progress.update(0.5, "storing the batch");
  const std::int64_t id = insert_batch(db, o, out);
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
  progress.update(0.9, "committing");
  tx.commit();
  // The batch is stored; the files are complete in their temporary names.
  if (selected_file) selected_file->close();
  if (excluded_file) excluded_file->close();
  return {id, o.cutoff, out.total, static_cast<std::int64_t>(out.selected.size()), out.funnel};
}

}  // namespace cartero::selection
