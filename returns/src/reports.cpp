#include "cartero/returns/reports.hpp"

#include "cartero/core/people_export.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "cartero/core/address.hpp"
#include "cartero/core/csv.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/letters/printed.hpp"
#include "cartero/selection/accounts.hpp"
#include "cartero/selection/batch.hpp"
#include "store.hpp"

namespace cartero::returns {

namespace {

// Counts one batch's letters, deliveries and returns by cause and zone.
struct Tally {
  std::int64_t letters = 0, delivered = 0, returned = 0;
  std::map<std::string, std::int64_t> by_cause, by_zone;
};

// The letters' batch and zone come from letters/, the deliveries and returns
// from this folder's store; joined here, one pass over each (a report is
// kept by the web server under returns_state, so this runs when they change).
std::map<std::int64_t, Tally> tally(Database& db, std::optional<std::int64_t> batch) {
  struct Place {
    std::int64_t batch;
    std::string zone;
  };
  std::unordered_map<std::string, Place> places;
  std::map<std::int64_t, Tally> out;
  letters::for_each_letter_place(db, batch, [&](const letters::LetterPlace& p) {
    places.emplace(std::string(p.letter_id), Place{p.batch_id, std::string(p.zone)});
    ++out[p.batch_id].letters;
  });
  std::string key;
  const auto find = [&](std::string_view letter_id) -> const Place* {
    key.assign(letter_id);
    const auto it = places.find(key);
    return it == places.end() ? nullptr : &it->second;
  };
  store::for_each_delivery(db, [&](std::string_view letter_id) {
    if (const auto* p = find(letter_id)) ++out[p->batch].delivered;
  });
  store::for_each_return_cause(db, [&](std::string_view letter_id, std::string_view cause) {
    const auto* p = find(letter_id);
    if (!p) return;
    auto& t = out[p->batch];
    ++t.by_cause[std::string(cause)];
    ++t.by_zone[p->zone];
    ++t.returned;
  });
  return out;
}

void fill(BatchReport& r, Tally& t, const ReportSettings& s) {
  r.letters = t.letters;
  r.delivered = t.delivered;
  r.returned = t.returned;
  r.pending = r.letters - r.delivered - r.returned;
  for (const auto& info : all_causes()) {
    const std::int64_t n = t.by_cause[std::string(info.code)];
    r.returns_by_cause.emplace_back(info.code, n);
    if (std::find(s.notified_causes.begin(), s.notified_causes.end(), info.cause) != s.notified_causes.end()) r.notified += n;
  }
  r.returns_by_zone.assign(t.by_zone.begin(), t.by_zone.end());
}

void pairs(JsonWriter& j, const std::vector<std::pair<std::string, std::int64_t>>& v) {
  j.begin_object();
  for (const auto& [k, n] : v) j.key(k).value(n);
  j.end_object();
}

}  // namespace

std::vector<BatchReport> batch_reports(Database& db, const ReportSettings& s, std::optional<std::int64_t> batch) {
  std::vector<BatchReport> out;
  if (batch) {
    const auto b = selection::find_batch(db, *batch);
    if (!b) throw InputError(ErrorCode::no_such_batch, "there is no batch " + std::to_string(*batch), {{"batch", std::to_string(*batch)}});
    BatchReport r;
    r.batch_id = b->id;
    r.status = b->status;
    r.cutoff = b->cutoff.iso();
    r.dispatched_on = b->dispatched_on;
    out.push_back(std::move(r));
  } else {
    for (const auto& b : selection::list_batches(db)) {
      BatchReport r;
      r.batch_id = b.id;
      r.status = b.status;
      r.cutoff = b.cutoff;
      r.dispatched_on = b.dispatched_on;
      out.push_back(std::move(r));
    }
  }
  auto tallies = tally(db, batch);
  for (auto& r : out) fill(r, tallies[r.batch_id], s);
  return out;
}

std::string to_json(const std::vector<BatchReport>& reports) {
  JsonWriter j;
  j.begin_array();
  for (const auto& r : reports) {
    j.begin_object().key("batch").value(r.batch_id).key("status").value(r.status).key("cutoff").value(r.cutoff);
    j.key("dispatched_on").value(r.dispatched_on).key("letters").value(r.letters).key("delivered").value(r.delivered);
    j.key("returned").value(r.returned).key("pending").value(r.pending).key("notified").value(r.notified);
    j.key("notified_share").value(r.letters ? static_cast<double>(r.delivered + r.notified) / static_cast<double>(r.letters) : 0.0);
    j.key("returns_by_cause");
    pairs(j, r.returns_by_cause);
    j.key("returns_by_zone");
    pairs(j, r.returns_by_zone);
    j.end_object();
  }
  j.end_array();
  return j.str();
}

void write_csv(const std::string& path, const std::vector<BatchReport>& reports, ExportFormat format) {
  std::vector<ExportColumn> columns = {{"batch", "Lote", CellKind::number}, {"status", "Estado"},
                                       {"cutoff", "Corte", CellKind::date}, {"dispatched_on", "Despacho", CellKind::date},
                                       {"letters", "Cartas", CellKind::number}, {"delivered", "Entregadas", CellKind::number},
                                       {"returned", "Devueltas", CellKind::number}, {"pending", "Pendientes", CellKind::number},
                                       {"notified", "Notificadas", CellKind::number}};
  for (const auto& info : all_causes()) {
    columns.push_back({"returned_" + std::string(info.code), "Devueltas: " + std::string(info.label), CellKind::number});
  }
  auto w = open_export(path, format, "Lotes", columns);
  std::vector<std::string> labels(columns.size());
  for (const auto& r : reports) {
    std::vector<std::string> row = {std::to_string(r.batch_id), r.status, r.cutoff, r.dispatched_on, std::to_string(r.letters),
                                    std::to_string(r.delivered), std::to_string(r.returned), std::to_string(r.pending),
                                    std::to_string(r.notified)};
    for (const auto& [cause, n] : r.returns_by_cause) row.push_back(std::to_string(n));
    labels[1] = r.status == "draft" ? "Borrador" : r.status == "generated" ? "Cartas generadas" : r.status == "dispatched" ? "Despachado" : r.status;
    w->row(row, labels);
  }
  w->close();
}

std::vector<CaseAge> case_ages(Database& db, const ReportSettings& s, Date today) {
  std::map<std::string, CaseAge> ages;
  for (const char* kind : {"field_check", "cleanup", "address_update"}) {
    ages[kind] = {kind, 0, 0, 0, std::string(kind) == "field_check" ? s.field_deadline_days : s.billing_deadline_days};
  }
  store::for_each_open_case(db, [&](std::string_view, std::string_view kind, std::string_view opened_at) {
    auto& a = ages[std::string(kind)];
    const auto opened = Date::parse_iso(opened_at.substr(0, 10));
    const std::int64_t days = opened ? today.days() - opened->days() : 0;
    ++a.open;
    a.oldest_days = std::max(a.oldest_days, days);
    if (days > a.deadline_days) ++a.overdue;
    ++a.by_age[days <= 7 ? 0 : days <= 15 ? 1 : days <= 30 ? 2 : 3];
  });
  std::vector<CaseAge> out;
  for (auto& [kind, a] : ages) out.push_back(a);
  return out;
}

std::string to_json(const std::vector<CaseAge>& ages) {
  JsonWriter j;
  j.begin_array();
  for (const auto& a : ages) {
    j.begin_object().key("kind").value(a.kind).key("open").value(a.open).key("overdue").value(a.overdue);
    j.key("oldest_days").value(a.oldest_days).key("deadline_days").value(a.deadline_days).key("by_age").begin_array();
    for (const auto n : a.by_age) j.value(n);
    j.end_array().end_object();
  }
  j.end_array();
  return j.str();
}

std::string returns_state(Database& db) {
  // Each owner tells its own state: the register and cases here, the
  // batches and imports in selection.
  return store::register_state(db) + "," + selection::batches_state(db);
}

namespace {

void field(JsonWriter& j, const char* name, const std::optional<std::string>& v) {
  j.key(name);
  if (v) j.value(*v); else j.null();
}

}  // namespace

std::string account_history_json(Database& db, const std::string& account_id) {
  JsonWriter j;
  j.begin_object().key("account_id").value(account_id);
  // The address the next letter goes to, and where it came from.
  if (const auto a = selection::account_in_force(db, account_id)) {
    const auto parsed = parse_address(a->address);
    j.key("address").begin_object().key("in_force").value(a->address).key("source").value(selection::code(a->address_source));
    j.key("snapshot").value(a->snapshot_address).key("recorded_by").value(a->address_recorded_by);
    j.key("recorded_at").value(a->address_recorded_at).key("canonical").value(parsed.canonical);
    j.key("verdict").value(code(parsed.verdict)).end_object();
  }
  j.key("events").begin_array();
  std::size_t events = 0;
  const auto letters = letters::letters_of_account(db, account_id);
  std::vector<std::string> ids;
  for (const auto& l : letters) {
    ++events;
    ids.push_back(l.letter_id);
    j.begin_object().key("type").value("letter").key("date").value(l.issued_on).key("letter_id").value(l.letter_id);
    j.key("batch").value(std::to_string(l.batch_id)).key("balance").value(std::to_string(l.balance));
    field(j, "sent_on", l.sent_on ? std::optional<std::string>(l.sent_on->iso()) : std::nullopt);
    j.end_object();
  }
  for (const auto& id : ids) {
    if (const auto on = store::delivered_on(db, id)) {
      ++events;
      j.begin_object().key("type").value("delivered").key("date").value(*on).key("letter_id").value(id).end_object();
    }
  }
  for (const auto& r : store::returns_of_letters(db, ids)) {
    ++events;
    const auto page = r.scan_page_id ? store::page_source(db, *r.scan_page_id) : std::nullopt;
    j.begin_object().key("type").value("returned").key("date").value(r.returned_on).key("letter_id").value(r.letter_id);
    j.key("return_id").value(std::to_string(r.return_id)).key("cause").value(r.cause).key("observation").value(r.observation);
    j.key("registered_by").value(r.registered_by).key("source").value(r.source);
    field(j, "scanned_file", page ? std::optional<std::string>(page->stored_path) : std::nullopt);
    field(j, "scanned_page", page ? std::optional<std::string>(std::to_string(page->page)) : std::nullopt);
    if (!r.voided_at.empty()) j.key("voided_at").value(r.voided_at).key("voided_by").value(r.voided_by).key("void_reason").value(r.void_reason);
    j.end_object();
  }
  for (const auto& c : store::cases_of_account(db, account_id)) {
    ++events;
    j.begin_object().key("type").value("case").key("date").value(c.opened_at).key("case_id").value(std::to_string(c.id));
    j.key("kind").value(c.kind).key("cause").value(c.cause).key("status").value(c.status);
    field(j, "outcome", c.outcome);
    field(j, "closed_at", c.closed_at);
    field(j, "closed_by", c.closed_by);
    field(j, "note", c.note);
    j.end_object();
  }
  j.end_array().key("exclusions").begin_array();
  auto batches = selection::list_batches(db);
  std::reverse(batches.begin(), batches.end());  // oldest first
  for (const auto& b : batches) {
    if (const auto reasons = selection::excluded_reasons(db, b.id, account_id)) {
      ++events;
      j.begin_object().key("batch").value(b.id).key("reasons").value(reasons->joined()).end_object();
    }
  }
  j.end_array().end_object();
  if (events == 0 && !selection::in_snapshot(db, account_id)) {
    throw InputError(ErrorCode::no_such_account, "account " + account_id + " is not in the portfolio and has no history",
                     {{"account", account_id}});
  }
  return j.str();
}

}  // namespace cartero::returns
