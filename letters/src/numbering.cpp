#include "numbering.hpp"

#include <string>
#include <vector>

#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/text_arena.hpp"
#include "cartero/letters/letter_code.hpp"
#include "cartero/letters/printed.hpp"
#include "cartero/selection/accounts.hpp"
#include "cartero/selection/batch.hpp"
#include "store_letters.hpp"

namespace cartero::letters {

namespace {

// Ranks numbered per window: one stored chunk of selected accounts
// (selection writes 4,096 a chunk), their accounts looked up by index. What
// the numbering holds stays this size whatever the batch's.
constexpr std::int64_t k_window = 4096;

// The window's selected accounts (their text in `text`).
std::vector<selection::SelectedEntry> window_of(Database& db, std::int64_t batch_id, std::int64_t first_rank,
                                                TextArena& text) {
  std::vector<selection::SelectedEntry> entries;
  selection::for_each_selected(db, batch_id, first_rank, k_window, [&](const selection::SelectedEntry& e) {
    auto copy = e;
    copy.account_id = text.keep(e.account_id);
    copy.holder_name = text.keep(e.holder_name);
    entries.push_back(copy);
  });
  return entries;
}

// One letter: the selected account (name, balance, as selected) with its
// account as in force (the address field staff or billing recorded, else
// the snapshot's; the document and its type, the municipality).
LetterRecord letter_of(const selection::SelectedEntry& e, const selection::AccountInForce* a, const selection::Settings& s) {
  LetterRecord l;
  l.rank = e.rank;
  l.account_id = e.account_id;
  l.holder_name = e.holder_name;
  l.balance = e.balance;
  l.days_past_due = e.days_past_due;
  if (!a) return l;
  l.document_id = a->document_id;
  l.document_type = a->document_type;
  l.address = a->address;
  l.neighborhood = a->neighborhood;
  l.city = a->city;
  l.zone = a->zone;
  auto municipality = selection::municipality_of(*a, s);
  l.municipality_code = std::move(municipality.code);
  l.municipality = std::move(municipality.name);
  l.postal_code = std::move(municipality.postal_code);
  return l;
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
  std::int64_t number = store::reserve_numbers(db, issued_on.year(), count);
  const std::string issued = issued_on.iso();
  std::int64_t numbered = 0;
  for (std::int64_t first = 1; first <= count; first += k_window) {
    // Read, then write: PostgreSQL's COPY allows no other query meanwhile.
    TextArena text;
    const auto entries = window_of(db, batch_id, first, text);
    std::vector<std::string> ids;
    ids.reserve(entries.size());
    for (const auto& e : entries) ids.emplace_back(e.account_id);
    const auto accounts = selection::accounts_in_force(db, ids);
    store::LetterWriter out(db);
    for (const auto& e : entries) {
      const auto it = accounts.find(std::string(e.account_id));
      LetterRecord l = letter_of(e, it != accounts.end() ? &it->second : nullptr, settings);
      l.letter_id = make_letter_id(issued_on.year(), number++);
      l.batch_id = batch_id;
      l.payload = make_payload(l.letter_id);
      l.issued_on = issued;
      out.add(l);
    }
    out.finish();
    numbered += static_cast<std::int64_t>(entries.size());
  }
  if (numbered != count) {
    throw InternalError("batch " + std::to_string(batch_id) + " says " + std::to_string(count) + " accounts were selected but " +
                        std::to_string(numbered) + " are stored; nothing was numbered");
  }
  tx.commit();
  return true;
}

}  // namespace cartero::letters
