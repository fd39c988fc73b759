// Private: what the API's route files share: request helpers, the
// downloads made for one reply, and the renderers (render.cpp), one per type.
#pragma once

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <sstream>

#include "../labels.hpp"
#include "../messages.hpp"
#include "../uploads.hpp"
#include "cartero/access/audit.hpp"
#include "cartero/access/users.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/people_export.hpp"
#include "cartero/core/page_notes.hpp"
#include "cartero/letters/generate.hpp"
#include "cartero/returns/cases.hpp"
#include "cartero/returns/lists.hpp"
#include "cartero/returns/register.hpp"
#include "cartero/returns/reports.hpp"
#include "cartero/returns/route_sheet.hpp"
#include "cartero/returns/scan_intake.hpp"
#include "cartero/returns/scan_jobs.hpp"
#include "cartero/returns/selection_history.hpp"
#include "cartero/returns/settings.hpp"
#include "cartero/returns/snapshots.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/selection/explain.hpp"
#include "cartero/selection/import.hpp"
#include "cartero/selection/import_profile.hpp"
#include "cartero/webui/settings.hpp"
#include "routes.hpp"

namespace cartero::webui {

using access::audit;
using access::audited;
using access::Change;

// ---- Request helpers (common.cpp)

std::string text_of(const Poco::JSON::Object::Ptr& o, const std::string& key);
// A path segment as a positive id; HttpError 404 otherwise.
std::int64_t id_of(const std::string& segment);
// Where a batch's letters are written (batch-N/ under the letters folder).
std::string batch_dir(const Services& services, std::int64_t id);
// Every batch's report, computed again only when the register, the
// deliveries, the batches or the report settings changed.
std::shared_ptr<const std::vector<returns::BatchReport>> batch_reports(Database& db, Services& services);
// The order a paged list was asked for: ?sort=KEY&dir=asc|desc, KEY one of
// the list's `keys` (its whitelist: no SQL comes from the client); the
// index of the key in `keys`. nullopt when no sort is asked; HttpError 400
// for a key not in the list or another direction.
struct SortAsked {
  std::size_t key = 0;
  bool descending = false;
};
std::optional<SortAsked> requested_sort(const Request& r, std::initializer_list<std::string_view> keys);
// A page of a work list: ?offset=N&limit=M (the first 200 by default, at
// most 1,000 at a time), the list's length in X-Total-Count. Filtered by
// ?kind= (a case kind) and ?q= (every word starts a word of the account,
// holder, address, neighbourhood, zone or letter, without regard to
// accents or case), sorted by ?sort= (opened, account, holder, zone, cause,
// neighborhood) and ?dir=; else in the list's own order.
Reply list_page(const Request& r, const std::vector<returns::Case>& cases);
// The zone of ?zone=Z that the session may work: field staff only their own.
std::string requested_zone(const Request& r);
ReturnCause cause_from(const Poco::JSON::Object::Ptr& body);
bool wants_csv(const Request& r);
// `?format=xlsx` or `?format=csv` (Excel's Spanish dialect, or the machine
// one when the import profile's csv_dialect says so); nullopt for JSON.
std::optional<ExportFormat> wanted_export(const Request& r, Database& db);
// A list's download: NAME.xlsx or NAME.csv.
Reply export_download(const Services& services, const std::string& name, ExportFormat format,
                      const std::function<void(const std::string&)>& write);
// A file made for one reply, under the uploads folder, removed once sent;
// an attachment named `name` when `attachment` (else shown by the browser).
Reply temporary_file(const Services& services, const std::string& name, bool attachment,
                     const std::function<void(const std::string&)>& write);
Reply csv_download(const Services& services, const std::string& name, const std::function<void(const std::string&)>& write);

// ---- Renderers (render.cpp), one per type

std::string session_json(const Session& s);
std::string user_json(const User& u);
std::string cases_json(const std::vector<returns::Case>& cases);
std::string batches_json(const std::vector<selection::BatchSummary>& batches);  // with who dispatched each, and when
// The pages in review, with their note as a code and its Spanish label.
std::string review_json(const std::vector<returns::ReviewItem>& items);
std::string audit_json(const std::vector<access::AuditEntry>& entries);
void write_return(JsonWriter& j, const returns::ReturnRow& row);  // one row of the register, with its cause's label

}  // namespace cartero::webui
