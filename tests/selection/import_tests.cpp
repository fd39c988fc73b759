#include "cartero/selection/import.hpp"
#include "cartero/selection/import_profile.hpp"

#include <boost/test/unit_test.hpp>

#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "../support/temp_dir.hpp"

using namespace cartero;
using namespace cartero::selection;
using cartero::testing::TempDir;

namespace {

const char* const k_header =
    "account_id,holder_name,document_id,use_type,address,neighborhood,city,zone,billing_type,balance,"
    "days_past_due,legal_collection,sanitation\n";

std::string count(Database& db, const std::string& table) {
  return sql::scalar(db, "SELECT COUNT(*) FROM " + table).value_or("?");
}

std::string value(Database& db, const std::string& query) { return sql::scalar(db, query).value_or("NULL"); }

struct Fixture {
  TempDir tmp;
  std::unique_ptr<Database> db = Database::open(tmp.path("c.db"));
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(import_tests, Fixture)

BOOST_AUTO_TEST_CASE(imports_aliases_and_money_formats_in_any_column_order) {
  const auto file = tmp.write("a.csv",
                              "balance;days_past_due;billing_type;use_type;address;holder_name;account_id;"
                              "legal_collection;sanitation;zone\n"
                              "$ 1.234.567;90;Directa;Residencial;CL 45 SUR # 12 - 34 AP 201;José Peña;A1;Sí;;Z1\n"
                              "1.500.000;61;conjunta;COMERCIAL;KR 7 # 80 - 15;Ana Muñoz;A2;0;Lote;Z2\n"
                              "300001;70;joint;commercial;DG 12B;Luis;A3;no;doble_facturacion;Z2\n");
  const auto s = import_file(*db, ImportKind::accounts, file);
  BOOST_CHECK_EQUAL(s.read, 3);
  BOOST_CHECK_EQUAL(s.imported, 3);
  BOOST_CHECK(s.rejected.empty());
  BOOST_CHECK_EQUAL(s.delimiter, ';');
  BOOST_CHECK_EQUAL(value(*db, "SELECT balance FROM accounts WHERE account_id = 'A1'"), "1234567");
  BOOST_CHECK_EQUAL(value(*db, "SELECT use_type || billing_type || legal_collection FROM accounts WHERE account_id = 'A1'"),
                    "residentialdirect1");
  BOOST_CHECK_EQUAL(value(*db, "SELECT sanitation FROM accounts WHERE account_id = 'A2'"), "vacant_lot");
  BOOST_CHECK_EQUAL(value(*db, "SELECT sanitation FROM accounts WHERE account_id = 'A3'"), "double_billing");
  BOOST_CHECK_EQUAL(value(*db, "SELECT holder_name FROM accounts WHERE account_id = 'A1'"), "José Peña");
  BOOST_CHECK_EQUAL(value(*db, "SELECT document_id FROM accounts WHERE account_id = 'A1'"), "");  // optional column
}

// The holder's document type under the names utilities' exports give the
// column, kept as its code; one Cartero does not know is kept as written,
// counted, and never a rejection; the profile can name it.
BOOST_AUTO_TEST_CASE(the_document_type_column_is_read_under_its_spanish_names) {
  for (const char* header :
       {"Tipo de documento", "Tipo doc", "TIPO_DOC", "Tipo identificación", "Tipo de identificación", "document_type"}) {
    const auto file = tmp.write("cartera.csv",
                                std::string("Cuenta;Nombre del suscriptor;Cédula/NIT;") + header +
                                    ";Uso;Dirección;Tipo de facturación;Saldo;Días de mora\n"
                                    "1001;Acueducto Veredal La Esperanza;8001234567;N.I.T.;Comercial;KR 7 # 80 - 15;Directa;$ 250.000;95\n"
                                    "1002;Carlos Pérez;900123456;C.C.;Residencial;CL 45 # 12-30;Directa;$ 120.000;61\n"
                                    "1003;Ana Ruiz;52.111.222;Cédula de ciudadanía;Residencial;CL 3 # 4-5;Directa;$ 90.000;70\n"
                                    "1004;Colegio Mayor;901.555.666-2;Persona jurídica;Oficial;CL 9 # 9-9;Directa;$ 80.000;70\n"
                                    "1005;Luisa Gómez;79.456.123;;Residencial;CL 8 # 8-8;Directa;$ 80.000;70\n");
    const auto s = import_file(*db, ImportKind::accounts, file);
    BOOST_CHECK_MESSAGE(s.imported == 5 && s.rejected.empty(), header);
    BOOST_CHECK_EQUAL(value(*db, "SELECT group_concat(document_type, '|') FROM (SELECT document_type FROM accounts ORDER BY account_id)"),
                      "NIT|CC|CC|Persona jurídica|");
    BOOST_CHECK_EQUAL(s.unknown_document_types, 1);
    BOOST_CHECK_EQUAL(s.unknown_document_type, "Persona jurídica");
    BOOST_CHECK(s.to_json().find("\"unknown_document_types\":1") != std::string::npos);
  }
  // The admin names the utility's own value in the profile.
  ImportOptions o;
  o.profile = import_profile_from_json(R"({"accounts": {"values": {"document_type": {"Persona jurídica": "NIT"}}}})", "perfil.json");
  const auto s = import_file(*db, ImportKind::accounts, tmp.path("cartera.csv"), o);
  BOOST_CHECK_EQUAL(s.unknown_document_types, 0);
  BOOST_CHECK_EQUAL(value(*db, "SELECT document_type FROM accounts WHERE account_id = '1004'"), "NIT");
  BOOST_CHECK_THROW(import_profile_from_json(R"({"accounts": {"values": {"document_type": {"J": "Juridica"}}}})", "perfil.json"),
                    InputError);
  // A column of the utility's own name, named in the profile.
  o.profile = import_profile_from_json(R"({"accounts": {"columns": {"Clase Id": "document_type"}}})", "perfil.json");
  o.replace_smaller = true;
  const auto own = import_file(*db, ImportKind::accounts,
                               tmp.write("propio.csv", "Cuenta;Nombre;Clase Id;Uso;Dirección;Tipo de facturación;Saldo;Días de mora\n"
                                                       "2001;Ferretería El Tornillo;NIT;Comercial;KR 1 # 2-3;Directa;$ 900.000;95\n"),
                               o);
  BOOST_CHECK_EQUAL(own.imported, 1);
  BOOST_CHECK_EQUAL(value(*db, "SELECT document_type FROM accounts WHERE account_id = '2001'"), "NIT");
  BOOST_CHECK(template_csv("accounts").find(";Tipo de documento\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(windows_1252_tab_delimited_export_keeps_accents) {
  const auto file = tmp.write("a.csv",
                              "account_id\tholder_name\tuse_type\taddress\tbilling_type\tbalance\tdays_past_due\r\n"
                              "7\tMar\xED" "a Fern\xE1" "ndez Pe\xF1" "a\tresidencial\tCL 1\tdirecta\t200000\t100\r\n");
  const auto s = import_file(*db, ImportKind::accounts, file);
  BOOST_CHECK_EQUAL(s.encoding, "Windows-1252");
  BOOST_CHECK_EQUAL(s.imported, 1);
  BOOST_CHECK_EQUAL(value(*db, "SELECT holder_name FROM accounts"), "María Fernández Peña");
}

BOOST_AUTO_TEST_CASE(unreadable_rows_are_reported_with_line_field_and_reason) {
  const auto file = tmp.write("a.csv", std::string(k_header) +
                                           "A1,Ana,1,residential,CL 1,B,C,Z,direct,200000,90,no,\n"
                                           ",NoId,1,residential,CL 1,B,C,Z,direct,200000,90,no,\n"
                                           "A3,Bad,1,rural,CL 1,B,C,Z,direct,200000,90,no,\n"
                                           "A4,Bad,1,residential,CL 1,B,C,Z,mixta,200000,90,no,\n"
                                           "A5,Bad,1,residential,CL 1,B,C,Z,direct,12abc,90,no,\n"
                                           "A6,Bad,1,residential,CL 1,B,C,Z,direct,200000,-3,no,\n"
                                           "A7,Bad,1,residential,CL 1,B,C,Z,direct,200000,90,quizas,\n"
                                           "A8,Bad,1,residential,CL 1,B,C,Z,direct,200000,90,no,quemado\n"
                                           "A1,Dup,1,residential,CL 1,B,C,Z,direct,200000,90,no,\n"
                                           "A10,Short,1\n"
                                           "A11,Ok,1,residential,,B,C,Z,direct,200000,90,,\n");
  ImportOptions accept;
  accept.accept_rejected = true;
  const auto s = import_file(*db, ImportKind::accounts, file, accept);
  BOOST_CHECK_EQUAL(s.read, 11);
  BOOST_CHECK_EQUAL(s.imported, 2);
  const std::vector<std::pair<std::size_t, std::string>> expected = {
      {3, "account_id"}, {4, "use_type"},   {5, "billing_type"},     {6, "balance"},     {7, "days_past_due"},
      {8, "legal_collection"}, {9, "sanitation"}, {10, "account_id"}, {11, "use_type"}};
  BOOST_REQUIRE_EQUAL(s.rejected.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    BOOST_CHECK_EQUAL(s.rejected[i].line, expected[i].first);
    BOOST_CHECK_EQUAL(s.rejected[i].field, expected[i].second);
    BOOST_CHECK(!s.rejected[i].reason.empty());
  }
  BOOST_CHECK(s.rejected[7].reason.find("earlier row") != std::string::npos);
  // Each rejection has its code, and its Spanish text with the value as it came.
  const RowProblem problems[] = {RowProblem::no_account_id, RowProblem::not_a_use_type, RowProblem::not_a_billing_type,
                                 RowProblem::not_an_amount, RowProblem::not_whole_days, RowProblem::not_yes_no,
                                 RowProblem::not_a_sanitation_flag, RowProblem::repeated_account, RowProblem::missing_field};
  for (std::size_t i = 0; i < expected.size(); ++i) BOOST_TEST((s.rejected[i].problem == problems[i]), "row " << i);
  BOOST_CHECK_EQUAL(spanish_label(s.rejected[3]), "'12abc' no es un valor en pesos (1234567, 1.234.567, $ 1.234.567 o 1.234.567,50)");
  BOOST_CHECK_EQUAL(spanish_label(s.rejected[7]), "la cuenta A1 ya aparece en una fila anterior del archivo");
  BOOST_CHECK_EQUAL(spanish_label(s.rejected[8]), "la fila tiene 3 campos: le falta la columna «use_type»");
  BOOST_CHECK_EQUAL(count(*db, "accounts"), "2");
  const auto json = s.to_json();
  BOOST_CHECK(json.find(R"({"line":6,"field":"balance")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(reimport_replaces_the_snapshot) {
  import_file(*db, ImportKind::accounts,
              tmp.write("a.csv", std::string(k_header) + "A1,Ana,1,residential,CL 1,B,C,Z,direct,200000,90,no,\n"
                                                         "A2,Bo,1,residential,CL 1,B,C,Z,direct,200000,90,no,\n"));
  import_file(*db, ImportKind::accounts,
              tmp.write("b.csv", std::string(k_header) + "A3,Cy,1,residential,CL 1,B,C,Z,direct,200000,90,no,\n"));
  BOOST_CHECK_EQUAL(count(*db, "accounts"), "1");
  BOOST_CHECK_EQUAL(value(*db, "SELECT account_id FROM accounts"), "A3");
}

BOOST_AUTO_TEST_CASE(a_file_that_cannot_be_read_writes_nothing) {
  import_file(*db, ImportKind::accounts,
              tmp.write("a.csv", std::string(k_header) + "A1,Ana,1,residential,CL 1,B,C,Z,direct,200000,90,no,\n"));
  const std::vector<std::pair<std::string, std::string>> bad = {
      {tmp.path("missing.csv"), "cannot open"},
      {tmp.write("empty.csv", ""), "empty"},
      {tmp.write("bin.csv", std::string("\x89PNG\r\n\x1a\n\0\0\0", 11)), "not a text file"},
      {tmp.write("nocol.csv", "account_id,holder_name,use_type,address,billing_type,days_past_due\n1,a,b,c,d,5\n"),
       "'balance' is missing"},
      {tmp.write("header.csv", k_header), "no data rows"},
      {tmp.write("allbad.csv", std::string(k_header) + "A9,Ana,1,rural,CL 1,B,C,Z,direct,200000,90,no,\n"),
       "no row could be read"},
  };
  for (const auto& [file, expected] : bad) {
    try {
      import_file(*db, ImportKind::accounts, file);
      BOOST_ERROR("accepted " + file);
    } catch (const InputError& e) {
      const std::string msg = e.what();
      BOOST_CHECK_MESSAGE(msg.find(file) != std::string::npos && msg.find(expected) != std::string::npos, msg);
    }
    BOOST_CHECK_EQUAL(value(*db, "SELECT account_id FROM accounts"), "A1");
  }
}

BOOST_AUTO_TEST_CASE(payments_and_letters_keep_zero_and_negative_amounts_and_check_dates) {
  ImportOptions accept;
  accept.accept_rejected = true;
  const auto s = import_file(*db, ImportKind::payments,
                             tmp.write("p.csv", "amount;account_id;paid_on\n0;A1;2026-11-01\n-5.000;A1;2026-11-02\n"
                                                "$ 12.000;A2;2026-10-01\n1000;A3;01/10/2026\n1000;;2026-10-01\n"), accept);
  BOOST_CHECK_EQUAL(s.imported, 4);
  BOOST_REQUIRE_EQUAL(s.rejected.size(), 1u);
  BOOST_CHECK_EQUAL(s.rejected[0].field, "account_id");
  BOOST_CHECK_EQUAL(s.rejected[0].line, 6u);
  BOOST_CHECK_EQUAL(value(*db, "SELECT SUM(amount) FROM payments"), "8000");
  BOOST_CHECK_EQUAL(value(*db, "SELECT paid_on FROM payments WHERE account_id = 'A3'"), "2026-10-01");
  const auto l = import_file(*db, ImportKind::letters, tmp.write("l.csv", "account_id,sent_on\nA1,2026-10-01\nA2,2026-13-01\n"),
                             accept);
  BOOST_CHECK_EQUAL(l.imported, 1);
  BOOST_CHECK_EQUAL(l.rejected.at(0).field, "sent_on");
}

BOOST_AUTO_TEST_CASE(rows_of_empty_fields_are_skipped) {
  const auto s = import_file(*db, ImportKind::accounts,
                             tmp.write("a.csv", std::string(k_header) +
                                                    "A1,Ana,1,residential,CL 1,B,C,Z,direct,200000,90,no,\n"
                                                    ",,,,,,,,,,,,\n,,\n"));
  BOOST_CHECK_EQUAL(s.imported, 1);
  BOOST_CHECK(s.rejected.empty());
}

BOOST_AUTO_TEST_CASE(an_unclosed_quote_rejects_its_row_and_the_next_rows_are_read) {
  const auto file = tmp.write("a.csv",
                              "account_id;holder_name;use_type;address;billing_type;balance;days_past_due\n"
                              "1;Ana;residencial;CL 1;directa;200000;90\n"
                              "2;\"Beto;residencial;CL 2;directa;200000;90\n"
                              "3;Carla;residencial;CL 3;directa;200000;90\n");
  ImportOptions accept;
  accept.accept_rejected = true;  // one row of three is past the 2 % refusal
  const auto s = import_file(*db, ImportKind::accounts, file, accept);
  BOOST_CHECK_EQUAL(s.read, 3);
  BOOST_CHECK_EQUAL(s.imported, 2);
  BOOST_REQUIRE_EQUAL(s.rejected.size(), 1u);
  BOOST_CHECK_EQUAL(s.rejected[0].line, 3u);
  BOOST_CHECK(s.rejected[0].reason.find("unclosed quote") != std::string::npos);
  BOOST_CHECK(s.rejected[0].problem == RowProblem::unclosed_quote);
  BOOST_CHECK_EQUAL(value(*db, "SELECT holder_name FROM accounts WHERE account_id = '3'"), "Carla");
}

BOOST_AUTO_TEST_CASE(a_long_file_with_one_unclosed_quote_loses_only_that_row_and_every_line_is_accounted_for) {
  std::string csv = "account_id;holder_name;use_type;address;billing_type;balance;days_past_due\n";
  for (int i = 1; i <= 2000; ++i) {
    const std::string name = i == 3 ? "\"Beto" : i == 1500 ? "\"Chiqui\" Pérez" : "Titular " + std::to_string(i);
    csv += std::to_string(i) + ";" + name + ";residencial;\"CL " + std::to_string(i) + "; piso 2\";directa;200000;90\n";
    if (i % 500 == 0) csv += "\n;;;;;;\n";  // a blank line and a row of empty cells
  }
  const auto s = import_file(*db, ImportKind::accounts, tmp.write("a.csv", csv));
  BOOST_CHECK_EQUAL(s.read, 2000);
  BOOST_CHECK_EQUAL(s.imported, 1999);
  BOOST_CHECK_EQUAL(s.rejected.size(), 1u);
  BOOST_CHECK_EQUAL(s.lines, 1 + 2000 + 8);
  BOOST_CHECK_EQUAL(s.lines, 1 + s.blank + s.read);
  BOOST_CHECK_EQUAL(count(*db, "accounts"), "1999");
  BOOST_CHECK_EQUAL(value(*db, "SELECT holder_name FROM accounts WHERE account_id = '1500'"), "\"Chiqui\" Pérez");
  BOOST_CHECK_EQUAL(value(*db, "SELECT address FROM accounts WHERE account_id = '4'"), "CL 4; piso 2");
}

BOOST_AUTO_TEST_CASE(every_row_problem_has_its_code_and_spanish_text) {
  for (std::size_t i = 0; i < k_row_problem_count; ++i) {
    const auto p = static_cast<RowProblem>(i);
    BOOST_TEST(!code(p).empty(), i);
    BOOST_TEST(!spanish_template(p).empty(), code(p));
  }
}

BOOST_AUTO_TEST_SUITE_END()
