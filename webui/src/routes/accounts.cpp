// The API's accounts routes: each handler parses the request, calls one service and renders.
#include "common.hpp"

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

}  // namespace cartero::webui
