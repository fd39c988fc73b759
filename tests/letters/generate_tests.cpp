#include "cartero/letters/generate.hpp"

#include <ZXing/ReadBarcode.h>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/letters/geometry.hpp"
#include "cartero/returns/selection_history.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/selection/import.hpp"
#include "../support/run.hpp"

using namespace cartero;
using namespace cartero::letters;
using cartero::testing::TempDir;

namespace {

const Date k_cutoff = *Date::parse_iso("2026-11-24");

struct Gray {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;
  std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y * width + x)]; }
};

// Renders one page with poppler's pdftoppm, as a greyscale image.
Gray render(const TempDir& tmp, const std::string& pdf, int page, int dpi) {
  const std::string out = tmp.path("page");
  const std::string cmd = "pdftoppm -gray -r " + std::to_string(dpi) + " -f " + std::to_string(page) + " -l " +
                          std::to_string(page) + " -singlefile '" + pdf + "' '" + out + "'";
  BOOST_REQUIRE_EQUAL(std::system(cmd.c_str()), 0);
  std::ifstream in(out + ".pgm", std::ios::binary);
  std::string magic;
  int maxval = 0;
  Gray g;
  in >> magic >> g.width >> g.height >> maxval;
  in.get();
  g.pixels.resize(static_cast<std::size_t>(g.width * g.height));
  in.read(reinterpret_cast<char*>(g.pixels.data()), static_cast<std::streamsize>(g.pixels.size()));
  BOOST_REQUIRE(magic == "P5" && in);
  return g;
}

std::string decode(const Gray& g, ZXing::BarcodeFormat format) {
  ZXing::DecodeHints hints;
  hints.setFormats(format).setTryHarder(true).setTryRotate(false);
  const auto r = ZXing::ReadBarcode({g.pixels.data(), g.width, g.height, ZXing::ImageFormat::Lum}, hints);
  const std::wstring text = r.text();  // ZXing-cpp 1.4 gives text as a wide string
  return r.isValid() ? std::string(text.begin(), text.end()) : "";
}

std::string pdftotext(const TempDir& tmp, const std::string& pdf) {
  const std::string out = tmp.path("text.txt");
  BOOST_REQUIRE_EQUAL(std::system(("pdftotext -layout '" + pdf + "' '" + out + "'").c_str()), 0);
  return TempDir::read(out);
}

struct Fixture {
  TempDir tmp;
  std::unique_ptr<Database> db = Database::open(tmp.path("c.db"));
  std::int64_t batch = 0;

  Fixture() {
    selection::import_file(
        *db, selection::ImportKind::accounts,
        tmp.write("a.csv",
                  "account_id,holder_name,use_type,address,neighborhood,city,zone,billing_type,balance,days_past_due\n"
                  "A1,José Peña Muñoz,residential,CL 45 SUR # 12 - 34 AP 201,Kennedy,Bogotá D.C.,Z01,direct,1234567,90\n"
                  "A2,María Fernández,commercial,KR 7 # 80 - 15,Chapinero,Bogotá D.C.,Z02,joint,2500000,120\n"
                  "A3,Ñoño Ibáñez,residential,DG 12B BIS # 3 - 45,Suba,Bogotá D.C.,Z03,direct,150000,61\n"));
    selection::SelectOptions o;
    o.cutoff = k_cutoff;
    batch = selection::create_batch(*db, o).batch_id;
  }

  GenerateResult generate(const std::string& dir, int part_size = 5000) {
    GenerateOptions o;
    o.batch_id = batch;
    o.out_dir = tmp.path(dir);
    o.part_size = part_size;
    o.issued_on = k_cutoff;
    return generate_letters(*db, o);
  }
  std::string value(const std::string& q) { return sql::scalar(*db, q).value_or("NULL"); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(generate_tests, Fixture)

BOOST_AUTO_TEST_CASE(parts_manifest_and_layout_are_written_and_recorded) {
  const auto r = generate("out", 2);
  BOOST_CHECK_EQUAL(r.letters, 3);
  BOOST_CHECK_EQUAL(r.first_letter, "2026-000001");
  BOOST_REQUIRE_EQUAL(r.parts.size(), 2u);
  BOOST_CHECK_EQUAL(r.parts[0].file, "letters-001.pdf");
  BOOST_CHECK_EQUAL(r.parts[1].letters, 1);
  for (const auto& p : r.parts) {
    BOOST_CHECK_EQUAL(std::system(("qpdf --check '" + tmp.path("out/" + p.file) + "' >/dev/null").c_str()), 0);
    BOOST_CHECK_EQUAL(p.sha256.size(), 64u);
  }
  const std::string manifest = TempDir::read(tmp.path("out/manifest.csv"));
  BOOST_CHECK_EQUAL(manifest.substr(0, manifest.find('\r')),
                    "letter_id,barcode,account_id,holder_name,address,neighborhood,city,zone,balance,file,page");
  // Rank order: direct billing first, then balance.
  BOOST_CHECK(manifest.find("2026-000001,2026-000001-") != std::string::npos);
  BOOST_CHECK(manifest.find(",A1,José Peña Muñoz,CL 45 SUR # 12 - 34 AP 201,Kennedy,Bogotá D.C.,Z01,1234567,letters-001.pdf,1\r\n") != std::string::npos);
  BOOST_CHECK(manifest.find(",A2,María Fernández,KR 7 # 80 - 15,Chapinero,Bogotá D.C.,Z02,2500000,letters-002.pdf,1\r\n") != std::string::npos);
  BOOST_CHECK_EQUAL(TempDir::read(tmp.path("out/layout.json")), layout_json(letter_geometry()) + "\n");
  BOOST_CHECK_EQUAL(value("SELECT status FROM batches"), "generated");
  BOOST_CHECK_EQUAL(value("SELECT COUNT(*) FROM letter_parts"), "2");
  BOOST_CHECK_EQUAL(value("SELECT part || '/' || page FROM letters WHERE account_id = 'A2'"), "2/1");
  BOOST_CHECK(!std::filesystem::exists(tmp.path("out/letters-001.pdf.tmp")));
}

BOOST_AUTO_TEST_CASE(the_text_keeps_accents_and_the_formatted_amount) {
  generate("out");
  const std::string text = pdftotext(tmp, tmp.path("out/letters-001.pdf"));
  for (const char* expected : {"José Peña Muñoz", "CL 45 SUR # 12 - 34 AP 201", "$ 1.234.567", "Ñoño Ibáñez",
                               "24 de noviembre de 2026", "Dirección inexistente", "Predio demolido", "¿Ya realizó",
                               "DEVOLUCIÓN", "Carta No. 2026-000001", "María Fernández", "$ 2.500.000"}) {
    BOOST_CHECK_MESSAGE(text.find(expected) != std::string::npos, expected);
  }
}

BOOST_AUTO_TEST_CASE(both_codes_decode_back_to_the_manifest_payload_at_150_and_300_dpi) {
  generate("out");
  std::vector<std::string> payloads;
  sql::for_each_row(*db, "SELECT barcode FROM letters ORDER BY rank", {}, [&](const sql::Row& r) { payloads.emplace_back(r.text(0)); });
  for (int dpi : {150, 300}) {
    for (int page = 1; page <= 3; ++page) {
      const Gray g = render(tmp, tmp.path("out/letters-001.pdf"), page, dpi);
      BOOST_TEST_CONTEXT("dpi " << dpi << " page " << page) {
        BOOST_CHECK_EQUAL(decode(g, ZXing::BarcodeFormat::QRCode), payloads[static_cast<std::size_t>(page - 1)]);
        BOOST_CHECK_EQUAL(decode(g, ZXing::BarcodeFormat::Code128), payloads[static_cast<std::size_t>(page - 1)]);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(the_boxes_of_layout_json_are_where_the_page_has_them) {
  generate("out");
  const int dpi = 150;
  const Gray g = render(tmp, tmp.path("out/letters-001.pdf"), 1, dpi);
  const auto& geo = letter_geometry();
  const double s = dpi / 72.0;
  const auto px = [&](double x, double y) { return g.at(static_cast<int>(x * s), static_cast<int>((geo.page_height - y) * s)); };
  for (const auto& c : geo.causes) {
    const auto& b = c.box;
    BOOST_TEST_CONTEXT(cause_info(c.cause).code) {
      BOOST_CHECK_LT(px(b.x, b.y + b.height / 2), 128);                // left edge is ink
      BOOST_CHECK_LT(px(b.x + b.width / 2, b.top()), 128);             // top edge is ink
      BOOST_CHECK_GT(px(b.x + b.width / 2, b.y + b.height / 2), 200);  // inside is blank
    }
  }
  for (const auto& m : geo.marks) {
    const double cx = m.rect.x + m.rect.width / 2, cy = m.rect.y + m.rect.height / 2;
    BOOST_CHECK_LT(px(m.rect.x + 2, cy), 128);
    if (m.shape == MarkShape::hollow) BOOST_CHECK_GT(px(cx, cy), 200); else BOOST_CHECK_LT(px(cx, cy), 128);
  }
}

BOOST_AUTO_TEST_CASE(running_again_gives_the_same_letters) {
  const auto first = generate("one");
  const auto again = generate("two", 1);
  BOOST_CHECK(!again.numbered_now);
  BOOST_CHECK_EQUAL(again.first_letter, first.first_letter);
  BOOST_CHECK_EQUAL(again.last_letter, first.last_letter);
  BOOST_CHECK_EQUAL(value("SELECT COUNT(*) FROM letters"), "3");
  const std::string one = pdftotext(tmp, tmp.path("one/letters-001.pdf"));
  std::string two;
  for (const char* f : {"two/letters-001.pdf", "two/letters-002.pdf", "two/letters-003.pdf"}) two += pdftotext(tmp, tmp.path(f));
  BOOST_CHECK_EQUAL(one, two);
}

BOOST_AUTO_TEST_CASE(dispatch_marks_letters_sent_once_and_changes_the_next_selection) {
  generate("out");
  const auto d = dispatch_batch(*db, batch, k_cutoff);
  BOOST_CHECK_EQUAL(d.letters, 3);
  BOOST_CHECK_EQUAL(value("SELECT COUNT(*) FROM letters WHERE sent_on = '2026-11-24'"), "3");
  BOOST_CHECK_THROW(dispatch_batch(*db, batch, k_cutoff), InputError);
  selection::SelectOptions o;
  o.cutoff = k_cutoff.plus_days(60);
  o.history = &returns::selection_history();  // as `cartero select` passes it
  const auto next = selection::create_batch(*db, o);
  BOOST_CHECK_EQUAL(next.selected, 0);
  BOOST_CHECK_EQUAL(selection::excluded_reasons(*db, next.batch_id, "A1")->joined(), "recent_letter");
  o.cutoff = k_cutoff.plus_days(61);
  BOOST_CHECK_EQUAL(selection::create_batch(*db, o).selected, 3);
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused_and_nothing_is_marked_generated) {
  const auto expect = [&](const std::function<void()>& fn, const std::string& message) {
    try {
      fn();
      BOOST_ERROR("no error, expected " + message);
    } catch (const InputError& e) {
      BOOST_CHECK_MESSAGE(std::string(e.what()).find(message) != std::string::npos, e.what());
    }
  };
  GenerateOptions o;
  o.batch_id = 99;
  o.out_dir = tmp.path("x");
  expect([&] { generate_letters(*db, o); }, "there is no batch 99");
  std::filesystem::create_directories(tmp.path("busy"));
  tmp.write("busy/other.txt", "");
  expect([&] { generate("busy"); }, "already has files");
  o.batch_id = batch;
  o.template_path = tmp.write("bad.txt", "Hola {{nombre}}");
  expect([&] { generate_letters(*db, o); }, "unknown placeholder {{nombre}}");
  o.template_path.reset();
  o.font_dir = tmp.path("nofonts");
  expect([&] { generate_letters(*db, o); }, "fonts-dejavu-core");
  expect([&] { dispatch_batch(*db, batch, k_cutoff); }, "has no letters yet");
  BOOST_CHECK_EQUAL(value("SELECT status FROM batches"), "draft");
  BOOST_CHECK_EQUAL(value("SELECT COUNT(*) FROM letter_parts"), "0");
}

BOOST_AUTO_TEST_SUITE_END()
