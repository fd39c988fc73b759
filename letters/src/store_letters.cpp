// Store of the tables letters owns: letters, letter_parts, letter_counters.
// The only file of the project that names their columns.
#include "store_letters.hpp"

#include "cartero/core/sql.hpp"

namespace cartero::letters {

namespace {

const char* const k_letter_columns =
    "letter_id, batch_id, rank, account_id, document_id, holder_name, address, neighborhood, city, zone, balance, "
    "days_past_due, barcode, issued_on, sent_on, COALESCE(document_type, '')";

LetterRecord record_from(const sql::Row& r) {
  LetterRecord l;
  l.letter_id = r.text(0);
  l.batch_id = r.int64(1);
  l.rank = r.int64(2);
  l.account_id = r.text(3);
  l.document_id = r.text(4);
  l.holder_name = r.text(5);
  l.address = r.text(6);
  l.neighborhood = r.text(7);
  l.city = r.text(8);
  l.zone = r.text(9);
  l.balance = r.int64(10);
  l.days_past_due = static_cast<int>(r.int64(11));
  l.payload = r.text(12);
  l.issued_on = r.text(13);
  if (!r.is_null(14)) l.sent_on = Date::parse_iso(r.text(14));
  l.document_type = r.text(15);
  return l;
}

}  // namespace

std::optional<LetterRecord> find_letter(Database& db, const std::string& letter_id) {
  std::optional<LetterRecord> out;
  sql::for_each_row(db, std::string("SELECT ") + k_letter_columns + " FROM letters WHERE letter_id = ?", {letter_id},
                    [&](const sql::Row& r) { out = record_from(r); });
  return out;
}

std::vector<LetterRecord> find_letters(Database& db, const std::vector<std::string>& ids) {
  // In statements of at most 500 ids (well within both engines' limits on
  // parameters), each an index lookup.
  constexpr std::size_t k_per_query = 500;
  std::vector<LetterRecord> out;
  for (std::size_t from = 0; from < ids.size(); from += k_per_query) {
    const std::size_t n = std::min(k_per_query, ids.size() - from);
    std::string query = std::string("SELECT ") + k_letter_columns + " FROM letters WHERE letter_id IN (";
    for (std::size_t i = 0; i < n; ++i) query += i ? ",?" : "?";
    query += ")";
    const std::vector<std::string> params(ids.begin() + static_cast<std::ptrdiff_t>(from),
                                          ids.begin() + static_cast<std::ptrdiff_t>(from + n));
    sql::for_each_row(db, query, params, [&](const sql::Row& r) { out.push_back(record_from(r)); });
  }
  return out;
}

std::vector<LetterRecord> letters_of_account(Database& db, const std::string& account_id) {
  std::vector<LetterRecord> out;
  sql::for_each_row(db, std::string("SELECT ") + k_letter_columns + " FROM letters WHERE account_id = ? ORDER BY issued_on",
                    {account_id}, [&](const sql::Row& r) { out.push_back(record_from(r)); });
  return out;
}

std::int64_t count_letters(Database& db, std::int64_t batch_id) {
  return std::stoll(sql::scalar(db, "SELECT COUNT(*) FROM letters WHERE batch_id = ?", {std::to_string(batch_id)}).value_or("0"));
}

void for_each_letter_place(Database& db, std::optional<std::int64_t> batch_id, const std::function<void(const LetterPlace&)>& fn) {
  const auto place = [&](const sql::Row& r) { fn({r.text(0), r.int64(1), r.text(2)}); };
  if (batch_id) {
    sql::for_each_row(db, "SELECT letter_id, batch_id, zone FROM letters WHERE batch_id = ?", {std::to_string(*batch_id)}, place);
  } else {
    sql::for_each_row(db, "SELECT letter_id, batch_id, zone FROM letters", {}, place);
  }
}

void for_each_sent_since(Database& db, Date from, const std::function<void(std::string_view, Date)>& fn) {
  sql::for_each_row(db, "SELECT account_id, sent_on FROM letters WHERE sent_on >= ?", {from.iso()}, [&](const sql::Row& r) {
    if (const auto d = Date::parse_iso(r.text(1))) fn(r.text(0), *d);
  });
}

std::int64_t store::reserve_numbers(Database& db, int year, std::int64_t count) {
  std::int64_t last = 0;
  sql::for_each_row(db,
                    "INSERT INTO letter_counters (year, last_number) VALUES (?, ?) ON CONFLICT (year) DO UPDATE "
                    "SET last_number = letter_counters.last_number + excluded.last_number RETURNING last_number",
                    {std::to_string(year), std::to_string(count)}, [&](const sql::Row& r) { last = r.int64(0); });
  return last - count + 1;
}

store::LetterWriter::LetterWriter(Database& db)
    : m_out(std::make_unique<sql::BulkWriter>(
          db, "letters",
          std::vector<std::string>{"letter_id", "batch_id", "rank", "account_id", "document_id", "holder_name", "address",
                                   "neighborhood", "city", "zone", "balance", "days_past_due", "barcode", "issued_on",
                                   "municipality_code", "municipality", "postal_code", "document_type"})) {}

store::LetterWriter::~LetterWriter() = default;

void store::LetterWriter::add(const LetterRecord& l) {
  auto& out = *m_out;
  out.add(l.letter_id).add(l.batch_id).add(l.rank).add(l.account_id).add(l.document_id).add(l.holder_name).add(l.address);
  out.add(l.neighborhood).add(l.city).add(l.zone).add(l.balance).add(static_cast<std::int64_t>(l.days_past_due));
  out.add(l.payload).add(l.issued_on).add(l.municipality_code).add(l.municipality).add(l.postal_code);
  out.add(l.document_type).end_row();
}

void store::LetterWriter::finish() { m_out->finish(); }

void store::for_each_manifest_row(Database& db, std::int64_t batch_id, bool by_postal_code,
                                  const std::function<void(const ManifestRow&)>& fn) {
  const std::string order_by =
      by_postal_code ? "CASE WHEN COALESCE(postal_code, '') = '' THEN 1 ELSE 0 END, postal_code, zone, rank" : "rank";
  sql::for_each_row(db,
                    "SELECT letter_id, barcode, account_id, holder_name, address, neighborhood, city, zone, balance, rank, "
                    "COALESCE(municipality_code, ''), COALESCE(municipality, ''), COALESCE(postal_code, '') "
                    "FROM letters WHERE batch_id = ? ORDER BY " + order_by,
                    {std::to_string(batch_id)}, [&](const sql::Row& r) {
                      fn({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7), r.int64(8),
                          r.int64(9), r.text(10), r.text(11), r.text(12)});
                    });
}

void store::for_each_content(Database& db, std::int64_t batch_id, Date cutoff, const std::function<void(LetterContent&&)>& fn) {
  sql::for_each_row(db,
                    "SELECT letter_id, account_id, document_id, holder_name, address, neighborhood, city, zone, "
                    "balance, days_past_due, barcode, issued_on, COALESCE(document_type, '') FROM letters "
                    "WHERE batch_id = ? ORDER BY rank",
                    {std::to_string(batch_id)}, [&](const sql::Row& r) {
                      LetterContent l;
                      l.letter_id = r.text(0);
                      l.account_id = r.text(1);
                      l.document_id = r.text(2);
                      l.holder_name = r.text(3);
                      l.address = r.text(4);
                      l.neighborhood = r.text(5);
                      l.city = r.text(6);
                      l.zone = r.text(7);
                      l.balance = r.int64(8);
                      l.days_past_due = static_cast<int>(r.int64(9));
                      l.payload = r.text(10);
                      l.issued_on = *Date::parse_iso(r.text(11));
                      l.document_type = r.text(12);
                      l.cutoff = cutoff;
                      fn(std::move(l));
                    });
}

void store::record_parts(Database& db, std::int64_t batch_id, int part_size, const std::vector<PartInfo>& parts) {
  const std::string id = std::to_string(batch_id), size = std::to_string(part_size);
  sql::exec(db, "DELETE FROM letter_parts WHERE batch_id = ?", {id});
  const std::string at = now_utc_iso();
  for (const auto& p : parts) {
    sql::exec(db, "INSERT INTO letter_parts (batch_id, file, letters, sha256, generated_at) VALUES (?, ?, ?, ?, ?)",
              {id, p.file, std::to_string(p.letters), p.sha256, at});
  }
  sql::exec(db, "UPDATE letters SET part = (rank - 1) / ? + 1, page = (rank - 1) % ? + 1 WHERE batch_id = ?", {size, size, id});
}

std::int64_t store::mark_sent(Database& db, std::int64_t batch_id, Date date) {
  std::int64_t letters = 0;
  sql::for_each_row(db, "UPDATE letters SET sent_on = ? WHERE batch_id = ? AND void_reason IS NULL RETURNING letter_id",
                    {date.iso(), std::to_string(batch_id)}, [&](const sql::Row&) { ++letters; });
  return letters;
}

}  // namespace cartero::letters
