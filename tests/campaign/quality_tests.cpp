#include "cartero/campaign/quality.hpp"

#include <boost/test/unit_test.hpp>

#include "cartero/core/error.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/selection/import.hpp"
#include "support/temp_dir.hpp"

using namespace cartero;
using cartero::testing::TempDir;

namespace {

// An export as a utility writes it: ';', Spanish values, amounts with
// thousands dots; with an empty name, a duplicate debtor under two account
// numbers (same cédula, another balance), a zero and a negative balance,
// days past due with nothing owed, and a row the import rejects.
const char* k_export =
    "account_id;holder_name;document_id;use_type;address;neighborhood;city;zone;billing_type;balance;days_past_due\n"
    "1001;José Peña Muñoz;79.456.123;residencial;CL 45 SUR # 12 - 34;Kennedy;Bogotá D.C.;Z01;directa;1.234.567;90\n"
    "1002;;52.111.222;residencial;KR 7 # 80 - 15;Chapinero;Bogotá D.C.;Z02;directa;$ 450.000;75\n"
    "1003;JOSE PEÑA  MUÑOZ;79456123;residencial;Calle 45 Sur No. 12-34;Kennedy;Bogotá D.C.;Z01;directa;980.000;90\n"
    "1004;Panadería La Espiga S.A.S.;900.123.456-7;comercial;KR 7;;Bogotá D.C.;;conjunta;0;0\n"
    "1005;María Fernanda Ríos;1.020.304.050;residencial;DG 12B BIS # 3 - 45;Suba;;Z03;directa;-25.000;30\n"
    "1006;Ñoño Ibáñez;41.555.666;residencial;TV 5 # 6 - 7;Bosa;Bogotá D.C.;Z04;directa;300.000;doce\n";

struct Imported {
  TempDir tmp;
  std::unique_ptr<Database> db = Database::open(tmp.path("c.db"));
  Imported() {
    selection::ImportOptions o;
    o.accept_rejected = true;  // one row of six is unreadable on purpose
    selection::import_file(*db, selection::ImportKind::accounts, tmp.write("cuentas.csv", k_export), o);
  }
};

std::int64_t count_of(const campaign::QualityFindings& f, const std::string& check) {
  for (const auto& c : f.counts) {
    if (c.check == check) return c.accounts;
  }
  return -1;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(quality_tests)

BOOST_AUTO_TEST_CASE(the_portfolio_report_counts_each_check_and_sums_up_what_was_cleaned) {
  Imported i;
  const auto r = campaign::quality_report(*i.db, std::nullopt);
  BOOST_TEST(r.read == 6);
  BOOST_TEST(r.rejected == 1);  // 1006: "doce" days
  BOOST_TEST(r.kept == 5);
  const auto& f = r.findings;
  BOOST_TEST(f.accounts == 5);
  BOOST_TEST(count_of(f, "missing_holder_name") == 1);
  BOOST_TEST(count_of(f, "address_incomplete") == 1);  // KR 7: no plate
  BOOST_TEST(count_of(f, "missing_zone") == 1);
  BOOST_TEST(count_of(f, "missing_neighborhood") == 1);
  BOOST_TEST(count_of(f, "missing_city") == 1);
  BOOST_TEST(count_of(f, "zero_balance") == 1);
  BOOST_TEST(count_of(f, "negative_balance") == 1);
  BOOST_TEST(count_of(f, "days_contradict_balance") == 1);  // 1005: 30 days, owes nothing
  BOOST_TEST(count_of(f, "duplicate_document_id") == 2);
  BOOST_TEST(count_of(f, "duplicate_address_and_name") == 2);
  BOOST_REQUIRE_EQUAL(f.duplicates.size(), 2u);
  for (const auto& d : f.duplicates) {
    BOOST_TEST(d.accounts == (std::vector<std::string>{"1001", "1003"}), boost::test_tools::per_element());
    BOOST_TEST(d.differing == (std::vector<std::string>{"document_id", "balance"}), boost::test_tools::per_element());
  }
  const auto json = campaign::to_json(r);
  BOOST_TEST(json.find(R"("import":{"file":)") != std::string::npos);
  BOOST_TEST(json.find(R"("read":6,"rejected":1,"kept":5)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_batchs_report_covers_its_selected_accounts_and_its_funnel) {
  Imported i;
  selection::SelectOptions o;
  o.cutoff = *Date::parse_iso("2026-11-24");
  const auto batch = selection::create_batch(*i.db, o).batch_id;
  const auto r = campaign::quality_report(*i.db, batch);
  // The nameless account is left out by missing_holder_name, so the batch
  // has only the two records of the same debtor: both mailed, both reported.
  BOOST_TEST(r.findings.accounts == 2);
  BOOST_TEST(count_of(r.findings, "missing_holder_name") == 0);
  BOOST_TEST(count_of(r.findings, "duplicate_document_id") == 2);
  BOOST_TEST(r.funnel_json.find(R"("reason":"missing_holder_name","label":"Sin nombre del titular","excluded":1)") !=
             std::string::npos);
  BOOST_CHECK_THROW(campaign::quality_report(*i.db, 42), InputError);
}

BOOST_AUTO_TEST_CASE(nothing_imported_is_an_error) {
  TempDir tmp;
  auto db = Database::open(tmp.path("c.db"));
  BOOST_CHECK_THROW(campaign::quality_report(*db, std::nullopt), InputError);
}

BOOST_AUTO_TEST_SUITE_END()
