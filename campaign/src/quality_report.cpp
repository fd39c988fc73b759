// The quality report read from the database, and written as JSON and CSV.
#include <algorithm>

#include "cartero/campaign/quality.hpp"
#include "cartero/core/csv.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/selection/import_log.hpp"

namespace cartero::campaign {

namespace {

std::vector<selection::AccountInForce> batch_accounts(Database& db, std::int64_t batch) {
  std::vector<std::string> ids;
  selection::for_each_selected(db, batch, [&](const selection::SelectedEntry& e) { ids.emplace_back(e.account_id); });
  auto found = selection::accounts_in_force(db, ids);
  std::vector<selection::AccountInForce> out;
  out.reserve(found.size());
  for (auto& [id, a] : found) out.push_back(std::move(a));
  return out;
}

constexpr std::size_t k_json_issues = 1000;

}  // namespace

QualityReport quality_report(Database& db, std::optional<std::int64_t> batch) {
  QualityReport r;
  r.batch = batch;
  const auto log = selection::last_import(db, selection::ImportKind::accounts);
  if (!log) {
    throw InputError(ErrorCode::no_accounts_imported,
                     "report quality: no accounts export was imported yet: run `cartero import accounts FILE.csv` first");
  }
  r.import_file = log->file;
  r.imported_at = log->imported_at;
  r.read = log->read;
  r.rejected = log->rejected;
  r.kept = log->imported;
  std::vector<selection::AccountInForce> accounts;
  if (batch) {
    const auto funnel = selection::stored_funnel_json(db, *batch);
    if (!funnel) {
      throw InputError(ErrorCode::no_such_batch, "report quality: there is no batch " + std::to_string(*batch) + " (see `cartero report batches`)",
                       {{"batch", std::to_string(*batch)}});
    }
    r.funnel_json = *funnel;
    accounts = batch_accounts(db, *batch);
  } else {
    selection::for_each_account_in_force(db, [&](const selection::AccountInForce& a) { accounts.push_back(a); });
  }
  const auto repeated = selection::repeated_accounts(db);
  r.repeated = static_cast<std::int64_t>(repeated.size());
  std::vector<std::string> ids;
  for (const auto& x : repeated) {
    if (ids.empty() || ids.back() != x.values.account_id) ids.push_back(x.values.account_id);
  }
  r.findings = assess(accounts, repeated, ids.empty() ? std::vector<Account>{} : selection::snapshot_accounts(db, ids));
  return r;
}

std::string to_json(const QualityReport& r) {
  JsonWriter j;
  j.begin_object().key("batch").value(r.batch);
  j.key("import").begin_object().key("file").value(r.import_file).key("imported_at").value(r.imported_at);
  j.key("read").value(r.read).key("rejected").value(r.rejected).key("kept").value(r.kept);
  j.key("repeated").value(r.repeated).end_object();
  j.key("accounts").value(r.findings.accounts).key("checks").begin_array();
  for (const auto& c : r.findings.counts) {
    j.begin_object().key("check").value(c.check).key("label").value(quality_label(c.check));
    j.key("accounts").value(c.accounts).end_object();
  }
  j.end_array().key("duplicates").begin_array();
  for (const auto& d : r.findings.duplicates) {
    j.begin_object().key("by").value(d.by).key("key").value(d.key).key("accounts").begin_array();
    for (const auto& a : d.accounts) j.value(a);
    j.end_array().key("differing").begin_array();
    for (const auto& f : d.differing) j.value(f);
    j.end_array();
    if (d.by == "account_id") {
      j.key("lines").begin_array();
      for (const auto l : d.lines) j.value(l);
      j.end_array().key("values").begin_object();
      for (const auto& v : d.values) {
        j.key(v.field).begin_array();
        for (const auto& x : v.values) j.value(x);
        j.end_array();
      }
      j.end_object();
    }
    j.end_object();
  }
  j.end_array().key("funnel");
  if (r.funnel_json.empty()) j.null();
  else j.raw(r.funnel_json);
  j.key("issues").begin_array();
  const auto& issues = r.findings.issues;
  for (std::size_t i = 0; i < std::min(issues.size(), k_json_issues); ++i) {
    j.begin_object().key("account_id").value(issues[i].account_id).key("check").value(issues[i].check);
    j.key("detail").value(issues[i].detail).key("detail_label").value(issues[i].detail_es).end_object();
  }
  j.end_array().key("issues_total").value(issues.size()).end_object();
  return j.str();
}

void write_csv(const std::string& path, const QualityReport& r, ExportFormat format) {
  if (format == ExportFormat::csv_machine) {
    CsvWriter w(path);
    w.row({"account_id", "check", "label", "detail"});
    for (const auto& i : r.findings.issues) w.row({i.account_id, i.check, quality_label(i.check), i.detail});
    w.close();
    return;
  }
  auto w = open_export(path, format, "Calidad",
                       {{"account_id", "Cuenta", CellKind::text}, {"check", "Hallazgo", CellKind::text}, {"detail", "Detalle", CellKind::text}});
  for (const auto& i : r.findings.issues) w->row({i.account_id, i.check, i.detail_es}, {"", std::string(quality_label(i.check)), ""});
  w->close();
}

}  // namespace cartero::campaign
