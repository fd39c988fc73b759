// End to end: what happens after dispatch, through the `cartero` binary.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <sstream>
#include <vector>

#include "cartero/core/table.hpp"
#include "../support/cli_portfolio.hpp"

using cartero::testing::import_and_select;
using cartero::testing::run_cartero;
using cartero::testing::TempDir;

namespace {

struct Dispatched {
  TempDir tmp;
  Dispatched() {
    import_and_select(tmp);
    run_cartero(tmp, "letters --batch 1 --out out --date 2026-11-24");
    run_cartero(tmp, "dispatch --batch 1 --date 2026-11-25");
  }
};

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The JSON line of `file`'s page `page`, "" when there is none.
std::string line_of(const std::string& out, const std::string& file, int page) {
  std::istringstream lines(out);
  const std::string key = R"({"file":")" + file + R"(","page":)" + std::to_string(page) + ",";
  for (std::string l; std::getline(lines, l);) {
    if (l.rfind(key, 0) == 0) return l;
  }
  return "";
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_returns_tests, Dispatched)

BOOST_AUTO_TEST_CASE(courier_file_cases_lists_reports_and_history) {
  tmp.write("dev.csv", "letter_id;cause;returned_on;observation\n2026-000001;DIRECCION INEXISTENTE;2026-12-01;\n"
                       "2026-000002;lote;2026-12-01;\n2026-000003;marciano;2026-12-01;\n");
  auto r = run_cartero(tmp, "import returns dev.csv --user ana");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(r.out.find(R"("read":3,"recorded":2)") != std::string::npos);
  BOOST_CHECK(r.out.find(R"({"line":4,"field":"cause")") != std::string::npos);

  r = run_cartero(tmp, "export field-list --zone Z1 --out ruta.csv");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(TempDir::read(tmp.path("ruta.csv")).find("José Peña;CL 45 SUR # 12 - 34;Kennedy;Z1;Dirección inexistente;2026-000001") !=
              std::string::npos);
  BOOST_CHECK_EQUAL(run_cartero(tmp, "export field-list --zone Z1 --out ruta.pdf").exit_code, 0);
  BOOST_CHECK(std::filesystem::file_size(tmp.path("ruta.pdf")) > 1000);
  BOOST_CHECK_EQUAL(run_cartero(tmp, "export billing-list --out fact.csv").exit_code, 0);
  BOOST_CHECK(TempDir::read(tmp.path("fact.csv")).find(";Depuración (facturación);1003;") != std::string::npos);
  BOOST_CHECK_EQUAL(run_cartero(tmp, "export billing-list --xlsx fact.xlsx").exit_code, 0);
  BOOST_CHECK(TempDir::read(tmp.path("fact.xlsx")).rfind("PK\x03\x04", 0) == 0);
  // The machine dialect, when the setting asks for it.
  tmp.write("perfil.json", R"({"csv_dialect": "machine"})");
  BOOST_CHECK_EQUAL(run_cartero(tmp, "settings set import perfil.json").exit_code, 0);
  BOOST_CHECK_EQUAL(run_cartero(tmp, "export billing-list --out maquina.csv").exit_code, 0);
  BOOST_CHECK(TempDir::read(tmp.path("maquina.csv")).find(",cleanup,1003,") != std::string::npos);

  r = run_cartero(tmp, "case 1 --outcome address_corrected --user luis");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK(r.err.find("needs the new address") != std::string::npos);
  BOOST_CHECK_EQUAL(run_cartero(tmp, "case 1 --outcome address_corrected --address \"KR 1 # 2 - 3\" --user luis").exit_code, 0);
  BOOST_CHECK_EQUAL(run_cartero(tmp, "case 2 --decision confirmed --user marta").exit_code, 0);

  r = run_cartero(tmp, "report batches --csv rep.csv --xlsx rep.xlsx");
  BOOST_CHECK(r.out.find(R"("letters":3,"delivered":0,"returned":2,"pending":1)") != std::string::npos);
  BOOST_CHECK(std::filesystem::exists(tmp.path("rep.csv")));
  BOOST_CHECK(std::filesystem::exists(tmp.path("rep.xlsx")));
  r = run_cartero(tmp, "report account 1003");
  BOOST_CHECK(r.out.find(R"("outcome":"confirmed")") != std::string::npos);
  // Next bimester: the clean-up confirmed by billing leaves 1003 out for good.
  r = run_cartero(tmp, "select --cutoff 2027-02-01 --explain next.csv");
  BOOST_CHECK(TempDir::read(tmp.path("next.csv")).find("1003,sanitation") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(returns_by_hand_and_their_corrections) {
  auto r = run_cartero(tmp, "return add 2026-000002-2 --cause refused --observation \"no quiso recibir\" --user ana");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK_EQUAL(r.out, "{\"return_id\":1,\"duplicate\":false}\n");
  r = run_cartero(tmp, "return add 2026-000002 --cause moved");
  BOOST_CHECK_EQUAL(r.out, "{\"return_id\":1,\"duplicate\":true}\n");
  r = run_cartero(tmp, "return add 2026-000002-3 --cause moved");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK(r.err.find("is not a letter id") != std::string::npos);
  r = run_cartero(tmp, "return add 2026-000003 --cause tired");
  BOOST_CHECK(r.err.find("unknown cause 'tired'") != std::string::npos);
  r = run_cartero(tmp, "return correct 1 --cause vacant_lot --reason \"mal marcado\" --user ana");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  r = run_cartero(tmp, "report account 1003");
  BOOST_CHECK(r.out.find(R"("cause":"vacant_lot")") != std::string::npos);
  BOOST_CHECK(r.out.find(R"("kind":"cleanup")") != std::string::npos);
  // A typed observation, as when a person confirms a page in review: kept
  // with the return (the earlier one as history), shown with it.
  r = run_cartero(tmp, "return correct 1 --reason \"nada que corregir\" --user ana");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK_MESSAGE(r.err.find("--observation") != std::string::npos, r.err);
  r = run_cartero(tmp, "return correct 1 --observation \"  se negó a firmar; lote enmallado \" --user ana");
  BOOST_CHECK_EQUAL(r.exit_code, 1);  // no reason
  r = run_cartero(tmp, "report account 1003");
  BOOST_CHECK(r.out.find(R"("observation":"no quiso recibir")") != std::string::npos);
  r = run_cartero(tmp, "return correct 1 --observation \"  se negó a firmar; lote enmallado \" --reason \"transcrita\" --user ana");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK_EQUAL(r.out, "{\"return_id\":1,\"corrected\":true}\n");
  r = run_cartero(tmp, "report account 1003");
  BOOST_CHECK_MESSAGE(r.out.find(R"("observation":"se negó a firmar; lote enmallado")") != std::string::npos, r.out);
  BOOST_CHECK(r.out.find(R"("cause":"vacant_lot")") != std::string::npos);  // the cause stays
}

// Mistakes taken back on the command line: a return voided (its field check
// closed with it), a closed case reopened, each with its reason and audited;
// refusals exit 1.
BOOST_AUTO_TEST_CASE(returns_voided_and_cases_reopened_with_their_reasons) {
  run_cartero(tmp, "return add 2026-000001 --cause nonexistent_address --user ana");  // a field check
  run_cartero(tmp, "return add 2026-000002 --cause demolished --user ana");           // a clean-up
  auto r = run_cartero(tmp, "return void 1 --user ana");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
  BOOST_CHECK_MESSAGE(r.err.find("reason") != std::string::npos, r.err);
  r = run_cartero(tmp, "return void 1 --reason \"se registró la carta equivocada\" --user ana");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK_EQUAL(r.out, "{\"return_id\":1,\"voided\":true,\"cases_closed\":[1]}\n");
  BOOST_CHECK_EQUAL(run_cartero(tmp, "return void 1 --reason otra").exit_code, 1);
  BOOST_CHECK_EQUAL(run_cartero(tmp, "case reopen 1 --reason x").exit_code, 1);  // closed by the void
  BOOST_CHECK_EQUAL(run_cartero(tmp, "case 2 --decision confirmed --user fabio").exit_code, 0);
  BOOST_CHECK_EQUAL(run_cartero(tmp, "case reopen 2 --user fabio").exit_code, 1);  // no reason
  r = run_cartero(tmp, "case reopen 2 --reason \"el predio sigue en pie\" --user fabio");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK_EQUAL(r.out, "{\"case\":2,\"reopened\":true}\n");
  BOOST_CHECK_EQUAL(run_cartero(tmp, "export billing-list --out f.csv").out.rfind("{\"cases\":1,", 0), 0u);  // back on billing's list
  r = run_cartero(tmp, "user unlock nadie");
  BOOST_CHECK_EQUAL(r.exit_code, 1);
}

// The register as XLSX, whole, with its sheet deflated at zlib's fastest
// level (the 5 s target for 100,000 returns; app/src/library_hooks.cpp):
// minizip marks a part written at level 1 with bits 1 and 2 of its flags.
BOOST_AUTO_TEST_CASE(the_register_as_xlsx_deflated_fast) {
  BOOST_CHECK_EQUAL(run_cartero(tmp, "return add 2026-000001 --cause moved --user ana").exit_code, 0);
  BOOST_CHECK_EQUAL(run_cartero(tmp, "return add 2026-000003 --cause refused --user ana").exit_code, 0);
  BOOST_REQUIRE_EQUAL(run_cartero(tmp, "export returns --out registro.xlsx").exit_code, 0);
  auto t = cartero::open_table(tmp.path("registro.xlsx"));
  std::vector<std::string> letters;
  t->read([&](std::size_t, const std::vector<std::string_view>& f) {
    letters.emplace_back(f.at(1));
    return true;
  });
  BOOST_CHECK((letters == std::vector<std::string>{"2026-000003", "2026-000001"}));  // newest first
  const std::string zip = TempDir::read(tmp.path("registro.xlsx"));
  const std::string part = "xl/worksheets/sheet1.xml";
  int flags = -1;
  for (auto at = zip.find("PK\x03\x04"); at != std::string::npos && at + 30 <= zip.size(); at = zip.find("PK\x03\x04", at + 4)) {
    const auto u16 = [&](std::size_t i) { return static_cast<unsigned char>(zip[at + i]) | static_cast<unsigned char>(zip[at + i + 1]) << 8; };
    if (zip.compare(at + 30, part.size(), part) == 0 && static_cast<std::size_t>(u16(26)) == part.size()) flags = u16(6);
  }
  BOOST_REQUIRE_NE(flags, -1);
  BOOST_CHECK_EQUAL(flags & 6, 6);
}

BOOST_AUTO_TEST_CASE(scanning_the_printed_letters_sends_unmarked_pages_to_review) {
  const auto r = run_cartero(tmp, "scan --user ana out/letters-001.pdf");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK(r.out.find(R"("page":1,"status":"review","letter_id":"2026-000001","barcode":"2026-000001-4")") != std::string::npos);
  BOOST_CHECK(r.out.find(R"("note":"no cause box is marked")") != std::string::npos);
  const auto d = run_cartero(tmp, "decode out/letters-001.pdf");
  BOOST_CHECK(d.out.find(R"({"format":"QRCode","text":"2026-000001-4")") != std::string::npos);
  BOOST_CHECK(d.out.find(R"({"format":"Code128","text":"2026-000001-4")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(one_bad_file_never_spoils_a_stack_and_every_unreadable_page_is_listed) {
  // Twelve files as an office's upload brings them: the printed letters and
  // courier's pages scanned elsewhere (real JPEGs of the bench corpus), with
  // broken ones among them -- an empty file, a text file named .pdf, a JPEG
  // cut off half-way, a TIFF whose first page's data is damaged, a two-page
  // TIFF cut off after its first page, a TIFF of garbage, a file that is not
  // there, a PNG cut off.
  const std::string pages = std::string(CARTERO_SOURCE_DIR) + "/tests/scanning/courier_pages/";
  const std::string p15 = read_bytes(pages + "s77-bad-p0015.jpg"), p26 = read_bytes(pages + "s77-bad-p0026.jpg");
  BOOST_REQUIRE(p15.size() > 10000 && p26.size() > 10000);
  tmp.write("empty.jpg", "");
  tmp.write("texto.pdf", "Devoluciones del 1 de diciembre: 12 cartas\n");
  tmp.write("cut.jpg", p15.substr(0, p15.size() / 2));
  tmp.write("p0026.jpg", p26);
  const cv::Mat a = cv::imread(pages + "s77-bad-p0015.jpg", cv::IMREAD_GRAYSCALE);
  const cv::Mat b = cv::imread(pages + "s77-bad-p0026.jpg", cv::IMREAD_GRAYSCALE);
  BOOST_REQUIRE(cv::imwrite(tmp.path("page.png"), a));
  BOOST_REQUIRE(cv::imwritemulti(tmp.path("two.tif"), std::vector<cv::Mat>{a, b}));
  const std::string tif = read_bytes(tmp.path("two.tif"));
  std::string damaged = tif;  // libtiff writes page 1's data first, then its directory
  for (std::size_t i = tif.size() / 8; i < tif.size() / 4; ++i) damaged[i] = static_cast<char>(damaged[i] * 7 + 13);
  tmp.write("damaged.tif", damaged);
  tmp.write("cut.tif", tif.substr(0, tif.size() * 3 / 4));
  tmp.write("garbage.tif", std::string("II*\0\x08\0\0\0garbage", 15));
  const std::string png = read_bytes(tmp.path("page.png"));
  tmp.write("cut.png", png.substr(0, png.size() / 2));

  const auto r = run_cartero(tmp, "scan --user ana out/letters-001.pdf empty.jpg texto.pdf cut.jpg p0026.jpg page.png "
                                  "two.tif damaged.tif cut.tif garbage.tif missing.jpg cut.png");
  BOOST_CHECK_EQUAL(r.exit_code, 0);
  BOOST_CHECK_EQUAL(std::count(r.out.begin(), r.out.end(), '\n'), 17);
  // Every page of the good files is read.
  for (int page = 1; page <= 3; ++page) {
    BOOST_CHECK(line_of(r.out, "out/letters-001.pdf", page).find(R"("letter_id":"2026-00000)" + std::to_string(page)) !=
                std::string::npos);
  }
  for (const auto& [file, page, letter] : std::vector<std::tuple<std::string, int, std::string>>{
           {"p0026.jpg", 1, "2026-000026"}, {"page.png", 1, "2026-000015"}, {"two.tif", 1, "2026-000015"},
           {"two.tif", 2, "2026-000026"}, {"damaged.tif", 2, "2026-000026"}, {"cut.tif", 1, "2026-000015"}}) {
    const auto l = line_of(r.out, file, page);
    BOOST_CHECK_MESSAGE(l.find(R"("letter_id":")" + letter + "\"") != std::string::npos, file << " page " << page << ": " << l);
  }
  // Each broken file is reported for itself, by file and page, with why.
  for (const auto& [file, page, why] : std::vector<std::tuple<std::string, int, std::string>>{
           {"empty.jpg", 1, "empty"}, {"texto.pdf", 1, "not a PDF or an image"}, {"cut.jpg", 1, "truncated"},
           {"damaged.tif", 1, "page 1 of the TIFF"}, {"cut.tif", 2, "truncated after page 1"},
           {"garbage.tif", 1, "cannot be read"}, {"missing.jpg", 1, "cannot open the file"},
           {"cut.png", 1, "truncated"}}) {
    const auto l = line_of(r.out, file, page);
    BOOST_CHECK_MESSAGE(l.find(R"("status":"unreadable")") != std::string::npos && l.find(why) != std::string::npos &&
                            l.find(R"("note_code":"file_unreadable")") != std::string::npos,
                        file << " page " << page << ": " << l);
    BOOST_CHECK_MESSAGE(r.err.find("  " + file + " page " + std::to_string(page) + ": ") != std::string::npos, r.err);
  }
  BOOST_CHECK_MESSAGE(r.err.find("cartero scan: 8 of 17 pages in 12 files could not be read:") != std::string::npos, r.err);
  // libjpeg's and poppler's own messages stay off the terminal: every line is the summary's.
  std::istringstream err(r.err);
  for (std::string l; std::getline(err, l);) BOOST_CHECK_MESSAGE(l.rfind("cartero scan: ", 0) == 0 || l.rfind("  ", 0) == 0, l);
}

BOOST_AUTO_TEST_SUITE_END()
