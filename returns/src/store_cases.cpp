// Store of the `cases` table (returns owns it); see store.hpp.
#include "cartero/core/date.hpp"
#include "cartero/core/sql.hpp"
#include "store.hpp"

namespace cartero::returns::store {

namespace {

const char* const k_case_columns =
    "id, kind, account_id, COALESCE(letter_id, ''), cause, zone, neighborhood, address, holder_name, opened_at, return_id";

Case case_from(const sql::Row& r) {
  Case c;
  c.id = r.int64(0);
  const auto kind = r.text(1);
  c.kind = kind == "cleanup" ? CaseKind::cleanup : kind == "address_update" ? CaseKind::address_update : CaseKind::field_check;
  c.account_id = r.text(2);
  c.letter_id = r.text(3);
  c.cause = r.text(4);
  c.zone = r.text(5);
  c.neighborhood = r.text(6);
  c.address = r.text(7);
  c.holder_name = r.text(8);
  c.opened_at = r.text(9);
  if (!r.is_null(10)) c.return_id = r.int64(10);
  return c;
}

std::optional<std::string> optional_text(const sql::Row& r, int i) {
  return r.is_null(i) ? std::nullopt : std::optional<std::string>(r.text(i));
}

}  // namespace

std::int64_t insert_case(Database& db, const NewCase& c) {
  std::int64_t id = 0;
  sql::for_each_row(db,
                    "INSERT INTO cases (kind, account_id, letter_id, return_id, cause, zone, neighborhood, address, holder_name, "
                    "status, note, opened_at) VALUES (?, ?, ?, " +
                        (c.return_id ? std::to_string(*c.return_id) : std::string("NULL")) +
                        ", ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id",
                    {std::string(code(c.kind)), c.account_id, c.letter_id, c.cause, c.zone, c.neighborhood, c.address,
                     c.holder_name, c.note, now_utc_iso()},
                    [&](const sql::Row& r) { id = r.int64(0); });
  raise_version(db, "cases");
  return id;
}

std::optional<CaseState> find_case(Database& db, std::int64_t case_id) {
  std::optional<CaseState> out;
  sql::for_each_row(db, std::string("SELECT ") + k_case_columns + ", status FROM cases WHERE id = ?", {std::to_string(case_id)},
                    [&](const sql::Row& r) { out = CaseState{case_from(r), std::string(r.text(11))}; });
  return out;
}

void close_case(Database& db, std::int64_t case_id, const std::string& outcome, const std::string& note,
                const std::string& new_address, const std::string& user, const std::string& at) {
  sql::exec(db,
            "UPDATE cases SET status = 'closed', outcome = ?, note = ?, new_address = ?, closed_at = ?, closed_by = ? "
            "WHERE id = ?",
            {outcome, note, new_address, at.empty() ? now_utc_iso() : at, user, std::to_string(case_id)});
  raise_version(db, "cases");
}

void close_voided_case(Database& db, std::int64_t case_id, const std::string& user) {
  sql::exec(db, "UPDATE cases SET status = 'closed', outcome = 'return_voided', closed_at = ?, closed_by = ? WHERE id = ?",
            {now_utc_iso(), user, std::to_string(case_id)});
  raise_version(db, "cases");
}

void reopen_case(Database& db, std::int64_t case_id) {
  sql::exec(db,
            "UPDATE cases SET status = 'open', outcome = NULL, new_address = NULL, closed_at = NULL, closed_by = NULL, "
            "reopened = reopened + 1, facts_before = NULL, facts_after = NULL, follow_up_id = NULL WHERE id = ?",
            {std::to_string(case_id)});
  raise_version(db, "cases");
}

void set_case_facts(Database& db, std::int64_t case_id, const std::string& before, const std::string& after) {
  sql::exec(db, "UPDATE cases SET facts_before = ?, facts_after = ? WHERE id = ?", {before, after, std::to_string(case_id)});
}

void set_follow_up(Database& db, std::int64_t case_id, std::int64_t follow_up_id) {
  sql::exec(db, "UPDATE cases SET follow_up_id = ? WHERE id = ?", {std::to_string(follow_up_id), std::to_string(case_id)});
}

CaseAftermath case_aftermath(Database& db, std::int64_t case_id) {
  CaseAftermath out;
  sql::for_each_row(db, "SELECT facts_before, facts_after, follow_up_id FROM cases WHERE id = ?", {std::to_string(case_id)},
                    [&](const sql::Row& r) {
                      if (!r.is_null(0)) out.facts_before = std::string(r.text(0));
                      if (!r.is_null(1)) out.facts_after = std::string(r.text(1));
                      if (!r.is_null(2)) out.follow_up_id = r.int64(2);
                    });
  return out;
}

std::vector<std::pair<std::int64_t, std::string>> cases_of_return(Database& db, std::int64_t return_id) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  sql::for_each_row(db, "SELECT id, status FROM cases WHERE return_id = ? ORDER BY id", {std::to_string(return_id)},
                    [&](const sql::Row& r) { out.emplace_back(r.int64(0), std::string(r.text(1))); });
  return out;
}

std::optional<std::string> case_outcome(Database& db, std::int64_t case_id) {
  return sql::scalar(db, "SELECT COALESCE(outcome, '') FROM cases WHERE id = ?", {std::to_string(case_id)});
}

bool return_has_case(Database& db, std::int64_t return_id) {
  return sql::scalar(db, "SELECT id FROM cases WHERE return_id = ?", {std::to_string(return_id)}).has_value();
}

std::vector<Case> open_field_cases(Database& db, const std::string& zone) {
  std::vector<Case> out;
  sql::for_each_row(db,
                    std::string("SELECT ") + k_case_columns +
                        ", COALESCE((SELECT observation FROM returns r WHERE r.return_id = cases.return_id), ''), note "
                        "FROM cases WHERE status = 'open' AND kind = 'field_check' AND zone = ?",
                    {zone}, [&](const sql::Row& r) {
                      out.push_back(case_from(r));
                      // The courier's observation; for a check opened before
                      // mailing, what was wrong with the address.
                      out.back().observation = r.text(11).empty() ? r.text(12) : r.text(11);
                    });
  return out;
}

std::vector<Case> open_billing_cases(Database& db) {
  std::vector<Case> out;
  sql::for_each_row(db,
                    std::string("SELECT ") + k_case_columns +
                        " FROM cases WHERE status = 'open' AND kind <> 'field_check' ORDER BY opened_at, id",
                    {}, [&](const sql::Row& r) { out.push_back(case_from(r)); });
  return out;
}

void for_each_open_case(Database& db,
                        const std::function<void(std::string_view, std::string_view, std::string_view)>& fn) {
  sql::for_each_row(db, "SELECT account_id, kind, opened_at FROM cases WHERE status = 'open'", {},
                    [&](const sql::Row& r) { fn(r.text(0), r.text(1), r.text(2)); });
}

std::vector<CaseEvent> cases_of_account(Database& db, const std::string& account_id) {
  std::vector<CaseEvent> out;
  sql::for_each_row(db,
                    "SELECT opened_at, id, kind, cause, status, outcome, closed_at, closed_by, note FROM cases "
                    "WHERE account_id = ? ORDER BY id",
                    {account_id}, [&](const sql::Row& r) {
                      out.push_back({std::string(r.text(0)), r.int64(1), std::string(r.text(2)), std::string(r.text(3)),
                                     std::string(r.text(4)), optional_text(r, 5), optional_text(r, 6), optional_text(r, 7),
                                     optional_text(r, 8)});
                    });
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> open_field_checks_per_zone(Database& db) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  sql::for_each_row(db, "SELECT zone, COUNT(*) FROM cases WHERE kind = 'field_check' AND status = 'open' GROUP BY zone", {},
                    [&](const sql::Row& r) { out.emplace_back(std::string(r.text(0)), r.int64(1)); });
  return out;
}

bool has_field_check(Database& db, const std::string& account_id, const std::string& zone) {
  return sql::scalar(db, "SELECT id FROM cases WHERE account_id = ? AND zone = ? AND kind = 'field_check'", {account_id, zone})
      .has_value();
}

std::optional<std::string> zone_of_case(Database& db, std::int64_t case_id) {
  return sql::scalar(db, "SELECT zone FROM cases WHERE id = ?", {std::to_string(case_id)});
}

}  // namespace cartero::returns::store
