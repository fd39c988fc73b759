#include "cartero/campaign/quality.hpp"

#include <boost/test/unit_test.hpp>

#include <map>

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
  BOOST_TEST(json.find(R"("read":6,"rejected":1,"kept":5,"repeated":0)") != std::string::npos);
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

BOOST_AUTO_TEST_CASE(each_finding_has_its_detail_in_spanish_without_codes) {
  Imported i;
  const auto r = campaign::quality_report(*i.db, std::nullopt);
  std::map<std::string, std::string> es;
  for (const auto& issue : r.findings.issues) es[issue.account_id + " " + issue.check] = issue.detail_es;
  BOOST_TEST(es["1004 address_incomplete"] == "Dirección incompleta: falta el número después de «#» (KR 7)");
  BOOST_TEST(es["1005 negative_balance"] == "Saldo -$ 25.000");
  BOOST_TEST(es["1005 days_contradict_balance"] == "30 días de mora con saldo -$ 25.000");
  BOOST_TEST(es["1001 duplicate_document_id"] == "También la cuenta 1003; difieren en documento, saldo");
  // The English detail stays for the command line.
  std::map<std::string, std::string> en;
  for (const auto& issue : r.findings.issues) en[issue.account_id + " " + issue.check] = issue.detail;
  BOOST_TEST(en["1001 duplicate_document_id"] == "also 1003; differ in document_id,balance");
  BOOST_TEST(campaign::to_json(r).find(R"("detail_label":"También la cuenta 1003; difieren en documento, saldo")") != std::string::npos);
}

// The export has account 2001 three times (the later rows with another
// balance and zone) and 2002 twice alike: the import keeps each first row and
// rejects the others as repeated; the quality report sets them beside it.
const char* k_repeated_export =
    "Número de cuenta;Nombre del suscriptor;Documento;Uso;Dirección;Barrio;Municipio;Zona;Tipo de facturación;Saldo;Días de mora\n"
    "2001;Luz Marina Ortiz;39.777.888;Residencial;CL 10 # 5 - 20;Centro;Bogotá D.C.;Z01;Directa;$ 900.000;95\n"
    "2002;Pedro Nel Ospina;19.222.333;Comercial;KR 30 # 45 - 10;Galerías;Bogotá D.C.;Z02;Directa;$ 1.500.000;120\n"
    "2003;Ana Lucía Gómez;52.444.555;Residencial;DG 40 # 20 - 11;Quiroga;Bogotá D.C.;Z03;Directa;$ 300.000;70\n"
    "2001;Luz Marina Ortiz;39.777.888;Residencial;CL 10 # 5 - 20;Centro;Bogotá D.C.;Z05;Directa;$ 850.000;95\n"
    "2002;Pedro Nel Ospina;19.222.333;Comercial;KR 30 # 45 - 10;Galerías;Bogotá D.C.;Z02;Directa;$ 1.500.000;120\n"
    "2001;LUZ MARINA ORTIZ;39.777.888;Residencial;CL 10 # 5 - 20;Centro;Bogotá D.C.;Z01;Directa;$ 910.000;95\n";

BOOST_AUTO_TEST_CASE(an_account_repeated_in_the_export_is_listed_with_what_differs_and_counted_as_cleaned) {
  TempDir tmp;
  auto db = Database::open(tmp.path("c.db"));
  selection::ImportOptions o;
  o.accept_rejected = true;
  const auto s = selection::import_file(*db, selection::ImportKind::accounts, tmp.write("cartera.csv", k_repeated_export), o);
  BOOST_TEST(s.rejected.size() == 3u);  // the import still rejects the later rows
  const auto r = campaign::quality_report(*db, std::nullopt);
  BOOST_TEST(r.read == 6);
  BOOST_TEST(r.rejected == 3);
  BOOST_TEST(r.repeated == 3);
  BOOST_TEST(r.kept == 3);
  BOOST_TEST(count_of(r.findings, "duplicate_account_id") == 2);
  std::vector<const campaign::DuplicateGroup*> by_id;
  for (const auto& d : r.findings.duplicates) {
    if (d.by == "account_id") by_id.push_back(&d);
  }
  BOOST_REQUIRE_EQUAL(by_id.size(), 2u);
  BOOST_TEST(by_id[0]->key == "2001");
  BOOST_TEST(by_id[0]->lines == (std::vector<std::int64_t>{5, 7}), boost::test_tools::per_element());
  // The name differs only in case: not a difference.
  BOOST_TEST(by_id[0]->differing == (std::vector<std::string>{"holder_name", "zone", "balance"}), boost::test_tools::per_element());
  BOOST_REQUIRE_EQUAL(by_id[0]->values.size(), 3u);
  BOOST_TEST(by_id[0]->values[2].values == (std::vector<std::string>{"900000", "850000", "910000"}), boost::test_tools::per_element());
  BOOST_TEST(by_id[1]->key == "2002");
  BOOST_TEST(by_id[1]->differing.empty());
  std::map<std::string, campaign::QualityIssue> issue;
  for (const auto& i : r.findings.issues) {
    if (i.check == "duplicate_account_id") issue[i.account_id] = i;
  }
  BOOST_TEST(issue["2002"].detail_es == "Repetida en la línea 6 del archivo (rechazada); mismos valores");
  BOOST_TEST(issue["2001"].detail_es.find("Repetida en las líneas 5, 7 del archivo (rechazada); difiere en") == 0u);
  BOOST_TEST(issue["2001"].detail_es.find("saldo $ 900.000 la conservada, $ 850.000 en la línea 5, $ 910.000 en la línea 7") !=
             std::string::npos);
  BOOST_TEST(issue["2001"].detail.find("balance 900000 kept, 850000 on line 5, 910000 on line 7") != std::string::npos);
  const auto json = campaign::to_json(r);
  BOOST_TEST(json.find(R"("read":6,"rejected":3,"kept":3,"repeated":3)") != std::string::npos);
  BOOST_TEST(json.find(R"({"by":"account_id","key":"2001","accounts":["2001"],"differing":["holder_name","zone","balance"],"lines":[5,7],)") !=
             std::string::npos);
  BOOST_TEST(json.find(R"("balance":["900000","850000","910000"])") != std::string::npos);

  // A batch's report lists only its selected accounts' repeats.
  selection::SelectOptions sel;
  sel.cutoff = *Date::parse_iso("2026-11-24");
  const auto batch = selection::create_batch(*db, sel).batch_id;
  const auto in_batch = campaign::quality_report(*db, batch);
  BOOST_TEST(count_of(in_batch.findings, "duplicate_account_id") == 2);

  // A clean export replaces the repeats; undo puts them back with the import.
  selection::import_file(*db, selection::ImportKind::accounts,
                         tmp.write("limpia.csv",
                                   "account_id;holder_name;use_type;address;billing_type;balance;days_past_due\n"
                                   "2001;Luz Marina Ortiz;residential;CL 10 # 5 - 20;direct;900000;95\n"
                                   "2002;Pedro Nel Ospina;commercial;KR 30 # 45 - 10;direct;1500000;120\n"),
                         o);
  BOOST_TEST(campaign::quality_report(*db, std::nullopt).repeated == 0);
  BOOST_TEST(count_of(campaign::quality_report(*db, std::nullopt).findings, "duplicate_account_id") == 0);
  selection::undo_import(*db, selection::ImportKind::accounts);
  BOOST_TEST(count_of(campaign::quality_report(*db, std::nullopt).findings, "duplicate_account_id") == 2);
}

BOOST_AUTO_TEST_CASE(nothing_imported_is_an_error) {
  TempDir tmp;
  auto db = Database::open(tmp.path("c.db"));
  BOOST_CHECK_THROW(campaign::quality_report(*db, std::nullopt), InputError);
}

BOOST_AUTO_TEST_SUITE_END()
