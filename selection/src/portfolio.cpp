// What the rules need: the portfolio snapshot, the payments and letters
// inside the rules' windows (from selection's store), and what the floors
// above know (Cartero's letters, open cases) through AccountHistory.
#include <algorithm>
#include <optional>
#include <thread>
#include <utility>

#include "cartero/core/address.hpp"
#include "cartero/core/bounded_queue.hpp"
#include "cartero/selection/batch.hpp"
#include "store_claims.hpp"
#include "store_portfolio.hpp"

namespace cartero::selection {

namespace {

// A dated fact about an account (a payment, a letter).
struct Dated {
  std::string account_id;
  Date date;
  bool operator<(const Dated& o) const { return account_id < o.account_id; }
};

// Decides which addresses a letter should not go to, for rows imported
// before the import judged them, on another core while the portfolio is
// still being read: the reading thread hands over chunks of addresses with
// the row each belongs to.
class AddressChecker {
 public:
  AddressChecker() : m_queue(4), m_worker([this] { work(); }) {}
  ~AddressChecker() { finish(); }

  void add(std::uint32_t row, std::string_view address) {
    m_chunk.rows.push_back(row);
    m_chunk.text.append(address);
    m_chunk.ends.push_back(static_cast<std::uint32_t>(m_chunk.text.size()));
    if (m_chunk.rows.size() == k_chunk) m_queue.push(std::exchange(m_chunk, Chunk{}));
  }
  // The rows whose address is incomplete or unreadable, in reading order.
  const std::vector<std::uint32_t>& finish() {
    if (m_worker.joinable()) {
      if (!m_chunk.rows.empty()) m_queue.push(std::exchange(m_chunk, Chunk{}));
      m_queue.close();
      m_worker.join();
    }
    return m_unmailable;
  }

 private:
  struct Chunk {
    std::vector<std::uint32_t> rows, ends;
    std::string text;
  };
  static constexpr std::size_t k_chunk = 8192;

  void work() {
    while (auto chunk = m_queue.pop()) {
      std::uint32_t begin = 0;
      for (std::size_t i = 0; i < chunk->rows.size(); ++i) {
        const std::string_view a(chunk->text.data() + begin, chunk->ends[i] - begin);
        if (unmailable(address_verdict(a))) m_unmailable.push_back(chunk->rows[i]);
        begin = chunk->ends[i];
      }
    }
  }

  BoundedQueue<Chunk> m_queue;
  Chunk m_chunk;
  std::vector<std::uint32_t> m_unmailable;
  std::thread m_worker;
};

void mark_unmailable(std::vector<Candidate>& cs, AddressChecker& checker) {
  for (const auto row : checker.finish()) cs[row].address_incomplete = true;
}

// Reads the snapshot; with a checker, hands it every non-empty address the
// import did not judge. True when the rows came in account order.
bool read_accounts(Database& db, Portfolio& p, AddressChecker* checker) {
  store::read_candidates(db, p, [&](std::uint32_t row, std::string_view address) {
    if (checker) checker->add(row, address);
  });
  const auto by_id = [](const Candidate& a, const Candidate& b) { return a.account_id < b.account_id; };
  return std::is_sorted(p.candidates.begin(), p.candidates.end(), by_id);
}

void sort_by_id(std::vector<Candidate>& cs) {
  std::sort(cs.begin(), cs.end(), [](const Candidate& a, const Candidate& b) { return a.account_id < b.account_id; });
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
    // The address in force is the recorded one: it decides both rules.
    if (!f.address.empty()) {
      c->has_address = true;
      c->address_incomplete = unmailable(address_verdict(f.address));
    }
    // Field staff went there and found it right, as written.
    if (f.address_confirmed) c->address_incomplete = false;
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

// Open claims (few rows): the account is left out (open_claim), or with
// claims_net_disputed its balance becomes the undisputed part, which the
// threshold is applied to and the batch and the letter state.
void apply_claims(Database& db, std::vector<Candidate>& cs, const Settings& s) {
  store::for_each_open_claim(db, [&](std::string_view account_id, Pesos disputed) {
    Candidate* c = find(cs, account_id);
    if (!c) return;
    c->open_claim = true;
    c->disputed += disputed;
  });
  if (!s.claims_net_disputed) return;
  for (auto& c : cs) {
    if (c.open_claim) c.balance = std::max<Pesos>(0, c.balance - c.disputed);
  }
}

}  // namespace

Portfolio load_portfolio(Database& db, Date cutoff, const Settings& s, const AccountHistory* history) {
  Portfolio p;
  std::optional<AddressChecker> checker;
  if (s.address_incomplete) checker.emplace();
  const bool in_order = read_accounts(db, p, checker ? &*checker : nullptr);
  // Exports usually come in account order; then there is nothing to sort and
  // the few addresses left to judge are judged while payments and letters
  // are read.
  if (!in_order) {
    if (checker) mark_unmailable(p.candidates, *checker);
    sort_by_id(p.candidates);
  }
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
  if (s.recent_contact_days > 0) {
    std::vector<Dated> contacts;
    store::for_each_contact_since(db, cutoff.minus_days(s.recent_contact_days), [&](std::string_view id, Date d) {
      if (is_recent_contact(d, cutoff, s)) contacts.push_back({std::string(id), d});
    });
    merge_latest(p.candidates, sorted(std::move(contacts)), &Candidate::last_contact);
  }
  if (in_order && checker) mark_unmailable(p.candidates, *checker);
  apply_facts_and_cases(db, p.candidates, history);
  apply_claims(db, p.candidates, s);
  return p;
}

}  // namespace cartero::selection
