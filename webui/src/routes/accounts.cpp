// The API's accounts routes: each handler parses the request, calls one service and renders.
#include "common.hpp"
#include "cartero/selection/accounts.hpp"

namespace cartero::webui {
namespace {

bool field_may_see(Database& db, const Session& s, const std::string& account) {
  return returns::on_field_lists(db, account, s.user.zones);
}

}  // namespace


Reply get_account(Request& r, Database& db, Services&) {
  const auto& s = r.user();
  const std::string account = r.path[2];
  if (s.user.role == Role::field && !field_may_see(db, s, account)) {
    throw HttpError(403, "La cuenta no está en las listas de sus zonas.");
  }
  const auto explanation = selection::explain_account(db, account, &returns::selection_history());
  std::string history;
  try {
    history = returns::account_history_json(db, account);
  } catch (const InputError&) {
    throw HttpError(404, "No se encontró la cuenta " + account + " en la cartera ni en el historial.");
  }
  return {200, "{\"explanation\":" + selection::to_json(explanation) + ",\"history\":" + history + "}"};
}

// Account lookup as people type it (?q=): the number in any punctuation,
// the holder, the document or the address, without regard to accents or
// case; ?offset=&limit= (20 by default, at most 200), the count of all in
// X-Total-Count; ?sort= account, holder, balance, days_past_due or zone.
Reply get_accounts(Request& r, Database& db, Services& services) {
  r.require({Role::office, Role::analyst, Role::admin, Role::billing, Role::supervisor});
  const std::string q = query_text(r, "q");
  if (q.empty()) throw HttpError(400, "Escriba el número de cuenta, el nombre del titular, el documento o la dirección (?q=…).");
  const auto limit = std::clamp<std::int64_t>(query_number(r, "limit").value_or(20), 1, 200);
  selection::AccountSort sort;
  if (const auto asked = requested_sort(r, {"account", "holder", "balance", "days_past_due", "zone"})) {
    sort = {static_cast<selection::AccountSort::Key>(asked->key), asked->descending};
  }
  // Without the word table (an import just left it out) the search reads
  // every account's search text, while the server writes the words in
  // the background: nobody waits for them.
  const auto found = selection::find_accounts(db, q, limit, std::max<std::int64_t>(query_number(r, "offset").value_or(0), 0), sort,
                                              services.account_words ? selection::MissingWords::read_without : selection::MissingWords::write);
  if (found.read_without_words && services.account_words) services.account_words->words_missing();
  JsonWriter j;
  j.begin_array();
  for (const auto& a : found.accounts) {
    j.begin_object().key("account_id").value(a.account_id).key("holder_name").value(a.holder_name);
    j.key("document_id").value(a.document_id).key("address").value(a.address).key("neighborhood").value(a.neighborhood);
    j.key("zone").value(a.zone).key("balance").value(static_cast<std::int64_t>(a.balance)).end_object();
  }
  j.end_array();
  Reply reply{200, j.str()};
  reply.headers.emplace_back("X-Total-Count", std::to_string(found.total));
  return reply;
}

}  // namespace cartero::webui
