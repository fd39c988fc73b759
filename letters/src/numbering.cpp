#include "numbering.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/letters/letter_code.hpp"
#include "cartero/selection/batch.hpp"

namespace cartero::letters {

namespace {

struct Address {
  std::string document_id, address, neighborhood, city, zone;
};

std::int64_t count_letters(Database& db, std::int64_t batch_id) {
  return std::stoll(sql::scalar(db, "SELECT COUNT(*) FROM letters WHERE batch_id = ?", {std::to_string(batch_id)}).value_or("0"));
}

// Reserves `count` consecutive numbers of `year` and returns the first. The
// upsert holds the counter's row until the transaction ends, so concurrent
// batches get disjoint ranges and a rollback leaves no gap.
std::int64_t reserve_numbers(Database& db, int year, std::int64_t count) {
  std::int64_t last = 0;
  sql::for_each_row(db,
                    "INSERT INTO letter_counters (year, last_number) VALUES (?, ?) ON CONFLICT (year) DO UPDATE "
                    "SET last_number = letter_counters.last_number + excluded.last_number RETURNING last_number",
                    {std::to_string(year), std::to_string(count)}, [&](const sql::Row& r) { last = r.int64(0); });
  return last - count + 1;
}

// Name and address snapshot of the batch's accounts, from the portfolio.
std::unordered_map<std::string, Address> addresses_of(Database& db, std::int64_t batch_id) {
  std::unordered_map<std::string, Address> out;
  selection::for_each_selected(db, batch_id, [&](const selection::SelectedEntry& e) { out.emplace(e.account_id, Address{}); });
  sql::for_each_row(db, "SELECT account_id, document_id, address, neighborhood, city, zone FROM accounts", {},
                    [&](const sql::Row& r) {
                      const auto it = out.find(std::string(r.text(0)));
                      if (it == out.end()) return;
                      it->second = {std::string(r.text(1)), std::string(r.text(2)), std::string(r.text(3)),
                                    std::string(r.text(4)), std::string(r.text(5))};
                    });
  return out;
}

}  // namespace

bool number_letters(Database& db, std::int64_t batch_id, Date issued_on) {
  if (count_letters(db, batch_id) > 0) return false;
  sql::Transaction tx(db);
  if (count_letters(db, batch_id) > 0) return false;  // numbered meanwhile by another process
  const auto count = std::stoll(
      sql::scalar(db, "SELECT selected_count FROM batches WHERE id = ?", {std::to_string(batch_id)}).value_or("0"));
  if (count == 0) throw InputError(ErrorCode::batch_empty, "batch " + std::to_string(batch_id) + " selected no account: there is no letter to print",
                                   {{"batch", std::to_string(batch_id)}});
  const auto addresses = addresses_of(db, batch_id);
  // Read before writing: PostgreSQL's COPY allows no other query meanwhile.
  std::vector<selection::SelectedEntry> entries;
  TextArena text;
  selection::for_each_selected(db, batch_id, [&](const selection::SelectedEntry& e) {
    auto copy = e;
    copy.account_id = text.keep(e.account_id);
    copy.holder_name = text.keep(e.holder_name);
    entries.push_back(copy);
  });
  std::int64_t number = reserve_numbers(db, issued_on.year(), count);
  sql::BulkWriter out(db, "letters",
                      {"letter_id", "batch_id", "rank", "account_id", "document_id", "holder_name", "address",
                       "neighborhood", "city", "zone", "balance", "days_past_due", "barcode", "issued_on"});
  const std::string issued = issued_on.iso();
  for (const auto& e : entries) {
    const std::string id = make_letter_id(issued_on.year(), number++);
    const auto it = addresses.find(std::string(e.account_id));
    const Address a = it != addresses.end() ? it->second : Address{};
    out.add(id).add(batch_id).add(e.rank).add(e.account_id).add(a.document_id).add(e.holder_name).add(a.address);
    out.add(a.neighborhood).add(a.city).add(a.zone).add(e.balance).add(static_cast<std::int64_t>(e.days_past_due));
    out.add(make_payload(id)).add(issued).end_row();
  }
  out.finish();
  tx.commit();
  return true;
}

}  // namespace cartero::letters
