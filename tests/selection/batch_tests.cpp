#include "cartero/selection/batch.hpp"

#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <filesystem>

#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/selection/import.hpp"
#include "../support/temp_dir.hpp"

using namespace cartero;
using namespace cartero::selection;
using cartero::testing::TempDir;

namespace {

const Date k_cutoff = *Date::parse_iso("2026-11-24");

struct Fixture {
  TempDir tmp;
  std::unique_ptr<Database> db = Database::open(tmp.path("c.db"));

  Fixture() {
    import_file(*db, ImportKind::accounts,
                tmp.write("a.csv",
                          "account_id,holder_name,use_type,address,billing_type,balance,days_past_due,"
                          "legal_collection,sanitation\n"
                          "J1,Joint Big,residential,CL 1 # 10 - 20,joint,9000000,200,no,\n"
                          "D1,Direct Mid,residential,CL 2 # 10 - 20,direct,500000,100,no,\n"
                          "D2,Direct Top,commercial,CL 3 # 10 - 20,direct,800000,90,no,\n"
                          "PAY,Paid Recently,residential,CL 4 # 10 - 20,direct,700000,90,no,\n"
                          "PAYOLD,Paid Long Ago,residential,CL 5 # 10 - 20,direct,600000,90,no,\n"
                          "LET,Letter Recently,residential,CL 6 # 10 - 20,direct,650000,90,no,\n"
                          "LOW,Low Balance,residential,CL 7 # 10 - 20,direct,100000,60,si,lote\n"
                          "IND,Industry,industrial,,direct,5000000,300,no,\n"));
    import_file(*db, ImportKind::payments,
                tmp.write("p.csv", "account_id,paid_on,amount\nPAY,2026-10-25,1000\nPAYOLD,2026-10-24,1000\n"
                                   "D1,2026-11-20,0\nD2,2026-11-20,-500\n"));
    import_file(*db, ImportKind::letters, tmp.write("l.csv", "account_id,sent_on\nLET,2026-09-25\nD1,2026-09-24\n"));
  }

  BatchResult run(SelectOptions o = {}) {
    o.cutoff = k_cutoff;
    return create_batch(*db, o);
  }
  std::string value(const std::string& query) { return sql::scalar(*db, query).value_or("NULL"); }
  std::string selected_ids(std::int64_t batch) {
    std::string ids;
    std::int64_t expected_rank = 0;
    for_each_selected(*db, batch, [&](const SelectedEntry& e) {
      BOOST_CHECK_EQUAL(e.rank, ++expected_rank);
      ids += (ids.empty() ? "" : " ") + std::string(e.account_id);
    });
    return ids;
  }
  std::string reasons_of(std::int64_t batch, const std::string& account) {
    const auto r = excluded_reasons(*db, batch, account);
    return r ? r->joined() : "(not excluded)";
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(batch_tests, Fixture)

BOOST_AUTO_TEST_CASE(stores_the_ordered_selection_and_every_reason) {
  const auto r = run();
  BOOST_CHECK_EQUAL(r.total, 8);
  BOOST_CHECK_EQUAL(r.selected, 4);
  BOOST_CHECK_EQUAL(selected_ids(r.batch_id), "D2 PAYOLD D1 J1");
  BOOST_CHECK_EQUAL(reasons_of(r.batch_id, "PAY"), "recent_payment");
  BOOST_CHECK_EQUAL(reasons_of(r.batch_id, "LET"), "recent_letter");
  BOOST_CHECK_EQUAL(reasons_of(r.batch_id, "LOW"),
                    "below_threshold;not_delinquent;legal_collection;sanitation");
  BOOST_CHECK_EQUAL(reasons_of(r.batch_id, "IND"), "missing_address;no_threshold");
  BOOST_CHECK_EQUAL(selected_rank(*db, r.batch_id, "PAYOLD").value_or(0), 2);
  BOOST_CHECK_EQUAL(selected_rank(*db, r.batch_id, "J1").value_or(0), 4);
  BOOST_CHECK(!selected_rank(*db, r.batch_id, "PAY"));
  BOOST_CHECK(!selected_rank(*db, r.batch_id, "D"));  // a prefix of D1 and D2 is not an account
  BOOST_CHECK_EQUAL(value("SELECT status || ' ' || cutoff || ' ' || accounts_total || ' ' || selected_count "
                          "FROM batches"),
                    "draft 2026-11-24 8 4");
  BOOST_CHECK(value("SELECT settings_json FROM batches").find("\"min_days_past_due\":60") != std::string::npos);
}

// A batch of second notices: only the accounts due one are candidates; the
// thresholds, the days past due and the letter window of a first notice give
// way (a letter on or after the cutoff still leaves an account out); the other
// rules stay.
BOOST_AUTO_TEST_CASE(a_second_notice_batch_holds_the_accounts_due_one_under_their_own_rules) {
  SelectOptions o;
  o.settings = second_notice_settings(o.settings);
  o.settings.control_group_percent = 0;
  o.second_notice_accounts = std::vector<std::string>{"LOW", "LET", "PAY", "D2", "GONE"};
  const auto b = run(o);
  BOOST_CHECK_EQUAL(b.total, 4);  // GONE is no longer in the portfolio
  // LOW: 100.000 with 60 days, legal collection and a clean-up flag: the last
  // two still leave it out; LET's letter of September no longer does; PAY
  // paid within the payment window.
  BOOST_CHECK_EQUAL(selected_ids(b.batch_id), "D2 LET");
  BOOST_CHECK_EQUAL(reasons_of(b.batch_id, "LOW"), "legal_collection;sanitation");
  BOOST_CHECK_EQUAL(reasons_of(b.batch_id, "PAY"), "recent_payment");
  BOOST_CHECK_EQUAL(reasons_of(b.batch_id, "J1"), "(not excluded)");  // not in this batch's portfolio
  BOOST_CHECK_EQUAL(find_batch(*db, b.batch_id)->notice, 2);
  BOOST_CHECK_EQUAL(find_batch(*db, run().batch_id)->notice, 1);
  const auto s = second_notice_settings(Settings{});
  BOOST_CHECK(s.thresholds[2] == Pesos{0});  // industrial, no threshold before
  BOOST_CHECK_EQUAL(s.min_days_past_due, 0);
  BOOST_CHECK_EQUAL(s.letter_window_days, 0);
  // None of them in the portfolio: refused, nothing stored.
  const auto batches = value("SELECT COUNT(*) FROM batches");
  o.second_notice_accounts = std::vector<std::string>{"GONE"};
  try {
    run(o);
    BOOST_FAIL("no error");
  } catch (const InputError& e) {
    BOOST_CHECK(e.code() == ErrorCode::no_second_notice_due);
  }
  BOOST_CHECK_EQUAL(value("SELECT COUNT(*) FROM batches"), batches);
}

BOOST_AUTO_TEST_CASE(writes_selected_and_excluded_csv) {
  SelectOptions o;
  o.selected_csv = tmp.path("selected.csv");
  o.excluded_csv = tmp.path("excluded.csv");
  run(o);
  BOOST_CHECK_EQUAL(TempDir::read(tmp.path("selected.csv")),
                    "rank,account_id,holder_name,use_type,billing_type,balance,days_past_due\r\n"
                    "1,D2,Direct Top,commercial,direct,800000,90\r\n"
                    "2,PAYOLD,Paid Long Ago,residential,direct,600000,90\r\n"
                    "3,D1,Direct Mid,residential,direct,500000,100\r\n"
                    "4,J1,Joint Big,residential,joint,9000000,200\r\n");
  BOOST_CHECK_EQUAL(TempDir::read(tmp.path("excluded.csv")),
                    "account_id,reasons\r\nIND,missing_address;no_threshold\r\nLET,recent_letter\r\n"
                    "LOW,below_threshold;not_delinquent;legal_collection;sanitation\r\nPAY,recent_payment\r\n");
}

BOOST_AUTO_TEST_CASE(cap_and_funnel) {
  SelectOptions o;
  o.settings.max_letters = 1;
  const auto r = run(o);
  BOOST_CHECK_EQUAL(r.selected, 1);
  BOOST_CHECK_EQUAL(selected_ids(r.batch_id), "D2");
  for (const char* id : {"PAYOLD", "D1", "J1"}) BOOST_CHECK_EQUAL(reasons_of(r.batch_id, id), "over_capacity");
  BOOST_CHECK_EQUAL(reasons_of(r.batch_id, "D2"), "(not excluded)");
  BOOST_CHECK_EQUAL(reasons_of(r.batch_id, "NOPE"), "(not excluded)");
  BOOST_CHECK_EQUAL(r.funnel[static_cast<int>(Reason::over_capacity)].excluded, 3);
  const auto json = funnel_json(r.total, r.funnel, r.selected);
  BOOST_CHECK(json.find(R"({"reason":"over_capacity","label":"Fuera del cupo del lote","excluded":3,"remaining":1})") !=
              std::string::npos);
}

// Cases belong to returns: selection asks its AccountHistory to open them.
struct CheckOpeningHistory final : AccountHistory {
  mutable std::vector<AddressCheck> opened;
  void for_each_dispatched_letter(Database&, Date, const std::function<void(std::string_view, Date)>&) const override {}
  void for_each_open_case(Database&, const std::function<void(std::string_view, bool, bool)>& fn) const override {
    for (const auto& c : opened) fn(c.account_id, true, false);
  }
  std::int64_t open_address_checks(Database&, const std::vector<AddressCheck>& checks) const override {
    opened.insert(opened.end(), checks.begin(), checks.end());
    return static_cast<std::int64_t>(checks.size());
  }
  void for_each_letter_of_account(Database&, const std::string&, const std::function<void(std::int64_t, std::int64_t)>&) const override {}
};

// Addresses a letter would come back from: left out, with a field check
// opened before the letter is wasted; the funnel says so in Spanish.
BOOST_AUTO_TEST_CASE(incomplete_addresses_are_left_out_and_sent_to_the_field) {
  import_file(*db, ImportKind::accounts,
              tmp.write("bad.csv",
                        "account_id,holder_name,use_type,address,neighborhood,zone,billing_type,balance,days_past_due\n"
                        "OK1,Bien,residential,Calle 45 Sur # 12-34 Apto 201,Kennedy,Z1,direct,500000,90\n"
                        "MZ1,Manzana,residential,MZ 4 CASA 66,Bosa,Z1,direct,500000,90\n"
                        "RUR,Rural,residential,Vereda El Rosal Finca La Esperanza,,Z3,direct,500000,90\n"
                        "SIN,Sin Dir,residential,SIN DIRECCION,Centro,Z1,direct,500000,90\n"
                        "CL,Solo Via,residential,CL,Centro,Z1,direct,500000,90\n"
                        "KR7,Sin Placa,residential,KR 7 #,Chapinero,Z2,direct,500000,90\n"
                        "LOWBAD,Bajo,residential,KR 7 #,Chapinero,Z2,direct,5,90\n"));
  CheckOpeningHistory history;
  SelectOptions o;
  o.history = &history;
  const auto r = run(o);
  BOOST_CHECK_EQUAL(selected_ids(r.batch_id), "MZ1 OK1 RUR");
  for (const char* id : {"SIN", "CL", "KR7"}) BOOST_CHECK_EQUAL(reasons_of(r.batch_id, id), "address_incomplete");
  BOOST_CHECK_EQUAL(reasons_of(r.batch_id, "LOWBAD"), "address_incomplete;below_threshold");
  // Field checks only for those a letter would have gone to.
  BOOST_CHECK_EQUAL(r.address_checks_opened, 3);
  BOOST_REQUIRE_EQUAL(history.opened.size(), 3u);
  const auto& kr7 = history.opened[1];  // in account order: CL, KR7, SIN
  BOOST_CHECK_EQUAL(kr7.account_id + " " + kr7.zone + " " + kr7.neighborhood + " " + kr7.address, "KR7 Z2 Chapinero KR 7 #");
  BOOST_CHECK(kr7.note.find("Dirección incompleta (KR 7)") != std::string::npos);
  const auto json = funnel_json(r.total, r.funnel, r.selected);
  BOOST_CHECK(json.find(R"({"reason":"missing_address","label":"Sin dirección","excluded":0,"remaining":7},{"reason":"address_incomplete")") !=
              std::string::npos);
  // The next selection does not open them again: the check is pending.
  const auto again = run(o);
  BOOST_CHECK_EQUAL(again.address_checks_opened, 0);
  BOOST_CHECK_EQUAL(reasons_of(again.batch_id, "KR7"), "address_incomplete;pending_address_check");
  // Nor when the pending check is not a rule: one open check is enough.
  o.settings.pending_address_check = false;
  BOOST_CHECK_EQUAL(run(o).address_checks_opened, 0);
  // Off by setting: the letters go.
  o.settings.address_incomplete = false;
  BOOST_CHECK_EQUAL(run(o).selected, 6);
}

// Rows imported before the import judged addresses (migration 12) are
// judged by the selection itself, with the same outcome.
BOOST_AUTO_TEST_CASE(addresses_imported_before_are_judged_by_the_selection) {
  import_file(*db, ImportKind::accounts,
              tmp.write("bad.csv", "account_id,holder_name,use_type,address,billing_type,balance,days_past_due\n"
                                   "KR7,Sin Placa,residential,KR 7 #,direct,500000,90\n"
                                   "OK,Bien,residential,Cra. 7 # 80-15,direct,500000,90\n"),
              ImportOptions{std::nullopt, false, true, std::nullopt});  // replaces the fixture's portfolio
  BOOST_CHECK_EQUAL(value("SELECT address_verdict FROM accounts WHERE account_id = 'KR7'"), "incomplete");
  sql::exec(*db, "UPDATE accounts SET address_verdict = NULL");
  SelectOptions o;
  o.cutoff = k_cutoff;
  const auto r = preview_batch(*db, o);
  BOOST_CHECK_EQUAL(r.selected, 1);
  BOOST_CHECK_EQUAL(r.funnel[static_cast<int>(Reason::address_incomplete)].excluded, 1);
}

BOOST_AUTO_TEST_CASE(a_preview_opens_no_case) {
  import_file(*db, ImportKind::accounts,
              tmp.write("bad.csv", "account_id,holder_name,use_type,address,billing_type,balance,days_past_due\n"
                                   "KR7,Sin Placa,residential,KR 7 #,direct,500000,90\n"),
              ImportOptions{std::nullopt, false, true, std::nullopt});  // replaces the fixture's portfolio
  SelectOptions o;
  o.cutoff = k_cutoff;
  const auto r = preview_batch(*db, o);
  BOOST_CHECK_EQUAL(r.selected, 0);
  BOOST_CHECK_EQUAL(r.address_checks_opened, 0);
}

BOOST_AUTO_TEST_CASE(drafts_change_nothing_so_a_second_selection_is_identical) {
  const auto a = run();
  const auto b = run();
  BOOST_CHECK_NE(a.batch_id, b.batch_id);
  BOOST_CHECK_EQUAL(selected_ids(a.batch_id), selected_ids(b.batch_id));
}

BOOST_AUTO_TEST_CASE(excluded_accounts_are_listed_in_id_order_across_chunks) {
  // More accounts than one storage chunk holds.
  std::string csv = "account_id,holder_name,use_type,address,billing_type,balance,days_past_due\n";
  for (int i = 0; i < 10000; ++i) csv += "X" + std::to_string(i) + ",N,residential,CL 1 # 10 - 20,direct," + (i % 3 ? "5" : "500000") + ",90\n";
  import_file(*db, ImportKind::accounts, tmp.write("big.csv", csv));
  const auto r = run();
  std::vector<std::string> ids;
  for_each_excluded(*db, r.batch_id, [&](std::string_view id, Reasons reasons) {
    BOOST_CHECK_EQUAL(reasons.joined(), "below_threshold");
    ids.emplace_back(id);
  });
  BOOST_CHECK_EQUAL(ids.size(), 6666u);
  BOOST_CHECK(std::is_sorted(ids.begin(), ids.end()));
  BOOST_CHECK_EQUAL(reasons_of(r.batch_id, "X9998"), "below_threshold");
  BOOST_CHECK_EQUAL(reasons_of(r.batch_id, "X1"), "below_threshold");
  BOOST_CHECK_EQUAL(reasons_of(r.batch_id, "X9999"), "(not excluded)");
  BOOST_CHECK_THROW(for_each_excluded(*db, 999, [](std::string_view, Reasons) {}), InputError);
}

BOOST_AUTO_TEST_CASE(stored_entries_keep_names_with_tabs_and_line_breaks) {
  import_file(*db, ImportKind::accounts,
              tmp.write("odd.csv", "account_id,holder_name,use_type,address,billing_type,balance,days_past_due\n"
                                   "\"A\tB\",\"Ana \\ Peña\nSegunda línea\",residential,CL 1 # 10 - 20,direct,500000,90\n"),
              ImportOptions{std::nullopt, false, true, std::nullopt});  // replaces the fixture's portfolio
  const auto r = run();
  for_each_selected(*db, r.batch_id, [&](const SelectedEntry& e) {
    BOOST_CHECK_EQUAL(e.account_id, "A\tB");
    BOOST_CHECK_EQUAL(e.holder_name, "Ana \\ Peña\nSegunda línea");
    BOOST_CHECK(e.use_type == UseType::residential);
    BOOST_CHECK_EQUAL(e.balance, 500000);
    BOOST_CHECK_EQUAL(e.days_past_due, 90);
  });
  BOOST_CHECK_EQUAL(selected_rank(*db, r.batch_id, "A\tB").value_or(0), 1);
  BOOST_CHECK_THROW(for_each_selected(*db, 999, [](const SelectedEntry&) {}), InputError);
}

// What the floors above know, as returns/ would tell it: Cartero's own
// letters and the cases still open.
struct FakeHistory final : AccountHistory {
  void for_each_dispatched_letter(Database&, Date from, const std::function<void(std::string_view, Date)>& fn) const override {
    for (const auto& [id, on] : {std::pair{"D2", "2026-10-01"}, {"J1", "2026-01-05"}}) {
      const Date d = *Date::parse_iso(on);
      if (d >= from) fn(id, d);
    }
  }
  void for_each_open_case(Database&, const std::function<void(std::string_view, bool, bool)>& fn) const override {
    fn("PAYOLD", true, false);  // a field check
    fn("D1", true, true);       // an address update
    fn("GONE", true, true);     // an account no longer in the portfolio
  }
  void for_each_letter_of_account(Database&, const std::string&, const std::function<void(std::int64_t, std::int64_t)>&) const override {}
};

BOOST_AUTO_TEST_CASE(letters_and_cases_of_the_floors_above_reach_the_rules_through_the_history) {
  const FakeHistory history;
  SelectOptions o;
  o.history = &history;
  const auto r = run(o);
  BOOST_CHECK_EQUAL(selected_ids(r.batch_id), "J1");  // its letter is outside the window
  BOOST_CHECK_EQUAL(reasons_of(r.batch_id, "D2"), "recent_letter");
  BOOST_CHECK_EQUAL(reasons_of(r.batch_id, "PAYOLD"), "pending_address_check");
  BOOST_CHECK_EQUAL(reasons_of(r.batch_id, "D1"), "pending_address_check;pending_billing_check");
  // Without it, only the imported history counts.
  BOOST_CHECK_EQUAL(selected_ids(run().batch_id), "D2 PAYOLD D1 J1");
}

BOOST_AUTO_TEST_CASE(no_portfolio_is_an_input_error_and_leaves_no_batch) {
  TempDir other;
  auto empty = Database::open(other.path("e.db"));
  SelectOptions o;
  o.cutoff = k_cutoff;
  o.selected_csv = other.path("selected.csv");
  BOOST_CHECK_THROW(create_batch(*empty, o), InputError);
  BOOST_CHECK_EQUAL(sql::scalar(*empty, "SELECT COUNT(*) FROM batches").value_or("?"), "0");
  BOOST_CHECK(!std::filesystem::exists(other.path("selected.csv")));
}

BOOST_AUTO_TEST_SUITE_END()
