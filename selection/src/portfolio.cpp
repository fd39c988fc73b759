// Reading what the rules need from the database: the portfolio snapshot and
// the payments and letters inside the rules' windows.
#include <algorithm>
#include <optional>
#include <thread>

#include "cartero/core/address.hpp"
#include "cartero/core/bounded_queue.hpp"

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

// Reads the snapshot in its stored order; with a checker, hands it every
// non-empty address the import did not judge. True when the rows came in
// account order.
bool read_accounts(Database& db, Portfolio& p, AddressChecker* checker) {
  if (const auto n = sql::scalar(db, "SELECT COUNT(*) FROM accounts")) p.candidates.reserve(std::stoul(*n));
  sql::for_each_row(db,
                    "SELECT account_id, holder_name, use_type, billing_type, balance, days_past_due, "
                    "CASE WHEN address = '' THEN 0 ELSE 1 END, legal_collection, sanitation, address_verdict, "
                    "CASE WHEN address_verdict IS NULL THEN address END FROM accounts",
                    {}, [&](const sql::Row& r) {
                      Candidate c;
                      c.account_id = p.text.keep(r.text(0));
                      c.holder_name = p.text.keep(r.text(1));
                      c.use_type = parse_use_type(r.text(2)).value_or(UseType::official);
                      c.billing_type = parse_billing_type(r.text(3)).value_or(BillingType::joint);
                      c.balance = r.int64(4);
                      c.days_past_due = static_cast<int>(r.int64(5));
                      c.has_address = r.int64(6) != 0;
                      // Judged at import; rows imported before that are judged now.
                      if (!r.is_null(9)) {
                        const auto v = r.text(9);
                        c.address_incomplete = v == "incomplete" || v == "unreadable";
                      } else if (checker && c.has_address) {
                        checker->add(static_cast<std::uint32_t>(p.candidates.size()), r.text(10));
                      }
                      c.legal_collection = r.int64(7) != 0;
                      c.sanitation = parse_sanitation(r.text(8)).value_or(Sanitation::none);
                      p.candidates.push_back(c);
                    });
  const auto by_id = [](const Candidate& a, const Candidate& b) { return a.account_id < b.account_id; };
  return std::is_sorted(p.candidates.begin(), p.candidates.end(), by_id);
}

void mark_unmailable(std::vector<Candidate>& cs, AddressChecker& checker) {
  for (const auto row : checker.finish()) cs[row].address_incomplete = true;
}

void sort_by_id(std::vector<Candidate>& cs) {
  std::sort(cs.begin(), cs.end(), [](const Candidate& a, const Candidate& b) { return a.account_id < b.account_id; });
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
  sql::for_each_row(db,
                    "SELECT f.account_id, COALESCE(f.sanitation, ''), COALESCE(f.address, ''), "
                    "CASE WHEN f.address_confirmed = COALESCE(f.address, a.address) THEN 1 ELSE 0 END "
                    "FROM account_facts f LEFT JOIN accounts a ON a.account_id = f.account_id", {},
                    [&](const sql::Row& r) {
                      Candidate* c = find(cs, r.text(0));
                      if (!c) return;
                      if (const auto s = parse_sanitation(r.text(1)); s && *s != Sanitation::none) c->sanitation = *s;
                      // The address in force is the recorded one: it decides both rules.
                      if (!r.text(2).empty()) {
                        c->has_address = true;
                        c->address_incomplete = unmailable(address_verdict(r.text(2)));
                      }
                      // Field staff went there and found it right, as written.
                      if (r.int64(3) != 0) c->address_incomplete = false;
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
  std::optional<AddressChecker> checker;
  if (s.address_incomplete) checker.emplace();
  const bool sorted = read_accounts(db, p, checker ? &*checker : nullptr);
  // Exports usually come in account order; then there is nothing to sort and
  // the addresses are checked while payments and letters are read.
  if (!sorted) {
    if (checker) mark_unmailable(p.candidates, *checker);
    sort_by_id(p.candidates);
  }
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
  if (sorted && checker) mark_unmailable(p.candidates, *checker);
  apply_facts_and_cases(db, p.candidates);
  return p;
}

}  // namespace cartero::selection
