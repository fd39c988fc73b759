#include <map>
#include <string>
#include <unordered_map>

#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/holidays.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/letters/generate.hpp"
#include "cartero/letters/sent.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/selection/payments.hpp"
#include "mailable.hpp"
#include "store_evidence.hpp"
#include "store_letters.hpp"

namespace cartero::letters {

namespace {

// Why a batch could not be dispatched, for the message.
[[noreturn]] void refuse(Database& db, std::int64_t batch_id) {
  const std::string id = std::to_string(batch_id);
  const auto batch = selection::find_batch(db, batch_id);
  if (!batch) {
    throw InputError(ErrorCode::no_such_batch, "there is no batch " + id + " (see the ids `cartero select` printed)", {{"batch", id}});
  }
  if (batch->status == "discarded") {
    const std::string on = load_batch_state(db, batch_id).discarded_at;
    throw InputError(ErrorCode::batch_discarded, "batch " + id + " was discarded on " + on +
                     " and cannot be dispatched; select a new batch with `cartero select`", {{"batch", id}, {"date", on.substr(0, 10)}});
  }
  if (batch->status == "dispatched") {
    const std::string on = batch->dispatched_on.empty() ? "?" : batch->dispatched_on;
    throw InputError(ErrorCode::batch_already_dispatched,
                     "batch " + id + " was already dispatched on " + on + "; a dispatched batch cannot be dispatched again",
                     {{"batch", id}, {"date", on}});
  }
  throw InputError(ErrorCode::batch_without_letters, "batch " + id + " has no letters yet: run `cartero letters --batch " + id +
                   " --out DIR` first, print them, then dispatch", {{"batch", id}});
}

// The letters of accounts that paid after the cutoff: voided here, inside
// the dispatch's transaction, so mark_sent leaves them out.
std::vector<HeldBackLetter> hold_back_paid(Database& db, std::int64_t batch_id, Date cutoff) {
  const auto settings = selection::batch_settings(db, batch_id);
  if (settings && !settings->recheck_payments_at_dispatch) return {};
  std::unordered_map<std::string, HeldBackLetter> by_account;
  for_each_batch_letter(db, batch_id, [&](const BatchLetter& l) {
    if (!l.void_reason.empty()) return;
    by_account.emplace(std::string(l.account_id), HeldBackLetter{std::string(l.letter_id), std::string(l.account_id),
                                                                 l.part, l.page, Date{}, 0});
  });
  std::map<std::string, HeldBackLetter> paid;  // by letter id: the list in number order
  selection::for_each_payment(db, cutoff.plus_days(1), [&](std::string_view account, Date on, Pesos amount) {
    if (amount <= 0) return;
    const auto it = by_account.find(std::string(account));
    if (it == by_account.end()) return;
    auto [p, added] = paid.try_emplace(it->second.letter_id, it->second);
    if (added || on > p->second.paid_on) {
      p->second.paid_on = on;
      p->second.amount = amount;
    }
  });
  std::vector<HeldBackLetter> out;
  for (auto& [id, h] : paid) {
    store::void_letter(db, batch_id, id,
                       "paid_after_cutoff: " + h.paid_on.iso() + " " + std::to_string(h.amount) + " pesos");
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace

DispatchResult dispatch_batch(Database& db, std::int64_t batch_id, Date date, const std::string& user) {
  // Ley 2300 de 2023: no contact with debtors on Sundays or public holidays.
  if (const auto why = non_contact_day_reason(date); !why.empty()) {
    throw InputError(ErrorCode::no_contact_day, "dispatch: " + date.iso() + " is " +
                     (why == "domingo" ? std::string("a Sunday") : "a public holiday (" + why + ")") +
                     ", when no debtor may be contacted (Ley 2300 de 2023): dispatch on " + next_contact_day(date).iso() +
                     " instead",
                     {{"date", date.iso()}, {"why", why == "domingo" ? std::string("domingo") : "festivo (" + why + ")"},
                      {"next", next_contact_day(date).iso()}});
  }
  // A second notice counts only on another day than the first (Ley 1266
  // art. 12): its batch left out every account with a letter sent on or
  // after its cutoff, so from the cutoff on the days differ.
  if (const auto b = selection::find_batch(db, batch_id); b && b->notice == 2 && date < b->cutoff) {
    const std::string id = std::to_string(batch_id);
    throw InputError(ErrorCode::second_notice_same_day,
                     "dispatch: batch " + id + " carries second notices, selected as of " + b->cutoff.iso() +
                         "; dispatched on " + date.iso() + " a letter could fall on the day of its first notice and not count: "
                         "dispatch on or after " + b->cutoff.iso(),
                     {{"batch", id}, {"cutoff", b->cutoff.iso()}, {"date", date.iso()}});
  }
  const std::string at = now_bogota_iso();
  sql::Transaction tx(db);
  // Selection owns the batch's status: the test and the change are one
  // statement there, so of two dispatches at once the second is refused.
  if (!selection::mark_dispatched(db, batch_id, date, user, at)) refuse(db, batch_id);
  // Stale or overlapping: refused, and the change above rolls back.
  BatchState state = load_batch_state(db, batch_id);
  state.status = "generated";
  check_mailable(db, state, date, "dispatched");
  auto held_back = hold_back_paid(db, batch_id, state.cutoff);
  const std::int64_t letters = store::mark_sent(db, batch_id, date);
  tx.commit();
  return {batch_id, date, letters, user, at, std::move(held_back)};
}

std::string to_json(const DispatchResult& r) {
  JsonWriter j;
  j.begin_object().key("batch").value(r.batch_id).key("dispatched_on").value(r.date.iso()).key("letters").value(r.letters);
  j.key("dispatched_by").value(r.dispatched_by).key("dispatched_at").value(r.dispatched_at).key("status").value("dispatched");
  j.key("held_back").begin_array();
  for (const auto& h : r.held_back) {
    j.begin_object().key("letter_id").value(h.letter_id).key("account_id").value(h.account_id);
    j.key("part").value(h.part).key("page").value(h.page).key("paid_on").value(h.paid_on.iso());
    j.key("amount").value(h.amount).end_object();
  }
  j.end_array().end_object();
  return j.str();
}

void discard_batch(Database& db, std::int64_t batch_id, const std::string& user) {
  mark_discarded(db, batch_id, user);
}

}  // namespace cartero::letters
