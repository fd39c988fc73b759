#include "cartero/campaign/brief.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <map>
#include <sstream>

#include "cartero/core/error.hpp"
#include "cartero/core/digest.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/letters/generate.hpp"
#include "cartero/selection/accounts.hpp"
#include "cartero/selection/approval.hpp"
#include "cartero/selection/batch.hpp"

namespace cartero::campaign {

namespace {

struct Tally {
  std::int64_t accounts = 0;
  Pesos pesos = 0;
};
using Breakdown = std::map<std::string, Tally>;

void breakdown(JsonWriter& j, const char* key, const Breakdown& b) {
  j.key(key).begin_array();
  for (const auto& [value, t] : b) {
    j.begin_object().key("value").value(value).key("accounts").value(t.accounts).key("pesos").value(t.pesos).end_object();
  }
  j.end_array();
}

// The top-level keys whose value differs between two settings (Poco::JSON
// is this file's adapter for reading the documents settings_to_json writes).
std::vector<std::string> differing_keys(const selection::Settings& a, const selection::Settings& b) {
  Poco::JSON::Parser parser;
  const auto oa = parser.parse(selection::settings_to_json(a)).extract<Poco::JSON::Object::Ptr>();
  parser.reset();
  const auto ob = parser.parse(selection::settings_to_json(b)).extract<Poco::JSON::Object::Ptr>();
  const auto text = [](const Poco::Dynamic::Var& v) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(v, out);
    return out.str();
  };
  std::vector<std::string> out;
  for (const auto& key : oa->getNames()) {
    if (!ob->has(key) || text(oa->get(key)) != text(ob->get(key))) out.push_back(key);
  }
  return out;
}

letters::GenerateOptions texts_options(const BriefOptions& o) {
  letters::GenerateOptions g;
  g.batch_id = o.batch_id;
  g.template_path = o.template_path;
  g.sender_path = o.sender_path;
  return g;
}

}  // namespace

Brief batch_brief(Database& db, const BriefOptions& o) {
  const std::string id = std::to_string(o.batch_id);
  const auto batch = selection::find_batch(db, o.batch_id);
  const auto rules = selection::batch_settings(db, o.batch_id);
  if (!batch || !rules) throw InputError(ErrorCode::no_such_batch, "there is no batch " + id + " (see `cartero report batches`)", {{"batch", id}});
  const auto texts = letters::print_texts(db, texts_options(o));
  Tally total;
  Breakdown by_use, by_billing, by_zone;
  std::vector<std::string> ids;
  selection::for_each_selected(db, o.batch_id, [&](const selection::SelectedEntry& e) {
    ids.emplace_back(e.account_id);
    for (auto* t : {&total, &by_use[std::string(code(e.use_type))], &by_billing[std::string(code(e.billing_type))]}) {
      ++t->accounts;
      t->pesos += e.balance;
    }
  });
  const auto accounts = selection::accounts_in_force(db, ids);
  for (const auto& [account, a] : accounts) {
    auto& t = by_zone[a.zone];
    ++t.accounts;
    t.pesos += a.balance;
  }
  std::int64_t held_out = 0;
  selection::for_each_excluded(db, o.batch_id, [&](std::string_view, selection::Reasons r) {
    held_out += r.has(selection::Reason::control_group);
  });
  JsonWriter j;
  // A batch of second notices says so (Ley 1266 art. 12: small debts need two).
  const std::string purpose = batch->notice == 2 && o.purpose == BriefOptions{}.purpose
                                  ? o.purpose + ": segundo aviso de las deudas pequeñas avisadas una sola vez (Ley 1266 de 2008, art. 12)"
                                  : o.purpose;
  j.begin_object().key("batch").value(o.batch_id).key("purpose").value(purpose);
  j.key("cutoff").value(batch->cutoff.iso()).key("status").value(batch->status);
  j.key("created_by").value(selection::batch_creator(db, o.batch_id));
  j.key("rules").raw(selection::settings_to_json(*rules)).key("rules_differ_from_saved").begin_array();
  for (const auto& k : differing_keys(*rules, selection::current_settings(db))) j.value(k);
  j.end_array().key("control_group").begin_object().key("percent").value(rules->control_group_percent);
  j.key("accounts").value(held_out).key("note");
  if (rules->control_group_percent > 0) {
    j.value("Grupo de control activo: " + std::to_string(held_out) +
            " cuentas seleccionadas no reciben aviso en este ciclo, para medir el efecto de las cartas.");
  } else {
    j.null();
  }
  j.end_object().key("funnel").raw(selection::stored_funnel_json(db, o.batch_id).value_or("null"));
  j.key("selected").begin_object().key("accounts").value(total.accounts).key("pesos").value(total.pesos);
  breakdown(j, "by_use_type", by_use);
  breakdown(j, "by_billing_type", by_billing);
  breakdown(j, "by_zone", by_zone);
  j.end_object().key("template_sha256").value(texts.template_sha256).key("sender_sha256").value(texts.sender_sha256);
  j.key("letter_tariff").value(rules->letter_tariff).key("estimated_cost");
  if (rules->letter_tariff) j.value(*rules->letter_tariff * total.accounts);
  else j.null();
  j.key("print_on").value(o.print_on).key("dispatch_on").value(o.dispatch_on);
  j.key("approvals").begin_array();
  if (const auto a = selection::latest_approval(db, o.batch_id)) {
    const bool valid = a->covers_sha256 == selection::approval_covers(db, o.batch_id, texts.template_sha256, texts.sender_sha256);
    j.begin_object().key("approved_by").value(a->approved_by).key("approved_at").value(a->approved_at);
    j.key("brief_sha256").value(a->brief_sha256).key("valid").value(valid).end_object();
  }
  j.end_array().end_object();
  Brief b;
  b.json = j.str();
  b.sha256 = sha256_text(b.json);
  return b;
}

ApprovalResult approve_batch(Database& db, const BriefOptions& o, const std::string& approver, bool approver_role_ok) {
  const std::string id = std::to_string(o.batch_id);
  if (!approver_role_ok) {
    throw InputError(ErrorCode::approver_not_allowed,
                     "batch approve: " + approver + " may not approve batches: approvals are for a user of the role "
                     "admin or supervisor (`cartero user add NAME --role supervisor`), not the one who selected the batch",
                     {{"user", approver}});
  }
  sql::Transaction tx(db);
  const auto batch = selection::find_batch(db, o.batch_id);
  if (!batch) throw InputError(ErrorCode::no_such_batch, "there is no batch " + id + " (see `cartero report batches`)", {{"batch", id}});
  if (batch->status == "dispatched" || batch->status == "discarded") {
    throw InputError(ErrorCode::batch_not_approvable,
                     "batch " + id + " is " + batch->status + ": only a batch still to be printed or dispatched is approved",
                     {{"batch", id}, {"status", batch->status == "dispatched" ? "despachado" : "descartado"}});
  }
  const std::string creator = selection::batch_creator(db, o.batch_id);
  if (creator == approver) {
    throw InputError(ErrorCode::approver_selected_batch,
                     "batch approve: " + approver + " selected batch " + id + " and cannot approve it too; another admin or supervisor approves it",
                     {{"user", approver}, {"batch", id}});
  }
  const Brief brief = batch_brief(db, o);
  const auto texts = letters::print_texts(db, texts_options(o));
  selection::Approval a{o.batch_id, approver, now_utc_iso(), brief.sha256,
                        selection::approval_covers(db, o.batch_id, texts.template_sha256, texts.sender_sha256)};
  selection::record_approval(db, a);
  tx.commit();
  return {o.batch_id, approver, a.approved_at, brief.sha256};
}

}  // namespace cartero::campaign
