// Disputes and contacts from the office's other systems (issue 18, items 4
// and 5): the claims and appeals in process (Ley 142 de 1994, arts. 154-155)
// and the contacts made through other channels (Ley 2300 de 2023). Both are
// read through the exports' TableReader (CSV or XLSX, Spanish headers,
// dd/mm/yyyy) with the import profile's names ("claims", "contacts"), and
// each import replaces the previous one in one transaction.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"
#include "cartero/selection/import.hpp"

namespace cartero::selection {

// `cartero import claims FILE`: columns account_id, claim_id, filed_on,
// disputed_amount, status (open|closed; "En trámite", "Cerrado"…). A row
// naming an account that is not in the portfolio, a claim number repeated,
// a date that is not one or lies after `today`, an amount or status not
// understood is rejected with its line and field. Any rejected row refuses
// the whole file (InputError listing the rows; the claims in force are kept)
// unless options.accept_rejected, which imports the good rows.
ImportSummary import_claims(Database& db, const std::string& path, const ImportOptions& options, Date today);

// `cartero import contacts FILE`: columns account_id, channel (call, sms,
// email, whatsapp, visit, letter; Spanish names understood), contacted_at
// ("16/02/2026 10:30", a date, an Excel date-time) and optionally a
// separate time column. A contact dated after `today` is a row error; the
// rest as import_claims.
ImportSummary import_contacts(Database& db, const std::string& path, const ImportOptions& options, Date today);

// "claims" or "contacts": the kinds import_claims and import_contacts log.
bool is_claims_kind(std::string_view kind);

// `cartero import undo claims|contacts`: puts back the claims (or contacts)
// the last import replaced, in one transaction; the ones it replaces are
// kept, so undoing again redoes. InputError: another kind
// (unknown_import_kind), nothing to put back (nothing_to_undo).
UndoSummary undo_claims_import(Database& db, std::string_view kind);

// Every open claim (the last import's): its account and disputed amount,
// in no order. For the bureau report, which leaves disputed debts out.
void for_each_open_claim(Database& db, const std::function<void(std::string_view account_id, Pesos disputed)>& fn);

}  // namespace cartero::selection
