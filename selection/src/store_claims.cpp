#include "store_claims.hpp"

#include "cartero/core/sql.hpp"
#include "store_imports.hpp"

namespace cartero::selection::store {

std::int64_t replace_claims(Database& db, const std::vector<ClaimRow>& rows) {
  const std::int64_t before = count_rows(db, "claims");
  sql::clear_table(db, "claims");
  sql::BulkWriter out(db, "claims", {"claim_id", "account_id", "filed_on", "disputed_amount", "status"});
  for (const auto& r : rows) {
    out.add(r.claim_id).add(r.account_id).add(r.filed_on.iso()).add(r.disputed_amount).add(r.open ? "open" : "closed");
    out.end_row();
  }
  out.finish();
  return before;
}

void for_each_open_claim(Database& db, const std::function<void(std::string_view, Pesos)>& fn) {
  sql::for_each_row(db, "SELECT account_id, disputed_amount FROM claims WHERE status = 'open'", {},
                    [&](const sql::Row& r) { fn(r.text(0), r.int64(1)); });
}

std::int64_t replace_contacts(Database& db, const std::vector<ContactRow>& rows) {
  const std::int64_t before = count_rows(db, "contacts");
  sql::clear_table(db, "contacts");
  sql::BulkWriter out(db, "contacts", {"account_id", "channel", "contacted_on", "contacted_at"});
  for (const auto& r : rows) {
    out.add(r.account_id).add(r.channel).add(r.contacted_on.iso()).add(r.contacted_at);
    out.end_row();
  }
  out.finish();
  return before;
}

void for_each_contact_since(Database& db, Date from, const std::function<void(std::string_view, Date)>& fn) {
  sql::for_each_row(db, "SELECT account_id, contacted_on FROM contacts WHERE contacted_on >= ? AND channel <> 'letter'",
                    {from.iso()}, [&](const sql::Row& r) {
                      if (const auto d = Date::parse_iso(r.text(1))) fn(r.text(0), *d);
                    });
}

}  // namespace cartero::selection::store
