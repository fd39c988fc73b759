// Store of the portfolio tables selection owns; see store_portfolio.hpp.
#include "store_portfolio.hpp"

#include <algorithm>

#include "cartero/core/date.hpp"
#include "cartero/core/sql.hpp"
#include "stored_codes.hpp"

namespace cartero::selection::store {

void read_candidates(Database& db, Portfolio& p,
                     const std::function<void(std::uint32_t row, std::string_view address)>& unjudged) {
  if (const auto n = sql::scalar(db, "SELECT COUNT(*) FROM accounts")) p.candidates.reserve(std::stoul(*n));
  sql::for_each_row(db,
                    "SELECT account_id, holder_name, use_type, billing_type, balance, days_past_due, "
                    "CASE WHEN address = '' THEN 0 ELSE 1 END, legal_collection, sanitation, address_verdict, "
                    "CASE WHEN address_verdict IS NULL THEN address END, payment_agreement, deceased_holder, insolvency "
                    "FROM accounts",
                    {}, [&](const sql::Row& r) {
                      Candidate c;
                      c.account_id = p.text.keep(r.text(0));
                      c.holder_name = p.text.keep(r.text(1));
                      c.use_type = stored_use_type(r.text(2));
                      c.billing_type = stored_billing_type(r.text(3));
                      c.balance = r.int64(4);
                      c.days_past_due = static_cast<int>(r.int64(5));
                      c.has_address = r.int64(6) != 0;
                      c.legal_collection = r.int64(7) != 0;
                      c.sanitation = stored_sanitation(r.text(8));
                      if (!r.is_null(9)) {
                        const auto v = r.text(9);
                        c.address_incomplete = v == "incomplete" || v == "unreadable";
                      } else if (c.has_address) {
                        unjudged(static_cast<std::uint32_t>(p.candidates.size()), r.text(10));
                      }
                      c.payment_agreement = r.int64(11) != 0;
                      c.deceased_holder = r.int64(12) != 0;
                      c.insolvency = r.int64(13) != 0;
                      p.candidates.push_back(c);
                    });
}

void for_each_payment_since(Database& db, Date from,
                            const std::function<void(std::string_view, Date, Pesos)>& fn) {
  sql::for_each_row(db, "SELECT account_id, paid_on, amount FROM payments WHERE paid_on >= ?", {from.iso()},
                    [&](const sql::Row& r) {
                      if (const auto d = Date::parse_iso(r.text(1))) fn(r.text(0), *d, r.int64(2));
                    });
}

void for_each_prior_letter_since(Database& db, Date from, const std::function<void(std::string_view, Date)>& fn) {
  sql::for_each_row(db, "SELECT account_id, sent_on FROM prior_letters WHERE sent_on >= ?", {from.iso()},
                    [&](const sql::Row& r) {
                      if (const auto d = Date::parse_iso(r.text(1))) fn(r.text(0), *d);
                    });
}

void for_each_fact(Database& db, const std::function<void(const AccountFacts&)>& fn) {
  sql::for_each_row(db,
                    "SELECT f.account_id, COALESCE(f.sanitation, ''), COALESCE(f.address, ''), "
                    "CASE WHEN f.address_confirmed = COALESCE(f.address, a.address) THEN 1 ELSE 0 END "
                    "FROM account_facts f LEFT JOIN accounts a ON a.account_id = f.account_id", {},
                    [&](const sql::Row& r) { fn({r.text(0), r.text(1), r.text(2), r.int64(3) != 0}); });
}

void read_account(Database& db, const std::string& account_id, AccountExplanation& e) {
  sql::for_each_row(db,
                    "SELECT holder_name, document_id, use_type, address, neighborhood, city, zone, billing_type, balance, "
                    "days_past_due, legal_collection, sanitation, document_type FROM accounts WHERE account_id = ?",
                    {account_id}, [&](const sql::Row& r) {
                      e.in_portfolio = true;
                      e.holder_name = r.text(0);
                      e.document_id = r.text(1);
                      e.use_type = r.text(2);
                      e.address = r.text(3);
                      e.neighborhood = r.text(4);
                      e.city = r.text(5);
                      e.zone = r.text(6);
                      e.billing_type = r.text(7);
                      e.balance = r.int64(8);
                      e.days_past_due = static_cast<int>(r.int64(9));
                      e.legal_collection = r.int64(10) != 0;
                      e.sanitation = r.text(11);
                      e.document_type = r.text(12);
                    });
  sql::for_each_row(db, "SELECT COALESCE(sanitation, ''), COALESCE(address, '') FROM account_facts WHERE account_id = ?",
                    {account_id}, [&](const sql::Row& r) {
                      e.fact_sanitation = r.text(0);
                      e.fact_address = r.text(1);
                    });
}

void set_fact(Database& db, const std::string& account_id, std::string_view column, const std::string& value,
              const std::string& user) {
  // The column comes from this folder's code ("address", "sanitation"), never from input.
  const std::string at = now_utc_iso();
  sql::exec(db,
            "INSERT INTO account_facts (account_id, updated_at, updated_by) VALUES (?, ?, ?) "
            "ON CONFLICT (account_id) DO NOTHING",
            {account_id, at, user});
  sql::exec(db,
            "UPDATE account_facts SET " + std::string(column) +
                " = ?, updated_at = ?, updated_by = ? WHERE account_id = ?",
            {value, at, user, account_id});
}

void log_import(Database& db, const std::string& kind, const std::string& file, std::int64_t read, std::int64_t imported,
                std::int64_t rejected) {
  sql::exec(db,
            "INSERT INTO imports (kind, file, imported_at, rows_read, rows_imported, rows_rejected) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            {kind, file, now_utc_iso(), std::to_string(read), std::to_string(imported), std::to_string(rejected)});
}

std::int64_t last_import_id(Database& db) {
  return std::stoll(sql::scalar(db, "SELECT COALESCE(MAX(id), 0) FROM imports").value_or("0"));
}

}  // namespace cartero::selection::store

namespace cartero::selection {

std::vector<std::pair<std::string, std::int64_t>> accounts_per_zone(Database& db) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  sql::for_each_row(db, "SELECT zone, COUNT(*) FROM accounts GROUP BY zone", {},
                    [&](const sql::Row& r) { out.emplace_back(std::string(r.text(0)), r.int64(1)); });
  return out;
}

void record_address_fact(Database& db, const std::string& account_id, const std::string& address, const std::string& user) {
  store::set_fact(db, account_id, "address", address, user);
}

void record_sanitation_fact(Database& db, const std::string& account_id, const std::string& sanitation,
                            const std::string& user) {
  store::set_fact(db, account_id, "sanitation", sanitation, user);
}

std::vector<Account> snapshot_accounts(Database& db, const std::vector<std::string>& ids) {
  constexpr std::size_t k_per_query = 500;  // index lookups, within both engines' parameter limits
  std::vector<Account> out;
  for (std::size_t from = 0; from < ids.size(); from += k_per_query) {
    const std::size_t n = std::min(k_per_query, ids.size() - from);
    std::string query =
        "SELECT account_id, holder_name, document_id, use_type, address, neighborhood, city, zone, billing_type, balance, "
        "days_past_due, legal_collection, sanitation, document_type FROM accounts WHERE account_id IN (";
    for (std::size_t i = 0; i < n; ++i) query += i ? ",?" : "?";
    query += ")";
    const std::vector<std::string> params(ids.begin() + static_cast<std::ptrdiff_t>(from),
                                          ids.begin() + static_cast<std::ptrdiff_t>(from + n));
    sql::for_each_row(db, query, params, [&](const sql::Row& r) {
      Account a;
      a.account_id = r.text(0);
      a.holder_name = r.text(1);
      a.document_id = r.text(2);
      a.use_type = stored_use_type(r.text(3));
      a.address = r.text(4);
      a.neighborhood = r.text(5);
      a.city = r.text(6);
      a.zone = r.text(7);
      a.billing_type = stored_billing_type(r.text(8));
      a.balance = r.int64(9);
      a.days_past_due = static_cast<int>(r.int64(10));
      a.legal_collection = r.int64(11) != 0;
      a.sanitation = stored_sanitation(r.text(12));
      a.document_type = r.text(13);
      out.push_back(std::move(a));
    });
  }
  return out;
}

bool in_snapshot(Database& db, const std::string& account_id) {
  return sql::scalar(db, "SELECT account_id FROM accounts WHERE account_id = ?", {account_id}).has_value();
}

}  // namespace cartero::selection
