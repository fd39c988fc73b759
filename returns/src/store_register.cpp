// Store of the return register (returns, return_corrections), deliveries
// and data_versions; see store.hpp.
#include "cartero/core/causes.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/text.hpp"

#include <algorithm>
#include "store.hpp"

namespace cartero::returns::store {

namespace {

const char* const k_return_columns =
    "return_id, letter_id, cause, observation, returned_on, registered_at, registered_by, source, scan_page_id, "
    "COALESCE(voided_at, ''), COALESCE(voided_by, ''), COALESCE(void_reason, '')";

StoredReturn return_from(const sql::Row& r) {
  StoredReturn s;
  s.return_id = r.int64(0);
  s.letter_id = r.text(1);
  s.cause = r.text(2);
  s.observation = r.text(3);
  s.returned_on = r.text(4);
  s.registered_at = r.text(5);
  s.registered_by = r.text(6);
  s.source = r.text(7);
  if (!r.is_null(8)) s.scan_page_id = r.int64(8);
  s.voided_at = r.text(9);
  s.voided_by = r.text(10);
  s.void_reason = r.text(11);
  return s;
}

// A word of the search text starting with `word` (the text begins with a
// word, and a blank is before every other).
std::string starts_a_word(const std::string& word) { return "% " + like_contains(word).substr(1); }

// The filter's WHERE clause and its parameters: the typed words through
// the word table (migration 32), the zone folded.
std::string filter_clause(const ReturnFilter& f, std::vector<std::string>& params) {
  std::string where = "(? = '' OR cause = ?) AND (? = '' OR source = ?) AND (? = '' OR returned_on >= ?) AND (? = '' OR returned_on <= ?)";
  params = {f.cause, f.cause, f.source, f.source, f.from, f.from, f.to, f.to};
  if (!f.zone.empty()) {
    where += " AND zone_key = ?";
    params.push_back(fold_search(f.zone));
  }
  // Every typed word starts a word of the return's (letter, account,
  // holder, address), in any order ("pena jose"): the returns having the
  // longest one, by the word index, checked for the others in their search
  // text; or a number in any punctuation ("2026-000123") starts a word.
  const auto words = search_words(fold_search(f.text));
  if (!words.empty()) {
    const auto bare = bare_search(f.text);
    const std::string* longest = &words.front();
    for (const auto& w : words) {
      if (w.size() > longest->size()) longest = &w;
    }
    where += " AND return_id IN (SELECT return_id FROM return_words WHERE word >= ? AND word < ?";
    params.push_back(*longest);
    params.push_back(prefix_end(*longest));
    const bool bare_differs = words.size() > 1 && !bare.empty();
    if (bare_differs) {
      where += " UNION SELECT return_id FROM return_words WHERE word >= ? AND word < ?";
      params.push_back(bare);
      params.push_back(prefix_end(bare));
    }
    where += ") AND (";
    if (bare_differs) {
      where += "(' ' || search_text) LIKE ? ESCAPE '\\' OR ";
      params.push_back(starts_a_word(bare));
    }
    where += "(1 = 1";
    for (const auto& w : words) {
      where += " AND (' ' || search_text) LIKE ? ESCAPE '\\'";
      params.push_back(starts_a_word(w));
    }
    where += "))";
  }
  return where;
}

// Codes ranked by their Spanish labels, as an SQL expression on `column`.
std::string by_label(const char* column, const std::vector<std::pair<std::string, std::string>>& code_labels) {
  auto sorted = code_labels;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  std::string out = std::string("CASE ") + column;
  for (std::size_t i = 0; i < sorted.size(); ++i) out += " WHEN '" + sorted[i].first + "' THEN " + std::to_string(i);
  return out + " ELSE " + std::to_string(sorted.size()) + " END";
}

std::string order_by(const ReturnSort& sort) {
  std::string column;
  switch (sort.key) {
    case ReturnSort::Key::number: column = "return_id"; break;
    case ReturnSort::Key::letter: column = "letter_id"; break;
    case ReturnSort::Key::zone: column = "zone_key"; break;
    case ReturnSort::Key::returned_on: column = "returned_on"; break;
    case ReturnSort::Key::registered_by: column = "registered_by"; break;
    case ReturnSort::Key::cause: {
      std::vector<std::pair<std::string, std::string>> causes;
      for (const auto& c : all_causes()) causes.emplace_back(c.code, c.label);
      column = by_label("cause", causes);
      break;
    }
    case ReturnSort::Key::source:
      // As the register shows them (the web's label table).
      column = by_label("source", {{"hand", "A mano"}, {"manual", "A mano"}, {"scan", "Escaneo"}, {"scan_review", "Escaneo revisado"},
                                   {"review", "Escaneo revisado"}, {"courier_file", "Planilla del mensajero"}});
      break;
  }
  const char* direction = sort.descending ? " DESC" : "";
  return " ORDER BY " + column + direction + ", return_id" + direction;
}

std::string optional_number(std::optional<std::int64_t> v) { return v ? std::to_string(*v) : "NULL"; }

}  // namespace

std::optional<std::int64_t> return_of_letter(Database& db, const std::string& letter_id) {
  const auto v = sql::scalar(db, "SELECT return_id FROM returns WHERE letter_id = ?", {letter_id});
  return v ? std::optional<std::int64_t>(std::stoll(*v)) : std::nullopt;
}

std::int64_t next_return_number(Database& db) {
  return std::stoll(sql::scalar(db, "SELECT COALESCE(MAX(return_id), 0) + 1 FROM returns").value_or("1"));
}

void insert_return(Database& db, std::int64_t return_id, const NewReturn& r) {
  sql::exec(db,
            "INSERT INTO returns (return_id, letter_id, cause, observation, returned_on, registered_at, registered_by, "
            "source, scan_page_id, cause_confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, " +
                optional_number(r.scan_page_id) + ", " +
                (r.cause_confidence ? std::to_string(*r.cause_confidence) : std::string("NULL")) + ")",
            {std::to_string(return_id), r.letter_id, std::string(cause_info(r.cause).code), r.observation, r.returned_on.iso(),
             now_utc_iso(), r.user, r.source});
}

std::optional<ReturnKey> find_return(Database& db, std::int64_t return_id) {
  std::optional<ReturnKey> out;
  sql::for_each_row(db, "SELECT letter_id, cause, observation FROM returns WHERE return_id = ?", {std::to_string(return_id)},
                    [&](const sql::Row& r) { out = ReturnKey{std::string(r.text(0)), std::string(r.text(1)), std::string(r.text(2))}; });
  return out;
}

void correct_field(Database& db, std::int64_t return_id, std::string_view field, const std::string& before,
                   const std::string& after, const std::string& user, const std::string& reason) {
  const std::string id = std::to_string(return_id);
  sql::exec(db,
            "INSERT INTO return_corrections (return_id, changed_at, changed_by, field, before_value, after_value, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            {id, now_utc_iso(), user, std::string(field), before, after, reason});
  sql::exec(db, "UPDATE returns SET " + std::string(field) + " = ? WHERE return_id = ?", {after, id});
}

std::vector<StoredReturn> returns_page(Database& db, const ReturnFilter& f, std::int64_t below, std::int64_t limit, std::int64_t offset) {
  std::vector<StoredReturn> out;
  std::vector<std::string> params;
  std::string query = std::string("SELECT ") + k_return_columns + " FROM returns WHERE " + filter_clause(f, params);
  if (f.sort.is_default()) {
    query += " AND return_id < ? ORDER BY return_id DESC";
    params.push_back(std::to_string(below));
  } else {
    query += order_by(f.sort);
  }
  if (limit > 0) query += " LIMIT " + std::to_string(limit);
  if (offset > 0) query += " OFFSET " + std::to_string(offset);
  sql::for_each_row(db, query, params, [&](const sql::Row& r) { out.push_back(return_from(r)); });
  return out;
}

std::int64_t count_returns(Database& db, const ReturnFilter& f) {
  std::vector<std::string> params;
  const std::string where = filter_clause(f, params);
  return std::stoll(sql::scalar(db, "SELECT COUNT(*) FROM returns WHERE " + where, params).value_or("0"));
}

void set_return_search(Database& db, std::int64_t return_id, const std::string& search_text, const std::string& zone_key) {
  const std::string id = std::to_string(return_id);
  sql::exec(db, "UPDATE returns SET search_text = ?, zone_key = ? WHERE return_id = ?", {search_text, zone_key, id});
  sql::exec(db, "DELETE FROM return_words WHERE return_id = ?", {id});
  for (const auto& word : search_words(search_text)) {
    sql::exec(db, "INSERT INTO return_words (word, return_id) VALUES (?, ?)", {word, id});
  }
}

std::vector<std::pair<std::int64_t, std::string>> returns_without_search(Database& db) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  sql::for_each_row(db, "SELECT return_id, letter_id FROM returns WHERE search_text IS NULL", {},
                    [&](const sql::Row& r) { out.emplace_back(r.int64(0), std::string(r.text(1))); });
  return out;
}

void void_return(Database& db, std::int64_t return_id, const std::string& user, const std::string& reason) {
  const std::string id = std::to_string(return_id), now = now_utc_iso();
  // Kept as a correction too: the history, and the register's state changes.
  sql::exec(db,
            "INSERT INTO return_corrections (return_id, changed_at, changed_by, field, before_value, after_value, reason) "
            "VALUES (?, ?, ?, 'voided', '', 'voided', ?)",
            {id, now, user, reason});
  sql::exec(db, "UPDATE returns SET voided_at = ?, voided_by = ?, void_reason = ? WHERE return_id = ?", {now, user, reason, id});
}

void revive_return(Database& db, std::int64_t return_id, const NewReturn& r) {
  const std::string id = std::to_string(return_id);
  std::string before;
  sql::for_each_row(db, "SELECT COALESCE(void_reason, '') FROM returns WHERE return_id = ?", {id},
                    [&](const sql::Row& row) { before = "voided: " + std::string(row.text(0)); });
  sql::exec(db,
            "INSERT INTO return_corrections (return_id, changed_at, changed_by, field, before_value, after_value, reason) "
            "VALUES (?, ?, ?, 'voided', ?, '', 'registered again')",
            {id, now_utc_iso(), r.user, before});
  sql::exec(db,
            "UPDATE returns SET voided_at = NULL, voided_by = NULL, void_reason = NULL, cause = ?, observation = ?, "
            "returned_on = ?, source = ?, scan_page_id = " + optional_number(r.scan_page_id) + " WHERE return_id = ?",
            {std::string(cause_info(r.cause).code), r.observation, r.returned_on.iso(), r.source, id});
}

std::optional<std::string> voided_at(Database& db, std::int64_t return_id) {
  return sql::scalar(db, "SELECT COALESCE(voided_at, '') FROM returns WHERE return_id = ?", {std::to_string(return_id)});
}

std::vector<StoredReturn> returns_of_letters(Database& db, const std::vector<std::string>& letter_ids) {
  std::vector<StoredReturn> out;
  for (const auto& id : letter_ids) {
    sql::for_each_row(db, std::string("SELECT ") + k_return_columns + " FROM returns WHERE letter_id = ?", {id},
                      [&](const sql::Row& r) { out.push_back(return_from(r)); });
  }
  return out;
}

void for_each_return_cause(Database& db, const std::function<void(std::string_view, std::string_view)>& fn) {
  sql::for_each_row(db, "SELECT letter_id, cause FROM returns", {}, [&](const sql::Row& r) { fn(r.text(0), r.text(1)); });
}

std::optional<std::string> delivered_on(Database& db, const std::string& letter_id) {
  return sql::scalar(db, "SELECT delivered_on FROM deliveries WHERE letter_id = ?", {letter_id});
}

void insert_delivery(Database& db, const std::string& letter_id, Date on, const std::string& source) {
  sql::exec(db, "INSERT INTO deliveries (letter_id, delivered_on, recorded_at, source) VALUES (?, ?, ?, ?)",
            {letter_id, on.iso(), now_utc_iso(), source});
  raise_version(db, "deliveries");
}

void for_each_delivery(Database& db, const std::function<void(std::string_view)>& fn) {
  sql::for_each_row(db, "SELECT letter_id FROM deliveries", {}, [&](const sql::Row& r) { fn(r.text(0)); });
}

std::string register_state(Database& db) {
  std::string state;
  sql::for_each_row(db,
                    "SELECT (SELECT COALESCE(MAX(return_id), 0) FROM returns), (SELECT COUNT(*) FROM return_corrections), "
                    "(SELECT version FROM data_versions WHERE name = 'cases'), "
                    "(SELECT version FROM data_versions WHERE name = 'deliveries'), "
                    "(SELECT version FROM data_versions WHERE name = 'return_scans')",
                    {}, [&](const sql::Row& r) {
                      for (int i = 0; i < 5; ++i) state += std::to_string(r.int64(i)) + (i < 4 ? "," : "");
                    });
  return state;
}

bool attach_scan_page(Database& db, std::int64_t return_id, std::int64_t page_id) {
  const auto has = sql::scalar(db, "SELECT COUNT(*) FROM returns WHERE return_id = ? AND scan_page_id IS NULL",
                               {std::to_string(return_id)});
  if (!has || *has == "0") return false;
  sql::exec(db, "UPDATE returns SET scan_page_id = ? WHERE return_id = ?", {std::to_string(page_id), std::to_string(return_id)});
  raise_version(db, "return_scans");
  return true;
}

std::optional<std::string> cause_of_return(Database& db, std::int64_t return_id) {
  return sql::scalar(db, "SELECT cause FROM returns WHERE return_id = ?", {std::to_string(return_id)});
}

void raise_version(Database& db, const char* table) {
  sql::exec(db, "UPDATE data_versions SET version = version + 1 WHERE name = ?", {table});
}

}  // namespace cartero::returns::store

namespace cartero::returns {

std::optional<std::int64_t> return_scan_page(Database& db, std::int64_t return_id) {
  const auto page = sql::scalar(db, "SELECT scan_page_id FROM returns WHERE return_id = ?", {std::to_string(return_id)});
  if (!page) return std::nullopt;
  return std::stoll(*page);
}

}  // namespace cartero::returns
