#include "cartero/proof/bureau.hpp"

#include <algorithm>
#include <unordered_map>

#include "cartero/core/json.hpp"
#include "cartero/core/people_export.hpp"
#include "cartero/letters/sent.hpp"
#include "cartero/returns/outcomes.hpp"
#include "cartero/selection/claims.hpp"
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
  return bureau_lists(db, as_of, settings, {true, false}).reportable;
}

BureauLists bureau_lists(Database& db, Date as_of, const BureauSettings& settings, BureauWanted wanted) {
  // Sized for a city's batch at once: growing the tables while they are
  // filled cost a fifth of the report.
  std::unordered_map<std::string, std::pair<std::string, Date>> admissions;
  admissions.reserve(1 << 18);
  store::for_each_admission(db, [&](std::string_view letter, std::string_view guia, Date on) {
    admissions.emplace(std::string(letter), std::make_pair(std::string(guia), on));
  });
  std::unordered_map<std::string, std::vector<Notice>> by_account;
  by_account.reserve(1 << 19);
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
    const bool reportable = wanted.reportable && clock.reportable_from && *clock.reportable_from <= as_of;
    // A small debt noticed on one day only needs its second notice; one
    // noticed twice whose period still runs is neither.
    const bool second_due = wanted.second_notice && clock.small_debt && clock.notices_counted < clock.notices_needed;
    if (!reportable && !second_due) continue;
    BureauEntry e;
    e.account_id = account;
    e.balance = balance;
    e.small_debt = clock.small_debt;
    e.needs_second_notice = second_due;
    if (reportable) e.reportable_from = *clock.reportable_from;
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

  // Disputed (a claim or appeal in process, Ley 142 arts. 154-155): left out.
  selection::for_each_open_claim(db, [&](std::string_view account, Pesos) { candidates.erase(std::string(account)); });

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

  BureauLists out;
  out.reportable.reserve(candidates.size());
  for (auto& [account, e] : candidates) (e.needs_second_notice ? out.second_notice : out.reportable).push_back(std::move(e));
  const auto by_id = [](const BureauEntry& a, const BureauEntry& b) { return a.account_id < b.account_id; };
  std::sort(out.reportable.begin(), out.reportable.end(), by_id);
  std::sort(out.second_notice.begin(), out.second_notice.end(), by_id);
  return out;
}

std::vector<std::string> second_notices_due(Database& db, Date as_of) {
  std::vector<std::string> ids;
  for (auto& e : bureau_lists(db, as_of, current_bureau_settings(db), {false, true}).second_notice) {
    ids.push_back(std::move(e.account_id));
  }
  return ids;
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
  w.end_array().key("reportable_from");
  if (e.needs_second_notice) {
    w.null().key("status").value("needs_second_notice");
  } else {
    w.value(e.reportable_from.iso());
  }
  w.end_object();
  return w.str();
}

void write_bureau(const std::string& path, const std::vector<BureauEntry>& entries, ExportFormat format,
                  const std::vector<BureauEntry>& second_notice) {
  auto out = open_export(path, format, "Reporte a centrales",
                         {{"account_id", "Número de cuenta"},
                          {"balance", "Saldo", CellKind::number},
                          {"small_debt", "Deuda pequeña (dos avisos)"},
                          {"reportable_from", "Reportable desde", CellKind::date},
                          {"letter_id", "Carta"},
                          {"guia", "Guía"},
                          {"sent_on", "Aviso enviado", CellKind::date},
                          {"outcome", "Resultado"},
                          {"cause", "Causal"},
                          {"outcome_on", "Fecha del resultado", CellKind::date},
                          {"status", "Estado"}});
  for (const auto* list : {&entries, &second_notice}) {
    for (const auto& e : *list) {
      for (const auto& l : e.letters) {
        const std::string outcome_label = l.outcome == "delivered" ? "Entregada" : l.outcome == "returned" ? "Devuelta" : "Pendiente";
        const std::string status = e.needs_second_notice ? "needs_second_notice" : "reportable";
        out->row({e.account_id, std::to_string(e.balance), e.small_debt ? "1" : "0",
                  e.needs_second_notice ? std::string() : e.reportable_from.iso(), l.letter_id, l.guia, l.sent_on.iso(), l.outcome,
                  l.cause, l.outcome_on, status},
                 {"", "", e.small_debt ? "Sí" : "No", "", "", "", "", outcome_label, "", "",
                  e.needs_second_notice ? "Necesita segundo aviso" : "Reportable"});
      }
    }
  }
  out->close();
}

}  // namespace cartero::proof
