// The API's campaign and proof routes: a batch's brief and its approval,
// what the letters recovered, the quality report, the accounts that may be
// reported to the credit bureaus and an account's certificate. Each handler
// parses the request, calls one service and renders.
#include "cartero/campaign/brief.hpp"
#include "cartero/campaign/effectiveness.hpp"
#include "cartero/campaign/quality.hpp"
#include "cartero/proof/bureau.hpp"
#include "cartero/proof/certificate.hpp"
#include "cartero/selection/approval.hpp"
#include "common.hpp"

namespace cartero::webui {
namespace {

// Who reads the campaign's reports: analysts, admins and supervisors.
const Session& require_reader(const Request& r) { return r.require({Role::analyst, Role::admin, Role::supervisor}); }

// The bureau list answers the first rows as JSON; the download has them all.
constexpr std::size_t k_bureau_rows = 1000;

}  // namespace

// The batch's brief (seed 001's F559): JSON with its SHA-256 and whether
// this user may approve it (an admin or supervisor who did not select it),
// or `?format=pdf` the PDF an approver reads.
Reply get_batch_brief(Request& r, Database& db, Services& services) {
  const auto& s = require_reader(r);
  campaign::BriefOptions o;
  o.batch_id = id_of(r.path[2]);
  const auto brief = campaign::batch_brief(db, o);
  if (query_text(r, "format") == "pdf") {
    return temporary_file(services, "resumen-lote-" + std::to_string(o.batch_id) + ".pdf", true,
                          [&](const std::string& path) { campaign::write_brief_pdf(brief, path); });
  }
  JsonWriter j;
  j.begin_object().key("brief_sha256").value(brief.sha256).key("brief").raw(brief.json);
  const bool selected_it = selection::batch_creator(db, o.batch_id) == s.user.name;
  j.key("may_approve").value(access::may_approve(s.user.role) && !selected_it).key("selected_it").value(selected_it).end_object();
  return {200, j.str()};
}

// The approval before printing, by an admin or supervisor who did not
// select the batch (campaign::approve_batch says why not, by code).
Reply post_batch_approve(Request& r, Database& db, Services&) {
  const auto& s = r.user();
  r.require_csrf();
  campaign::BriefOptions o;
  o.batch_id = id_of(r.path[2]);
  std::string approval;
  audited(db, s.user.name, "batch.approve", std::to_string(o.batch_id), [&] {
    const auto a = campaign::approve_batch(db, o, s.user.name, access::may_approve(s.user.role));
    JsonWriter j;
    j.begin_object().key("batch").value(a.batch_id).key("approved_by").value(a.approved_by);
    j.key("approved_at").value(a.approved_at).key("brief_sha256").value(a.brief_sha256).end_object();
    approval = j.str();
    return Change{"null", approval};
  });
  return {200, approval};
}

// What a dispatched batch's letters recovered (`?days=30,60,90`), or its
// download (`?format=xlsx|csv`).
Reply get_batch_effectiveness(Request& r, Database& db, Services& services) {
  require_reader(r);
  const auto id = id_of(r.path[2]);
  const auto days = query_text(r, "days");
  const auto report = campaign::effectiveness_report(db, id, days.empty() ? campaign::default_windows() : campaign::parse_windows(days));
  if (const auto format = wanted_export(r, db)) {
    return export_download(services, "efectividad-lote-" + std::to_string(id), *format,
                           [&](const std::string& p) { campaign::write_csv(p, report, *format); });
  }
  return {200, campaign::to_json(report)};
}

// The quality report of the portfolio in force, or of a batch's selected
// accounts (`?batch=ID`), or its download.
Reply get_report_quality(Request& r, Database& db, Services& services) {
  require_reader(r);
  const auto batch = query_number(r, "batch");
  if (batch && *batch < 1) throw HttpError(404, "No existe el lote " + std::to_string(*batch) + ".");
  const auto report = campaign::quality_report(db, batch);
  if (const auto format = wanted_export(r, db)) {
    return export_download(services, batch ? "calidad-lote-" + std::to_string(*batch) : std::string("calidad-cartera"), *format,
                           [&](const std::string& p) { campaign::write_csv(p, report, *format); });
  }
  return {200, campaign::to_json(report)};
}

// The accounts whose notice period has run as of `?as_of=DATE` (today by
// default): {"as_of", "notice_days", "total", "accounts": [the first 1,000
// JSON lines of `report bureau`]}, or all of them as a download.
Reply get_report_bureau(Request& r, Database& db, Services& services) {
  require_reader(r);
  Date as_of = Date::today();
  if (const auto text = query_text(r, "as_of"); !text.empty()) {
    const auto d = Date::parse_iso(text);
    if (!d) throw HttpError(400, "La fecha de corte del informe no es válida (AAAA-MM-DD).");
    as_of = *d;
  }
  const auto settings = proof::current_bureau_settings(db);
  const auto lists = proof::bureau_lists(db, as_of, settings);
  const auto& entries = lists.reportable;
  if (const auto format = wanted_export(r, db)) {
    return export_download(services, "reporte-centrales-" + as_of.iso(), *format,
                           [&](const std::string& p) { proof::write_bureau(p, entries, *format, lists.second_notice); });
  }
  const auto lines = [](const std::vector<proof::BureauEntry>& list) {
    std::string out = "[";
    for (std::size_t i = 0; i < list.size() && i < k_bureau_rows; ++i) out += (i ? "," : "") + proof::to_json_line(list[i]);
    return out + "]";
  };
  const std::string json = "{\"as_of\":" + json_quote(as_of.iso()) + ",\"notice_days\":" + std::to_string(settings.notice_days) +
                           ",\"total\":" + std::to_string(entries.size()) + ",\"accounts\":" + lines(entries) +
                           ",\"second_notice\":{\"small_debt_percent\":" + std::to_string(settings.small_debt_percent) +
                           ",\"total\":" + std::to_string(lists.second_notice.size()) +
                           ",\"accounts\":" + lines(lists.second_notice) + "}}";
  return {200, json};
}

// The "Constancia de envío y notificación" of the account's latest
// dispatched letter, as a PDF download (recorded as issued, audited).
Reply post_account_certificate(Request& r, Database& db, Services& services) {
  const auto& s = require_reader(r);
  r.require_csrf();
  const std::string account = r.path[2];
  const auto letter = proof::latest_dispatched_letter(db, account);
  const auto settings = proof::current_bureau_settings(db);
  return temporary_file(services, "constancia-" + letter + ".pdf", true, [&](const std::string& path) {
    audited(db, s.user.name, "certificate.issue", letter, [&] {
      const auto c = proof::write_certificate(db, letter, path, s.user.name, settings);
      JsonWriter after;
      after.begin_object().key("letter_id").value(c.letter_id).key("account_id").value(account);
      after.key("file_sha256").value(c.file_sha256).key("page_verified").value(c.page_verified).end_object();
      return Change{"null", after.str()};
    });
  });
}

}  // namespace cartero::webui
