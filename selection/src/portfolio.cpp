// Reading what the rules need from the database: the portfolio snapshot and
// the payments and letters inside the rules' windows.
#include <algorithm>

#include "cartero/core/sql.hpp"
#include "cartero/selection/batch.hpp"

namespace cartero::selection {

namespace {

// A dated fact about an account (a payment, a letter).
struct Dated {
  std::string account_id;
  Date date;
  bool operator<(const Dated& o) const { return account_id < o.account_id; }
};

void read_accounts(Database& db, Portfolio& p) {
  if (const auto n = sql::scalar(db, "SELECT COUNT(*) FROM accounts")) p.candidates.reserve(std::stoul(*n));
  sql::for_each_row(db,
                    "SELECT account_id, holder_name, use_type, billing_type, balance, days_past_due, "
                    "CASE WHEN address = '' THEN 0 ELSE 1 END, legal_collection, sanitation FROM accounts",
                    {}, [&](const sql::Row& r) {
                      Candidate c;
                      c.account_id = p.text.keep(r.text(0));
                      c.holder_name = p.text.keep(r.text(1));
                      c.use_type = parse_use_type(r.text(2)).value_or(UseType::official);
                      c.billing_type = parse_billing_type(r.text(3)).value_or(BillingType::joint);
                      c.balance = r.int64(4);
                      c.days_past_due = static_cast<int>(r.int64(5));
                      c.has_address = r.int64(6) != 0;
                      c.legal_collection = r.int64(7) != 0;
                      c.sanitation = parse_sanitation(r.text(8)).value_or(Sanitation::none);
                      p.candidates.push_back(c);
                    });
  const auto by_id = [](const Candidate& a, const Candidate& b) { return a.account_id < b.account_id; };
  // Exports usually come in account order; then there is nothing to sort.
  if (!std::is_sorted(p.candidates.begin(), p.candidates.end(), by_id)) {
    std::sort(p.candidates.begin(), p.candidates.end(), by_id);
  }
}

// Reads (account, date) pairs; the SQL only narrows to the rule's window,
// `counts` (the rule function) decides.
template <class Counts>
std::vector<Dated> read_dated(Database& db, const std::string& query, Date from, Counts counts) {
  std::vector<Dated> out;
  sql::for_each_row(db, query, {from.iso()}, [&](const sql::Row& r) {
    const auto d = Date::parse_iso(r.text(1));
    if (d && counts(*d, r)) out.push_back({std::string(r.text(0)), *d});
  });
  std::sort(out.begin(), out.end());
  return out;
}

// Keeps the latest date per account in `slot`, joining two lists sorted by
// account_id in one pass (a binary search per fact would cost a cache miss
// per step over a million candidates).
void merge_latest(std::vector<Candidate>& sorted, const std::vector<Dated>& facts,
                  std::optional<Date> Candidate::*slot) {
  auto c = sorted.begin();
  for (const auto& f : facts) {
    while (c != sorted.end() && c->account_id < f.account_id) ++c;
    if (c == sorted.end()) break;
    if (c->account_id != f.account_id) continue;
    auto& value = (*c).*slot;
    if (!value || *value < f.date) value = f.date;
  }
}

Candidate* find(std::vector<Candidate>& sorted, std::string_view id) {
  const auto it = std::lower_bound(sorted.begin(), sorted.end(), id,
                                   [](const Candidate& c, std::string_view v) { return c.account_id < v; });
  return it != sorted.end() && it->account_id == id ? &*it : nullptr;
}

// What Cartero itself established (billing-confirmed clean-ups, corrected
// addresses), applied on top of the imported snapshot, and the cases still
// open: few rows, looked up one by one.
void apply_facts_and_cases(Database& db, std::vector<Candidate>& cs) {
  sql::for_each_row(db, "SELECT account_id, COALESCE(sanitation, ''), COALESCE(address, '') FROM account_facts", {},
                    [&](const sql::Row& r) {
                      Candidate* c = find(cs, r.text(0));
                      if (!c) return;
                      if (const auto s = parse_sanitation(r.text(1)); s && *s != Sanitation::none) c->sanitation = *s;
                      if (!r.text(2).empty()) c->has_address = true;
                    });
  // An address-update case means field found the address wrong and no
  // corrected address is recorded yet: both checks are pending.
  sql::for_each_row(db, "SELECT account_id, kind FROM cases WHERE status = 'open'", {}, [&](const sql::Row& r) {
    Candidate* c = find(cs, r.text(0));
    if (!c) return;
    const auto kind = r.text(1);
    if (kind == "field_check" || kind == "address_update") c->address_check_open = true;
    if (kind == "cleanup" || kind == "address_update") c->billing_case_open = true;
  });
}

}  // namespace

Portfolio load_portfolio(Database& db, Date cutoff, const Settings& s) {
  Portfolio p;
  read_accounts(db, p);
  const auto payments = read_dated(
      db, "SELECT account_id, paid_on, amount FROM payments WHERE paid_on >= ?",
      cutoff.minus_days(s.payment_window_days),
      [&](Date d, const sql::Row& r) { return is_recent_payment(d, r.int64(2), cutoff, s); });
  merge_latest(p.candidates, payments, &Candidate::last_payment);
  const auto letters = read_dated(db, "SELECT account_id, sent_on FROM prior_letters WHERE sent_on >= ?",
                                  cutoff.minus_days(s.letter_window_days),
                                  [&](Date d, const sql::Row&) { return is_recent_letter(d, cutoff, s); });
  merge_latest(p.candidates, letters, &Candidate::last_letter);
  // Letters Cartero dispatched, whatever became of them.
  const auto dispatched = read_dated(db, "SELECT account_id, sent_on FROM letters WHERE sent_on >= ?",
                                     cutoff.minus_days(s.letter_window_days),
                                     [&](Date d, const sql::Row&) { return is_recent_letter(d, cutoff, s); });
  merge_latest(p.candidates, dispatched, &Candidate::last_letter);
  apply_facts_and_cases(db, p.candidates);
  return p;
}

}  // namespace cartero::selection
