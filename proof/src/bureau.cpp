#include "cartero/proof/bureau.hpp"

#include <algorithm>
#include <unordered_map>

#include "cartero/core/json.hpp"
#include "cartero/letters/sent.hpp"
#include "cartero/returns/outcomes.hpp"
#include "cartero/selection/payments.hpp"
#include "store.hpp"

namespace cartero::proof {

namespace {

struct Notice {
  std::string letter_id;
  Pesos balance = 0;
  Date sent_on;
  Date dispatched_on;
};

}  // namespace

std::vector<BureauEntry> bureau_report(Database& db, Date as_of, const BureauSettings& settings) {
  std::unordered_map<std::string, std::pair<std::string, Date>> admissions;
  store::for_each_admission(db, [&](std::string_view letter, std::string_view guia, Date on) {
    admissions.emplace(std::string(letter), std::make_pair(std::string(guia), on));
  });
  std::unordered_map<std::string, std::vector<Notice>> by_account;
  letters::for_each_sent_letter(db, as_of, [&](const letters::SentLetter& l) {
    Notice n{std::string(l.letter_id), l.balance, l.sent_on, l.sent_on};
    if (const auto a = admissions.find(n.letter_id); a != admissions.end() && a->second.second <= as_of) {
      n.sent_on = a->second.second;
    }
    by_account[std::string(l.account_id)].push_back(std::move(n));
  });

  // The clock of every account; those whose period has run are candidates.
  std::unordered_map<std::string, BureauEntry> candidates;
  Date earliest = as_of;
  for (auto& [account, notices] : by_account) {
    std::sort(notices.begin(), notices.end(), [](const Notice& a, const Notice& b) {
      return a.sent_on != b.sent_on ? a.sent_on < b.sent_on : a.letter_id < b.letter_id;
    });
    std::vector<Date> days;
    days.reserve(notices.size());
    for (const auto& n : notices) days.push_back(n.sent_on);
    const Pesos balance = notices.back().balance;
    const auto clock = notice_clock(days, balance, settings);
    if (!clock.reportable_from || *clock.reportable_from > as_of) continue;
    BureauEntry e;
    e.account_id = account;
    e.balance = balance;
    e.small_debt = clock.small_debt;
    e.reportable_from = *clock.reportable_from;
    for (const auto& n : notices) {
      BureauLetter l;
      l.letter_id = n.letter_id;
      l.sent_on = n.sent_on;
      l.outcome = "pending";
      if (const auto a = admissions.find(n.letter_id); a != admissions.end()) l.guia = a->second.first;
      e.letters.push_back(std::move(l));
    }
    earliest = std::min(earliest, notices.front().sent_on);
    candidates.emplace(account, std::move(e));
  }
  if (candidates.empty()) return {};

  // Paid since the first notice: left out.
  selection::for_each_payment(db, earliest, [&](std::string_view account, Date paid_on, Pesos amount) {
    if (amount <= 0) return;
    const auto it = candidates.find(std::string(account));
    if (it != candidates.end() && paid_on >= it->second.letters.front().sent_on && paid_on <= as_of) {
      candidates.erase(it);
    }
  });

  // What became of each letter, as evidence.
  std::unordered_map<std::string, BureauLetter*> letters_by_id;
  for (auto& [account, e] : candidates) {
    for (auto& l : e.letters) letters_by_id.emplace(l.letter_id, &l);
  }
  returns::for_each_letter_outcome(db, [&](const returns::LetterOutcome& o) {
    const auto it = letters_by_id.find(std::string(o.letter_id));
    if (it == letters_by_id.end()) return;
    it->second->outcome = o.returned ? "returned" : "delivered";
    it->second->cause = std::string(o.cause);
    it->second->outcome_on = std::string(o.date);
  });

  std::vector<BureauEntry> out;
  out.reserve(candidates.size());
  for (auto& [account, e] : candidates) out.push_back(std::move(e));
  std::sort(out.begin(), out.end(), [](const BureauEntry& a, const BureauEntry& b) { return a.account_id < b.account_id; });
  return out;
}

std::string to_json_line(const BureauEntry& e) {
  JsonWriter w;
  w.begin_object().key("account_id").value(e.account_id).key("balance").value(e.balance);
  w.key("small_debt").value(e.small_debt).key("letters").begin_array();
  for (const auto& l : e.letters) {
    w.begin_object().key("letter_id").value(l.letter_id).key("guia");
    if (l.guia.empty()) {
      w.null();
    } else {
      w.value(l.guia);
    }
    w.key("sent_on").value(l.sent_on.iso()).key("outcome").value(l.outcome);
    w.key("cause");
    if (l.cause.empty()) w.null(); else w.value(l.cause);
    w.key("outcome_on");
    if (l.outcome_on.empty()) w.null(); else w.value(l.outcome_on);
    w.end_object();
  }
  w.end_array().key("reportable_from").value(e.reportable_from.iso()).end_object();
  return w.str();
}

}  // namespace cartero::proof
