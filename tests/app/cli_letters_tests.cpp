// End to end: letters, dispatch and layout through the `cartero` binary.
#include <boost/test/unit_test.hpp>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>

#include "../support/run.hpp"

using cartero::testing::run_cartero;
using cartero::testing::TempDir;

namespace {

struct Batch {
  TempDir tmp;
  Batch() {
    tmp.write("a.csv",
              "account_id,holder_name,use_type,address,neighborhood,city,zone,billing_type,balance,days_past_due\n"
              "1001,José Peña,residential,CL 45 SUR # 12 - 34,Kennedy,Bogotá D.C.,Z1,direct,1234567,90\n"
              "1002,Ana Muñoz,commercial,KR 7 # 80 - 15,Chapinero,Bogotá D.C.,Z2,joint,900000,61\n");
    run_cartero(tmp, "import accounts a.csv");
    tmp.write("one-person.json", R"({"require_approval": false})");  // no approver in this office
    run_cartero(tmp, "select --cutoff 2026-11-24 --config one-person.json");
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_letters_tests, Batch)

BOOST_AUTO_TEST_CASE(letters_then_dispatch_then_the_next_selection_leaves_them_out) {
  auto r = run_cartero(tmp, "letters --batch 1 --out out --date 2026-11-25");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(r.out.find(R"("letters":2,"first_letter":"2026-000001","last_letter":"2026-000002")") != std::string::npos);
  for (const char* f : {"out/letters-001.pdf", "out/manifest.csv", "out/layout.json"}) {
    BOOST_CHECK(std::filesystem::exists(tmp.path(f)));
  }
  r = run_cartero(tmp, "dispatch --batch 1 --date 2026-11-26");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK_EQUAL(r.out.rfind("{\"batch\":1,\"dispatched_on\":\"2026-11-26\",\"letters\":2,\"dispatched_by\":\"", 0), 0u);
  BOOST_CHECK(r.out.find("\"status\":\"dispatched\",\"held_back\":[]}") != std::string::npos);
  r = run_cartero(tmp, "dispatch --batch 1");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK(r.err.find("already dispatched on 2026-11-26") != std::string::npos);
  r = run_cartero(tmp, "select --cutoff 2027-01-25 --explain excluded.csv");
  BOOST_CHECK(r.out.find(R"("selected":0)") != std::string::npos);
  BOOST_CHECK_EQUAL(TempDir::read(tmp.path("excluded.csv")), "account_id,reasons\r\n1001,recent_letter\r\n1002,recent_letter\r\n");
}

BOOST_AUTO_TEST_CASE(a_letter_is_shown_from_the_archive_and_a_draft_discarded) {
  auto r = run_cartero(tmp, "letters --batch 1 --out out --date 2026-11-25");
  BOOST_REQUIRE_EQUAL(r.exit_code, 0);
  r = run_cartero(tmp, "letter show 2026-000002 --out carta.pdf");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(r.out.find(R"("letter_id":"2026-000002","batch":1,"part":"letters-001.pdf","page":2,)") != std::string::npos);
  BOOST_CHECK(r.out.find(R"("verified":true)") != std::string::npos);
  BOOST_CHECK(std::filesystem::exists(tmp.path("carta.pdf")));
  r = run_cartero(tmp, "letter show 2026-000002 --out carta.pdf");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK(r.err.find("already exists") != std::string::npos);
  r = run_cartero(tmp, "batch discard 1 --user ana");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK_EQUAL(r.out, "{\"batch\":1,\"status\":\"discarded\",\"by\":\"ana\"}\n");
  r = run_cartero(tmp, "dispatch --batch 1 --date 2026-11-26");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK(r.err.find("batch 1 was discarded on") != std::string::npos);
  r = run_cartero(tmp, "batch drop 1");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
}

// Two offices print the same batch at the same moment: the second is told
// who holds the batch (or, if the first had finished, prints the same
// letters again); the batch is numbered once, without a gap, either way.
BOOST_AUTO_TEST_CASE(two_runs_on_one_batch_at_once_number_it_once_without_gaps) {
  const std::string script = tmp.write("both.sh",
                                       "for run in a b; do\n"
                                       "  ( \"$1\" letters --batch 1 --out \"$run\" --date 2026-11-25 >\"$run.out\" 2>\"$run.err\"; "
                                       "echo $? >\"$run.rc\" ) &\n"
                                       "done\n"
                                       "wait\n");
  const std::string cmd = "cd '" + tmp.dir().string() + "' && sh '" + script + "' '" + CARTERO_BINARY + "'";
  BOOST_REQUIRE_EQUAL(std::system(cmd.c_str()), 0);
  int printed = 0;
  for (const std::string run : {"a", "b"}) {
    const std::string rc = TempDir::read(tmp.path(run + ".rc")), err = TempDir::read(tmp.path(run + ".err"));
    BOOST_TEST_CONTEXT("run " << run << ": exit " << rc << " " << err) {
      if (rc == "0\n") {
        ++printed;
        BOOST_CHECK(TempDir::read(tmp.path(run + ".out")).find(R"("letters":2,"first_letter":"2026-000001","last_letter":"2026-000002")") !=
                    std::string::npos);
      } else {
        BOOST_CHECK_EQUAL(rc, "1\n");
        BOOST_CHECK(err.find("batch 1 is being printed by another `cartero letters` run (process ") != std::string::npos);
        BOOST_CHECK(!std::filesystem::exists(tmp.path(run + "/letters-001.pdf")));
      }
    }
  }
  BOOST_CHECK_GE(printed, 1);
  // Numbered once: the next batch's letters follow on from 2026-000002.
  tmp.write("b.csv",
            "account_id,holder_name,use_type,address,neighborhood,city,zone,billing_type,balance,days_past_due\n"
            "1003,Luis Gómez,residential,CL 8 # 8 - 18,Bosa,Bogotá D.C.,Z3,direct,700000,75\n");
  run_cartero(tmp, "import accounts b.csv --replace-smaller");
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "select --cutoff 2026-11-24 --config one-person.json").exit_code, 0);
  const auto r = run_cartero(tmp, "letters --batch 2 --out c --date 2026-11-25");
  BOOST_CHECK_MESSAGE(r.out.find(R"("letters":1,"first_letter":"2026-000003","last_letter":"2026-000003")") != std::string::npos,
                      r.out + r.err);
}

// The disk fills while a part is written, without root: prlimit caps the
// files `cartero letters` writes at 3 MB (EFBIG past it, as ENOSPC on a
// full disk), below the part's size and above the database's. Exit 2
// naming the file; no part under its name nor half-written; nothing
// recorded; with room again the same letters, numbered once without a gap.
BOOST_AUTO_TEST_CASE(a_full_disk_exits_2_leaving_no_part_and_the_numbering_without_gaps) {
  std::string csv = "account_id,holder_name,use_type,address,neighborhood,city,zone,billing_type,balance,days_past_due\n";
  for (int i = 1; i <= 2000; ++i) {
    csv += std::to_string(200000 + i) + ",Titular Número " + std::to_string(i) + ",residential,CL " + std::to_string(i % 90 + 1) +
           " # 12 - 34,Kennedy,Bogotá D.C.,Z1,direct,1234567,90\n";
  }
  tmp.write("big.csv", csv);
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "import accounts big.csv").exit_code, 0);
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "select --cutoff 2026-11-24 --config one-person.json").exit_code, 0);
  constexpr std::uintmax_t k_cap = 3u * 1024 * 1024;
  BOOST_REQUIRE_LT(std::filesystem::file_size(tmp.path("cartero.db")) + 1024 * 1024, k_cap);
  const std::string cmd = "cd '" + tmp.dir().string() + "' && trap '' XFSZ && prlimit --fsize=" + std::to_string(k_cap) + " '" +
                          CARTERO_BINARY + "' letters --batch 2 --out out --date 2026-11-25 >capped.out 2>capped.err";
  const int status = std::system(cmd.c_str());
  BOOST_CHECK_EQUAL(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 2);
  const std::string err = TempDir::read(tmp.path("capped.err"));
  BOOST_CHECK_MESSAGE(err.find("cannot write") != std::string::npos && err.find("letters-001.pdf.tmp: is the disk full") != std::string::npos,
                      err);
  BOOST_CHECK(std::filesystem::is_empty(tmp.path("out")));
  auto r = run_cartero(tmp, "letters --batch 2 --out roomy --date 2026-11-25");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK_MESSAGE(r.out.find(R"("letters":2000,"first_letter":"2026-000001","last_letter":"2026-002000","numbered_now":false)") !=
                          std::string::npos,
                      r.out + r.err);
  BOOST_CHECK_GT(std::filesystem::file_size(tmp.path("roomy/letters-001.pdf")), k_cap);
}

BOOST_AUTO_TEST_CASE(layout_prints_the_geometry) {
  const auto r = run_cartero(tmp, "layout");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(r.out.find(R"("page":{"width":612,"height":792})") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_input_exits_1) {
  std::filesystem::create_directories(tmp.path("full"));
  tmp.write("full/x.txt", "x");
  tmp.write("bad.txt", "{{saldo}}");
  tmp.write("unclosed.txt", "Asunto: Cobro\n{{#neighborhood}}, barrio {{neighborhood}}\n");
  const std::string keys = R"("company_name": "Aseo", "company_nit": "NIT 900.111.222-3", "company_city": "Bogotá D.C.",
    "company_phone": "1", "company_web": "w", "signer_name": "C", "signer_title": "T")";
  tmp.write("no-address.json", "{" + keys + "}");
  tmp.write("logo.png", "\xff\xd8\xff\xe0 JFIF, a JPEG named .png");
  tmp.write("jpeg-logo.json", "{" + keys + R"(, "company_address": "Calle 1", "logo": "logo.png"})");
  const std::pair<const char*, const char*> cases[] = {
      {"letters --batch 7 --out o", "there is no batch 7"},
      {"letters --out o", "--batch ID is required"},
      {"letters --batch 1", "--out is required"},
      {"letters --batch 1 --out full", "already has files"},
      {"letters --batch 1 --out o2 --template bad.txt", "unknown placeholder {{saldo}}"},
      {"letters --batch 1 --out o3 --part-size 0", "--part-size must be at least 1"},
      {"letters --batch 1 --out o4 --template unclosed.txt", "line 2: {{#neighborhood}} is never closed with {{/neighborhood}}"},
      {"letters --batch 1 --out o5 --sender no-address.json", "sender setting \"company_address\" is missing"},
      {"letters --batch 1 --out o6 --sender jpeg-logo.json", "the logo is not a PNG image"},
      {"dispatch --batch 1", "has no letters yet"},
      {"dispatch --batch 1 --date 2026-13-01", "not a date"},
  };
  for (const auto& [args, message] : cases) {
    const auto r = run_cartero(tmp, args);
    BOOST_TEST_CONTEXT(args) {
      BOOST_CHECK_EQUAL(r.exit_code, 1);
      BOOST_CHECK_MESSAGE(r.err.find(message) != std::string::npos, r.err);
    }
  }
  for (const char* out : {"o2", "o4", "o5", "o6"}) BOOST_CHECK(!std::filesystem::exists(tmp.path(std::string(out) + "/letters-001.pdf")));
  BOOST_CHECK(run_cartero(tmp, "letters --batch 1 --out ok --date 2026-11-25").out.find(R"("first_letter":"2026-000001")") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
