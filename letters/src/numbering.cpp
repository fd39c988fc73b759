#include "numbering.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/letters/letter_code.hpp"
#include "cartero/letters/printed.hpp"
#include "cartero/selection/accounts.hpp"
#include "cartero/selection/batch.hpp"
#include "store_letters.hpp"

namespace cartero::letters {

namespace {

struct Address {
  std::string document_id, address, neighborhood, city, zone;
  selection::Municipality municipality;
};

// The batch's accounts as in force (the address field staff or billing
// recorded, else the snapshot's): what each letter is printed with.
std::unordered_map<std::string, Address> addresses_of(Database& db, const std::vector<selection::SelectedEntry>& entries,
                                                      const selection::Settings& s) {
  std::vector<std::string> ids;
  ids.reserve(entries.size());
  for (const auto& e : entries) ids.emplace_back(e.account_id);
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
  const auto batch = selection::find_batch(db, batch_id);
  const std::int64_t count = batch ? batch->selected : 0;
  if (count == 0) throw InputError(ErrorCode::batch_empty, "batch " + std::to_string(batch_id) + " selected no account: there is no letter to print",
                                   {{"batch", std::to_string(batch_id)}});
  // Read before writing: PostgreSQL's COPY allows no other query meanwhile.
  std::vector<selection::SelectedEntry> entries;
  TextArena text;
  selection::for_each_selected(db, batch_id, [&](const selection::SelectedEntry& e) {
    auto copy = e;
    copy.account_id = text.keep(e.account_id);
    copy.holder_name = text.keep(e.holder_name);
    entries.push_back(copy);
  });
  const auto addresses = addresses_of(db, entries, settings);
  std::int64_t number = store::reserve_numbers(db, issued_on.year(), count);
  store::LetterWriter out(db);
  const std::string issued = issued_on.iso();
  for (const auto& e : entries) {
    LetterRecord l;
    l.letter_id = make_letter_id(issued_on.year(), number++);
    const auto it = addresses.find(std::string(e.account_id));
    const Address a = it != addresses.end() ? it->second : Address{};
    l.batch_id = batch_id;
    l.rank = e.rank;
    l.account_id = e.account_id;
    l.document_id = a.document_id;
    l.holder_name = e.holder_name;
    l.address = a.address;
    l.neighborhood = a.neighborhood;
    l.city = a.city;
    l.zone = a.zone;
    l.balance = e.balance;
    l.days_past_due = e.days_past_due;
    l.payload = make_payload(l.letter_id);
    l.issued_on = issued;
    l.municipality_code = a.municipality.code;
    l.municipality = a.municipality.name;
    l.postal_code = a.municipality.postal_code;
    out.add(l);
  }
  out.finish();
  tx.commit();
  return true;
}

}  // namespace cartero::letters
