// The SQL of accounts as in force: the snapshot joined with account_facts.
#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_set>

#include "cartero/core/address.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/text.hpp"
#include "cartero/selection/accounts.hpp"
#include "account_search.hpp"
#include "store_imports.hpp"
#include "stored_codes.hpp"

namespace cartero::selection {

namespace {

constexpr const char* k_in_force =
    "SELECT a.account_id, a.holder_name, a.document_id, a.address, a.neighborhood, a.city, a.zone, a.sanitation, "
    "COALESCE(f.address, ''), COALESCE(f.address_source, ''), COALESCE(f.address_on, ''), COALESCE(f.address_by, ''), "
    "COALESCE(f.sanitation, ''), COALESCE(a.municipality_code, ''), COALESCE(a.postal_code, ''), "
    "a.use_type, a.billing_type, a.balance, a.days_past_due, a.legal_collection, a.document_type "
    "FROM accounts a LEFT JOIN account_facts f ON f.account_id = a.account_id";

// Reads one row of k_in_force into `a`, reusing its strings' storage.
void read_row(const sql::Row& r, AccountInForce& a) {
  a.account_id = r.text(0);
  a.holder_name = r.text(1);
  a.document_id = r.text(2);
  a.snapshot_address = r.text(3);
  a.neighborhood = r.text(4);
  a.city = r.text(5);
  a.zone = r.text(6);
  a.sanitation = stored_sanitation(r.text(7));
  const auto fact = r.text(8);
  if (!fact.empty()) {
    a.address = fact;
    a.address_source = r.text(9) == "billing" ? AddressSource::billing : AddressSource::field;
    a.address_recorded_at = r.text(10);
    a.address_recorded_by = r.text(11);
  } else {
    a.address = a.snapshot_address;
    a.address_source = AddressSource::snapshot;
    a.address_recorded_at.clear();
    a.address_recorded_by.clear();
  }
  const auto confirmed = stored_sanitation(r.text(12));
  a.sanitation_confirmed = confirmed != Sanitation::none;
  if (a.sanitation_confirmed) a.sanitation = confirmed;
  a.municipality_code = r.text(13);
  a.postal_code = r.text(14);
  a.use_type = stored_use_type(r.text(15));
  a.billing_type = stored_billing_type(r.text(16));
  a.balance = r.int64(17);
  a.days_past_due = static_cast<int>(r.int64(18));
  a.legal_collection = r.int64(19) != 0;
  a.document_type = r.text(20);
}

// Below this many ids, one indexed lookup each beats reading the portfolio.
constexpr std::size_t k_lookup_limit = 20000;

// Accounts imported before migration 28 get their search columns once
// (and the words with them); false when there were none to fold.
bool fold_unsearchable(Database& db) {
  if (!sql::scalar(db, "SELECT account_id FROM accounts WHERE search_text IS NULL LIMIT 1")) return false;
  sql::Transaction tx(db);
  std::vector<std::array<std::string, 3>> rows;
  sql::for_each_row(db, "SELECT account_id, holder_name, document_id, address, neighborhood FROM accounts WHERE search_text IS NULL",
                    {}, [&](const sql::Row& r) {
                      rows.push_back({std::string(r.text(0)), detail::account_search_key(r.text(0)),
                                      detail::account_search_text(r.text(0), r.text(1), r.text(2), r.text(3), r.text(4))});
                    });
  for (const auto& row : rows) {
    sql::exec(db, "UPDATE accounts SET search_key = ?, search_text = ? WHERE account_id = ?", {row[1], row[2], row[0]});
  }
  store::rebuild_account_words(db);
  tx.commit();
  return true;
}

bool words_written(Database& db) { return sql::scalar(db, "SELECT account_id FROM account_words LIMIT 1").has_value(); }

// Accounts in force when migration 32 ran get their words once.
void index_unindexed(Database& db) {
  if (words_written(db) || !sql::scalar(db, "SELECT account_id FROM accounts LIMIT 1")) return;
  sql::Transaction tx(db);
  store::rebuild_account_words(db);
  tx.commit();
}

// How many accounts have a word starting with `word`, counted up to `cap`.
std::int64_t capped_count(Database& db, const std::string& word, int cap) {
  return std::stoll(sql::scalar(db, "SELECT COUNT(*) FROM (SELECT 1 FROM account_words WHERE word >= ? AND word < ? LIMIT " +
                                        std::to_string(cap) + ") c",
                                {word, prefix_end(word)})
                        .value_or("0"));
}

// A word of the search text starting with `word` (the text begins with a
// word, and a blank is before every other).
std::string starts_a_word(const std::string& word) { return "% " + like_contains(word).substr(1); }

const char* order_column(AccountSort::Key key) {
  switch (key) {
    case AccountSort::Key::account: return "a.account_id";
    case AccountSort::Key::holder: return "a.holder_name";
    case AccountSort::Key::balance: return "a.balance";
    case AccountSort::Key::days_past_due: return "a.days_past_due";
    case AccountSort::Key::zone: return "a.zone";
  }
  return "a.account_id";
}

}  // namespace

namespace store {

void forget_account_words(Database& db) { sql::clear_table(db, "account_words"); }

void rebuild_account_words(Database& db) {
  // An empty table (after an import) is not truncated: on PostgreSQL that
  // would lock out the searches reading it until this transaction ends.
  if (words_written(db)) sql::clear_table(db, "account_words");
  // Every (word, account) held in memory, compactly, and sorted here, so
  // that the table is written in its key's order: appended to its index,
  // with no sort by the engine (SQLite sorting the index of twelve million
  // words cost more than the whole import). By the word's first byte, for
  // smaller sorts; each word ended by '\0' in its bucket's arena.
  std::vector<std::string> ids;
  std::array<std::string, 256> arena;
  std::array<std::vector<std::pair<std::uint32_t, std::uint32_t>>, 256> entries;  // (word's offset, account's index)
  sql::for_each_row(db, "SELECT account_id, search_text FROM accounts", {}, [&](const sql::Row& r) {
    const auto account = static_cast<std::uint32_t>(ids.size());
    ids.emplace_back(r.text(0));
    for (const auto& word : search_words(r.text(1))) {
      const auto bucket = static_cast<unsigned char>(word.front());
      entries[bucket].emplace_back(static_cast<std::uint32_t>(arena[bucket].size()), account);
      arena[bucket].append(word).push_back('\0');
    }
  });
  sql::BulkWriter out(db, "account_words", {"word", "account_id"});
  for (std::size_t b = 0; b < entries.size(); ++b) {
    const char* words = arena[b].data();
    auto& list = entries[b];
    std::sort(list.begin(), list.end(), [&](const auto& x, const auto& y) {
      const int c = std::strcmp(words + x.first, words + y.first);
      return c != 0 ? c < 0 : ids[x.second] < ids[y.second];
    });
    for (const auto& [offset, account] : list) out.add(std::string_view(words + offset)).add(ids[account]).end_row();
    std::vector<std::pair<std::uint32_t, std::uint32_t>>().swap(list);
  }
  out.finish();
}

}  // namespace store

bool account_words_missing(Database& db) {
  return !words_written(db) && sql::scalar(db, "SELECT account_id FROM accounts LIMIT 1").has_value();
}

void write_account_words(Database& db) {
  if (fold_unsearchable(db) || !sql::scalar(db, "SELECT account_id FROM accounts LIMIT 1")) return;
  sql::Transaction tx(db);
  store::rebuild_account_words(db);
  tx.commit();
}

AccountMatches find_accounts(Database& db, const std::string& query, std::int64_t limit, std::int64_t offset, AccountSort sort,
                             MissingWords missing) {
  AccountMatches out;
  const auto words = search_words(fold_search(query));
  const auto bare = bare_search(query);
  if (words.empty()) return out;
  // Accounts imported before migration 28 or 32, or by an import (which
  // leaves the words out), are given their search text and words once,
  // here or by the web server in the background; a search that finds
  // words reads nothing else (looking for NULL search text would scan the
  // table every time). Without them, the same conditions below are read
  // over every account's search text: slower, the same accounts.
  if (!words_written(db)) {
    if (missing == MissingWords::write) {
      fold_unsearchable(db);
      index_unindexed(db);
    } else {
      out.read_without_words = true;
    }
  }
  // Every typed word starts a word of the account's, in any order ("pena
  // jose" finds José Peña): the accounts having the rarest of them, by the
  // word index, are checked for the others in their search text. Or the
  // number or document in any punctuation ("100.000.007", "79.123.456"):
  // the bare digits start a word. The number typed whole comes first.
  const std::string* rarest = &words.front();
  if (words.size() > 1 && !out.read_without_words) {
    std::int64_t fewest = -1;
    for (const auto& w : words) {
      const auto n = capped_count(db, w, 50000);
      if (fewest < 0 || n < fewest) fewest = n, rarest = &w;
    }
  }
  std::vector<std::string> params;
  std::string where = " WHERE ";
  const bool bare_differs = words.size() > 1 && !bare.empty();
  if (!out.read_without_words) {  // the accounts the conditions below may hold for, by the index
    params = {bare, *rarest, prefix_end(*rarest)};
    where += "a.account_id IN (SELECT account_id FROM accounts WHERE search_key = ?"
             " UNION SELECT account_id FROM account_words WHERE word >= ? AND word < ?";
    if (bare_differs) {
      where += " UNION SELECT account_id FROM account_words WHERE word >= ? AND word < ?";
      params.push_back(bare);
      params.push_back(prefix_end(bare));
    }
    where += ") AND ";
  }
  where += "(a.search_key = ?";
  params.push_back(bare);
  if (bare_differs) {
    where += " OR (' ' || a.search_text) LIKE ? ESCAPE '\\'";
    params.push_back(starts_a_word(bare));
  }
  where += " OR (1 = 1";
  for (const auto& w : words) {
    where += " AND (' ' || a.search_text) LIKE ? ESCAPE '\\'";
    params.push_back(starts_a_word(w));
  }
  where += "))";
  out.total = std::stoll(sql::scalar(db, "SELECT COUNT(*) FROM accounts a" + where, params).value_or("0"));
  if (out.total == 0 || limit <= 0) return out;
  params.push_back(bare);
  const std::string direction = sort.descending ? " DESC" : "";
  sql::for_each_row(db,
                    std::string(k_in_force) + where + " ORDER BY CASE WHEN a.search_key = ? THEN 0 ELSE 1 END, " +
                        order_column(sort.key) + direction + ", a.account_id" + direction + " LIMIT " + std::to_string(limit) +
                        " OFFSET " + std::to_string(std::max<std::int64_t>(offset, 0)),
                    params, [&](const sql::Row& r) {
                      out.accounts.emplace_back();
                      read_row(r, out.accounts.back());
                    });
  return out;
}

std::string_view code(AddressSource s) {
  switch (s) {
    case AddressSource::snapshot: return "snapshot";
    case AddressSource::field: return "field";
    case AddressSource::billing: return "billing";
  }
  return "";
}

std::string_view label(AddressSource s) {
  switch (s) {
    case AddressSource::snapshot: return "Según la cartera importada";
    case AddressSource::field: return "Corregida en terreno";
    case AddressSource::billing: return "Actualizada por facturación";
  }
  return "";
}

Municipality municipality_of(const AccountInForce& a, const Settings& s) {
  const Settings::Municipality* entry = s.municipality_of(a.city);
  if (!entry && !a.municipality_code.empty()) {
    for (const auto& m : s.municipalities) {
      if (m.code == a.municipality_code) entry = &m;
    }
  }
  Municipality out;
  out.code = !a.municipality_code.empty() ? a.municipality_code : entry ? entry->code : "";
  out.name = entry && !entry->name.empty() ? entry->name : a.city;
  out.postal_code = !a.postal_code.empty() ? a.postal_code : entry ? entry->postal_code : "";
  return out;
}

std::optional<AccountInForce> account_in_force(Database& db, const std::string& account_id) {
  std::optional<AccountInForce> out;
  sql::for_each_row(db, std::string(k_in_force) + " WHERE a.account_id = ?", {account_id}, [&](const sql::Row& r) {
    out.emplace();
    read_row(r, *out);
  });
  return out;
}

void for_each_account_in_force(Database& db, const std::function<void(const AccountInForce&)>& fn) {
  AccountInForce a;
  sql::for_each_row(db, k_in_force, {}, [&](const sql::Row& r) {
    read_row(r, a);
    fn(a);
  });
}

std::unordered_map<std::string, AccountInForce> accounts_in_force(Database& db, const std::vector<std::string>& ids) {
  std::unordered_map<std::string, AccountInForce> out;
  if (ids.size() <= k_lookup_limit) {
    // Index lookups, 500 ids a statement (within both engines' limits on parameters).
    constexpr std::size_t k_per_query = 500;
    for (std::size_t from = 0; from < ids.size(); from += k_per_query) {
      const std::size_t n = std::min(k_per_query, ids.size() - from);
      std::string query = std::string(k_in_force) + " WHERE a.account_id IN (";
      for (std::size_t i = 0; i < n; ++i) query += i ? ",?" : "?";
      query += ")";
      const std::vector<std::string> params(ids.begin() + static_cast<std::ptrdiff_t>(from),
                                            ids.begin() + static_cast<std::ptrdiff_t>(from + n));
      sql::for_each_row(db, query, params, [&](const sql::Row& r) {
        AccountInForce a;
        read_row(r, a);
        out.emplace(a.account_id, std::move(a));
      });
    }
    return out;
  }
  const std::unordered_set<std::string_view> wanted(ids.begin(), ids.end());
  AccountInForce a;
  sql::for_each_row(db, k_in_force, {}, [&](const sql::Row& r) {
    if (!wanted.count(r.text(0))) return;
    read_row(r, a);
    out.emplace(a.account_id, a);
  });
  return out;
}

void record_address(Database& db, const std::string& account_id, const std::string& address, AddressSource source,
                    const std::string& user) {
  const std::string value(trim(address));
  if (value.empty()) throw InputError("the corrected address of account " + account_id + " is empty");
  const std::string now = now_utc_iso();
  sql::exec(db, "INSERT INTO account_facts (account_id, updated_at, updated_by) VALUES (?, ?, ?) ON CONFLICT (account_id) DO NOTHING",
            {account_id, now, user});
  sql::exec(db, "UPDATE account_facts SET address = ?, address_source = ?, address_on = ?, address_by = ?, updated_at = ?, "
                "updated_by = ? WHERE account_id = ?",
            {value, std::string(code(source)), now, user, now, user, account_id});
}

void confirm_address(Database& db, const std::string& account_id, const std::string& user) {
  const auto a = account_in_force(db, account_id);
  if (!a || a->address.empty()) return;
  const std::string now = now_utc_iso();
  sql::exec(db, "INSERT INTO account_facts (account_id, updated_at, updated_by) VALUES (?, ?, ?) ON CONFLICT (account_id) DO NOTHING",
            {account_id, now, user});
  sql::exec(db, "UPDATE account_facts SET address_confirmed = ?, updated_at = ?, updated_by = ? WHERE account_id = ?",
            {a->address, now, user, account_id});
}

void record_sanitation(Database& db, const std::string& account_id, Sanitation s, const std::string& user) {
  const std::string now = now_utc_iso();
  sql::exec(db, "INSERT INTO account_facts (account_id, updated_at, updated_by) VALUES (?, ?, ?) ON CONFLICT (account_id) DO NOTHING",
            {account_id, now, user});
  sql::exec(db, "UPDATE account_facts SET sanitation = ?, updated_at = ?, updated_by = ? WHERE account_id = ?",
            {std::string(code(s)), now, user, account_id});
}

namespace {

constexpr const char* k_fact_columns =
    "sanitation, address, address_source, address_on, address_by, address_confirmed, updated_at, updated_by";
constexpr int k_fact_count = 8;

}  // namespace

std::string account_facts_text(Database& db, const std::string& account_id) {
  std::string out;
  sql::for_each_row(db, std::string("SELECT ") + k_fact_columns + " FROM account_facts WHERE account_id = ?", {account_id},
                    [&](const sql::Row& r) {
                      // Each value with a mark for NULL, separated by unit separators.
                      out = "facts";
                      for (int i = 0; i < k_fact_count; ++i) {
                        out += '\x1f';
                        out += r.is_null(i) ? std::string("\x1e") : std::string(r.text(i));
                      }
                    });
  return out;
}

bool restore_account_facts(Database& db, const std::string& account_id, const std::string& before, const std::string& after) {
  if (account_facts_text(db, account_id) != after) return false;
  sql::exec(db, "DELETE FROM account_facts WHERE account_id = ?", {account_id});
  if (before.empty()) return true;
  std::vector<std::string> values;
  std::string nulls;
  std::size_t start = before.find('\x1f');
  while (start != std::string::npos) {
    const auto end = before.find('\x1f', start + 1);
    values.push_back(before.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1));
    start = end;
  }
  if (values.size() != k_fact_count) throw InternalError("account " + account_id + ": the facts kept by its case are not readable");
  std::string marks;
  std::vector<std::string> params = {account_id};
  for (const auto& v : values) {
    marks += v == "\x1e" ? ", NULL" : ", ?";
    if (v != "\x1e") params.push_back(v);
  }
  sql::exec(db, std::string("INSERT INTO account_facts (account_id, ") + k_fact_columns + ") VALUES (?" + marks + ")", params);
  return true;
}

}  // namespace cartero::selection
