// What the rules need: the portfolio snapshot, the payments and letters
// inside the rules' windows (from selection's store), and what the floors
// above know (Cartero's letters, open cases) through AccountHistory.
#include <algorithm>

#include "cartero/selection/batch.hpp"
#include "store_portfolio.hpp"

namespace cartero::selection {

namespace {

// A dated fact about an account (a payment, a letter).
struct Dated {
  std::string account_id;
  Date date;
  bool operator<(const Dated& o) const { return account_id < o.account_id; }
};

void read_accounts(Database& db, Portfolio& p) {
  store::read_candidates(db, p);
  const auto by_id = [](const Candidate& a, const Candidate& b) { return a.account_id < b.account_id; };
  // Exports usually come in account order; then there is nothing to sort.
  if (!std::is_sorted(p.candidates.begin(), p.candidates.end(), by_id)) {
    std::sort(p.candidates.begin(), p.candidates.end(), by_id);
  }
}

// Sorts (account, date) pairs for merge_latest.
std::vector<Dated> sorted(std::vector<Dated> facts) {
  std::sort(facts.begin(), facts.end());
  return facts;
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
void apply_facts_and_cases(Database& db, std::vector<Candidate>& cs, const AccountHistory* history) {
  store::for_each_fact(db, [&](const store::AccountFacts& f) {
    Candidate* c = find(cs, f.account_id);
    if (!c) return;
    if (const auto s = parse_sanitation(f.sanitation); s && *s != Sanitation::none) c->sanitation = *s;
    if (!f.address.empty()) c->has_address = true;
  });
  if (!history) return;
  // An address-update case means field found the address wrong and no
  // corrected address is recorded yet: both checks are pending.
  history->for_each_open_case(db, [&](std::string_view account_id, bool address_check, bool billing_case) {
    Candidate* c = find(cs, account_id);
    if (!c) return;
    if (address_check) c->address_check_open = true;
    if (billing_case) c->billing_case_open = true;
  });
}

}  // namespace

Portfolio load_portfolio(Database& db, Date cutoff, const Settings& s, const AccountHistory* history) {
  Portfolio p;
  read_accounts(db, p);
  // The store only narrows to the rule's window; the rule functions decide.
  std::vector<Dated> payments;
  store::for_each_payment_since(db, cutoff.minus_days(s.payment_window_days), [&](std::string_view id, Date d, Pesos amount) {
    if (is_recent_payment(d, amount, cutoff, s)) payments.push_back({std::string(id), d});
  });
  merge_latest(p.candidates, sorted(std::move(payments)), &Candidate::last_payment);
  const Date letters_from = cutoff.minus_days(s.letter_window_days);
  std::vector<Dated> letters;
  const auto add_letter = [&](std::string_view id, Date d) {
    if (is_recent_letter(d, cutoff, s)) letters.push_back({std::string(id), d});
  };
  store::for_each_prior_letter_since(db, letters_from, add_letter);
  // Letters Cartero dispatched, whatever became of them.
  if (history) history->for_each_dispatched_letter(db, letters_from, add_letter);
  merge_latest(p.candidates, sorted(std::move(letters)), &Candidate::last_letter);
  apply_facts_and_cases(db, p.candidates, history);
  return p;
}

}  // namespace cartero::selection
