#include "numbering.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/letters/letter_code.hpp"
#include "cartero/selection/accounts.hpp"
#include "cartero/selection/batch.hpp"

namespace cartero::letters {

namespace {

struct Address {
  std::string document_id, address, neighborhood, city, zone;
  selection::Municipality municipality;
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

// The batch's accounts as in force (the address field staff or billing
// recorded, else the snapshot's): what each letter is printed with.
std::unordered_map<std::string, Address> addresses_of(Database& db, std::int64_t batch_id, const selection::Settings& s) {
  std::vector<std::string> ids;
  selection::for_each_selected(db, batch_id, [&](const selection::SelectedEntry& e) { ids.emplace_back(e.account_id); });
  std::unordered_map<std::string, Address> out;
  for (auto& [id, a] : selection::accounts_in_force(db, ids)) {
    auto municipality = selection::municipality_of(a, s);
    out.emplace(id, Address{std::move(a.document_id), std::move(a.address), std::move(a.neighborhood), std::move(a.city),
                            std::move(a.zone), std::move(municipality)});
  }
  return out;
}

}  // namespace

bool number_letters(Database& db, std::int64_t batch_id, Date issued_on, const selection::Settings& settings) {
  if (count_letters(db, batch_id) > 0) return false;
  sql::Transaction tx(db);
  if (count_letters(db, batch_id) > 0) return false;  // numbered meanwhile by another process
  const auto count = std::stoll(
      sql::scalar(db, "SELECT selected_count FROM batches WHERE id = ?", {std::to_string(batch_id)}).value_or("0"));
  if (count == 0) throw InputError("batch " + std::to_string(batch_id) + " selected no account: there is no letter to print");
  const auto addresses = addresses_of(db, batch_id, settings);
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
                       "neighborhood", "city", "zone", "balance", "days_past_due", "barcode", "issued_on",
                       "municipality_code", "municipality", "postal_code"});
  const std::string issued = issued_on.iso();
  for (const auto& e : entries) {
    const std::string id = make_letter_id(issued_on.year(), number++);
    const auto it = addresses.find(std::string(e.account_id));
    const Address a = it != addresses.end() ? it->second : Address{};
    out.add(id).add(batch_id).add(e.rank).add(e.account_id).add(a.document_id).add(e.holder_name).add(a.address);
    out.add(a.neighborhood).add(a.city).add(a.zone).add(e.balance).add(static_cast<std::int64_t>(e.days_past_due));
    out.add(make_payload(id)).add(issued);
    out.add(a.municipality.code).add(a.municipality.name).add(a.municipality.postal_code).end_row();
  }
  out.finish();
  tx.commit();
  return true;
}

}  // namespace cartero::letters
