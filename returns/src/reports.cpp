#include "cartero/returns/reports.hpp"

#include <algorithm>
#include <map>

#include "cartero/core/csv.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/selection/batch.hpp"

namespace cartero::returns {

namespace {

std::int64_t count(Database& db, const std::string& query, const std::string& batch) {
  return std::stoll(sql::scalar(db, query, {batch}).value_or("0"));
}

void fill(Database& db, BatchReport& r, const ReportSettings& s) {
  const std::string id = std::to_string(r.batch_id);
  r.letters = count(db, "SELECT COUNT(*) FROM letters WHERE batch_id = ?", id);
  r.delivered = count(db, "SELECT COUNT(*) FROM deliveries d JOIN letters l ON l.letter_id = d.letter_id WHERE l.batch_id = ?", id);
  // Counted by the engine, one row per cause and zone, not a row per return.
  std::map<std::string, std::int64_t> by_cause, by_zone;
  sql::for_each_row(db,
                    "SELECT r.cause, l.zone, COUNT(*) FROM returns r JOIN letters l ON l.letter_id = r.letter_id "
                    "WHERE l.batch_id = ? GROUP BY r.cause, l.zone",
                    {id}, [&](const sql::Row& row) {
                      const std::int64_t n = row.int64(2);
                      by_cause[std::string(row.text(0))] += n;
                      by_zone[std::string(row.text(1))] += n;
                      r.returned += n;
                    });
  r.pending = r.letters - r.delivered - r.returned;
  for (const auto& info : all_causes()) {
    const std::int64_t n = by_cause[std::string(info.code)];
    r.returns_by_cause.emplace_back(info.code, n);
    if (std::find(s.notified_causes.begin(), s.notified_causes.end(), info.cause) != s.notified_causes.end()) r.notified += n;
  }
  r.returns_by_zone.assign(by_zone.begin(), by_zone.end());
}

void pairs(JsonWriter& j, const std::vector<std::pair<std::string, std::int64_t>>& v) {
  j.begin_object();
  for (const auto& [k, n] : v) j.key(k).value(n);
  j.end_object();
}

}  // namespace

std::vector<BatchReport> batch_reports(Database& db, const ReportSettings& s, std::optional<std::int64_t> batch) {
  std::vector<BatchReport> out;
  sql::for_each_row(db,
                    std::string("SELECT id, status, cutoff, COALESCE(dispatched_on, '') FROM batches") +
                        (batch ? " WHERE id = " + std::to_string(*batch) : "") + " ORDER BY id DESC",
                    {}, [&](const sql::Row& r) {
                      BatchReport b;
                      b.batch_id = r.int64(0);
                      b.status = r.text(1);
                      b.cutoff = r.text(2);
                      b.dispatched_on = r.text(3);
                      out.push_back(std::move(b));
                    });
  if (batch && out.empty()) throw InputError(ErrorCode::no_such_batch, "there is no batch " + std::to_string(*batch), {{"batch", std::to_string(*batch)}});
  for (auto& b : out) fill(db, b, s);
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

void write_csv(const std::string& path, const std::vector<BatchReport>& reports) {
  CsvWriter w(path);
  std::vector<std::string> header = {"batch", "status", "cutoff", "dispatched_on", "letters", "delivered", "returned", "pending", "notified"};
  for (const auto& info : all_causes()) header.push_back("returned_" + std::string(info.code));
  w.row({header.begin(), header.end()});
  for (const auto& r : reports) {
    std::vector<std::string> row = {std::to_string(r.batch_id), r.status, r.cutoff, r.dispatched_on, std::to_string(r.letters),
                                    std::to_string(r.delivered), std::to_string(r.returned), std::to_string(r.pending),
                                    std::to_string(r.notified)};
    for (const auto& [cause, n] : r.returns_by_cause) row.push_back(std::to_string(n));
    w.row({row.begin(), row.end()});
  }
  w.close();
}

std::vector<CaseAge> case_ages(Database& db, const ReportSettings& s, Date today) {
  std::map<std::string, CaseAge> ages;
  for (const char* kind : {"field_check", "cleanup", "address_update"}) {
    ages[kind] = {kind, 0, 0, 0, std::string(kind) == "field_check" ? s.field_deadline_days : s.billing_deadline_days};
  }
  sql::for_each_row(db, "SELECT kind, opened_at FROM cases WHERE status = 'open'", {}, [&](const sql::Row& r) {
    auto& a = ages[std::string(r.text(0))];
    const auto opened = Date::parse_iso(r.text(1).substr(0, 10));
    const std::int64_t days = opened ? today.days() - opened->days() : 0;
    ++a.open;
    a.oldest_days = std::max(a.oldest_days, days);
    if (days > a.deadline_days) ++a.overdue;
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
    j.key("oldest_days").value(a.oldest_days).key("deadline_days").value(a.deadline_days).end_object();
  }
  j.end_array();
  return j.str();
}

std::string returns_state(Database& db) {
  std::string state;
  sql::for_each_row(db,
                    "SELECT (SELECT COALESCE(MAX(return_id), 0) FROM returns), (SELECT COUNT(*) FROM return_corrections), "
                    "(SELECT version FROM data_versions WHERE name = 'cases'), "
                    "(SELECT version FROM data_versions WHERE name = 'deliveries'), (SELECT COALESCE(MAX(id), 0) FROM batches), "
                    "(SELECT COUNT(*) FROM batches WHERE status = 'generated'), (SELECT COUNT(*) FROM batches WHERE status = 'dispatched'), "
                    "(SELECT COALESCE(MAX(id), 0) FROM imports)",
                    {}, [&](const sql::Row& r) {
                      for (int i = 0; i < 8; ++i) state += std::to_string(r.int64(i)) + (i < 7 ? "," : "");
                    });
  return state;
}

std::string account_history_json(Database& db, const std::string& account_id) {
  JsonWriter j;
  j.begin_object().key("account_id").value(account_id).key("events").begin_array();
  std::size_t events = 0;
  const auto add = [&](const sql::Row& r, const char* type, int fields, const char* const* names) {
    ++events;
    j.begin_object().key("type").value(type);
    for (int i = 0; i < fields; ++i) {
      j.key(names[i]);
      if (r.is_null(i)) j.null(); else j.value(r.text(i));
    }
    j.end_object();
  };
  static const char* const k_letter[] = {"date", "letter_id", "batch", "balance", "sent_on"};
  sql::for_each_row(db, "SELECT issued_on, letter_id, batch_id, balance, sent_on FROM letters WHERE account_id = ? ORDER BY issued_on",
                    {account_id}, [&](const sql::Row& r) { add(r, "letter", 5, k_letter); });
  static const char* const k_delivery[] = {"date", "letter_id"};
  sql::for_each_row(db, "SELECT d.delivered_on, d.letter_id FROM deliveries d JOIN letters l ON l.letter_id = d.letter_id WHERE l.account_id = ?",
                    {account_id}, [&](const sql::Row& r) { add(r, "delivered", 2, k_delivery); });
  static const char* const k_return[] = {"date", "letter_id", "return_id", "cause", "observation", "registered_by", "source",
                                         "scanned_file", "scanned_page"};
  sql::for_each_row(db,
                    "SELECT r.returned_on, r.letter_id, r.return_id, r.cause, r.observation, r.registered_by, r.source, "
                    "f.stored_path, p.page FROM returns r JOIN letters l ON l.letter_id = r.letter_id "
                    "LEFT JOIN scan_pages p ON p.id = r.scan_page_id LEFT JOIN scan_files f ON f.sha256 = p.file_sha256 "
                    "WHERE l.account_id = ?",
                    {account_id}, [&](const sql::Row& r) { add(r, "returned", 9, k_return); });
  static const char* const k_case[] = {"date", "case_id", "kind", "cause", "status", "outcome", "closed_at", "closed_by", "note"};
  sql::for_each_row(db, "SELECT opened_at, id, kind, cause, status, outcome, closed_at, closed_by, note FROM cases WHERE account_id = ? ORDER BY id",
                    {account_id}, [&](const sql::Row& r) { add(r, "case", 9, k_case); });
  j.end_array().key("exclusions").begin_array();
  std::vector<std::int64_t> batches;
  sql::for_each_row(db, "SELECT id FROM batches ORDER BY id", {}, [&](const sql::Row& r) { batches.push_back(r.int64(0)); });
  for (const auto b : batches) {
    if (const auto reasons = selection::excluded_reasons(db, b, account_id)) {
      ++events;
      j.begin_object().key("batch").value(b).key("reasons").value(reasons->joined()).end_object();
    }
  }
  j.end_array().end_object();
  if (events == 0 && !sql::scalar(db, "SELECT account_id FROM accounts WHERE account_id = ?", {account_id})) {
    throw InputError(ErrorCode::no_such_account, "account " + account_id + " is not in the portfolio and has no history",
                     {{"account", account_id}});
  }
  return j.str();
}

}  // namespace cartero::returns
