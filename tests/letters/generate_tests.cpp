#include "cartero/letters/generate.hpp"

#include <ZXing/ReadBarcode.h>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/stored_settings.hpp"
#include "cartero/selection/settings.hpp"
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
                    "letter_id,barcode,account_id,holder_name,address,neighborhood,city,zone,balance,file,page,"
                    "municipality_code,municipality,postal_code");
  // Rank order: direct billing first, then balance.
  BOOST_CHECK(manifest.find("2026-000001,2026-000001-") != std::string::npos);
  BOOST_CHECK(manifest.find(",A1,José Peña Muñoz,CL 45 SUR # 12 - 34 AP 201,Kennedy,Bogotá D.C.,Z01,1234567,letters-001.pdf,1,,Bogotá D.C.,\r\n") != std::string::npos);
  BOOST_CHECK(manifest.find(",A2,María Fernández,KR 7 # 80 - 15,Chapinero,Bogotá D.C.,Z02,2500000,letters-002.pdf,1,,Bogotá D.C.,\r\n") != std::string::npos);
  BOOST_CHECK_EQUAL(TempDir::read(tmp.path("out/layout.json")), layout_json(letter_geometry()) + "\n");
  BOOST_CHECK_EQUAL(value("SELECT status FROM batches"), "generated");
  BOOST_CHECK_EQUAL(value("SELECT COUNT(*) FROM letter_parts"), "2");
  BOOST_CHECK_EQUAL(value("SELECT part || '/' || page FROM letters WHERE account_id = 'A2'"), "2/1");
  BOOST_CHECK(!std::filesystem::exists(tmp.path("out/letters-001.pdf.tmp")));
}

// A 4-72 bulk admission: municipality (DIVIPOLA) and postal code from the
// export's columns, else from the settings' table; sorted as the courier asks.
BOOST_AUTO_TEST_CASE(the_manifest_has_municipality_and_postal_code_in_the_courier_s_order) {
  selection::import_file(
      *db, selection::ImportKind::accounts,
      tmp.write("m.csv",
                "account_id,holder_name,use_type,address,neighborhood,city,zone,billing_type,balance,days_past_due,"
                "municipality_code,postal_code\n"
                "M1,Uno,residential,CL 45 # 12 - 34,Kennedy,Bogotá D.C.,Z01,direct,900000,90,,\n"
                "M2,Dos,residential,CL 10 # 43E - 31,El Poblado,Medellín,Z09,direct,800000,90,05001,050021\n"
                "M3,Tres,residential,KR 7 # 80 - 15,Chapinero,BOGOTA D.C,Z02,direct,700000,90,,\n"
                "M4,Cuatro,residential,CL 5 # 38 - 25,San Fernando,Cali,Z05,direct,600000,90,,\n"));
  store_settings(*db, "selection",
                 R"({"manifest_order": "postal_code", "municipalities": {"Bogotá D.C.": {"code": "11001", "name": "Bogotá, D.C.", "postal_code": "110111"}}})",
                 "admin");
  selection::SelectOptions o;
  o.cutoff = k_cutoff;
  o.settings = selection::current_settings(*db);
  batch = selection::create_batch(*db, o).batch_id;
  generate("m", 2);
  const std::string manifest = TempDir::read(tmp.path("m/manifest.csv"));
  std::vector<std::string> rows;
  for (std::size_t at = manifest.find("\r\n") + 2; at < manifest.size();) {
    const auto end = manifest.find("\r\n", at);
    const std::string row = manifest.substr(at, end - at);
    const auto account = row.find(",M");
    rows.push_back(row.substr(account + 1, 2) + " " + row.substr(row.find(",letters-") + 1));
    at = end + 2;
  }
  // Medellín's 050021 before Bogotá's 110111 (zone Z01, then Z02); Cali, not in the table, last.
  const std::vector<std::string> expected = {"M2 letters-001.pdf,2,05001,Medellín,050021",
                                             "M1 letters-001.pdf,1,11001,\"Bogotá, D.C.\",110111",
                                             "M3 letters-002.pdf,1,11001,\"Bogotá, D.C.\",110111",
                                             "M4 letters-002.pdf,2,,Cali,"};
  BOOST_CHECK_EQUAL_COLLECTIONS(rows.begin(), rows.end(), expected.begin(), expected.end());
  BOOST_CHECK_EQUAL(value("SELECT municipality_code || ' ' || postal_code FROM letters WHERE account_id = 'M3'"), "11001 110111");
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

// Ley 1266 art. 12: the built-in letter says from when the debt may be
// reported, counted from the letter's date with the bureau settings' days.
BOOST_AUTO_TEST_CASE(the_letter_states_from_when_the_debt_may_be_reported) {
  GenerateOptions o;
  o.batch_id = batch;
  o.out_dir = tmp.path("out");
  o.issued_on = k_cutoff;  // 24 November 2026
  o.notice_days = 30;
  generate_letters(*db, o);
  std::string text;  // the page's words, lines joined
  for (const char c : pdftotext(tmp, tmp.path("out/letters-001.pdf"))) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\f';
    if (!space) text += c;
    else if (!text.empty() && text.back() != ' ') text += ' ';
  }
  for (const char* expected : {"Si a más tardar el 23 de diciembre de 2026 no ha pagado ni presentado un reclamo",
                               "a partir del 24 de diciembre de 2026 podremos reportar esta obligación a las centrales de riesgo",
                               "transcurridos 30 días calendario", "Ley 1266 de 2008", "Ley 2157 de 2021"}) {
    BOOST_CHECK_MESSAGE(text.find(expected) != std::string::npos, expected);
  }
}

// The courier's guías given to the run: a `guia` column after the others.
BOOST_AUTO_TEST_CASE(the_manifest_appends_the_couriers_guias) {
  GenerateOptions o;
  o.batch_id = batch;
  o.out_dir = tmp.path("out");
  o.issued_on = k_cutoff;
  o.guias = {{"2026-000002", "RA123456789CO"}, {"2025-000009", "RA000000000CO"}};
  generate_letters(*db, o);
  const std::string manifest = TempDir::read(tmp.path("out/manifest.csv"));
  BOOST_CHECK(manifest.rfind("letter_id,barcode,account_id,holder_name,address,neighborhood,city,zone,balance,file,page,"
                             "municipality_code,municipality,postal_code,guia\r\n", 0) == 0);
  BOOST_CHECK(manifest.find(",RA123456789CO\r\n") != std::string::npos);
  BOOST_CHECK(manifest.find("RA000000000CO") == std::string::npos);  // another batch's letter
  // The same written again for another batch's guías only: no column.
  write_batch_manifest(*db, batch, 5000, {{"2025-000009", "RA000000000CO"}}, tmp.path("again.csv"));
  BOOST_CHECK(TempDir::read(tmp.path("again.csv")).find("guia") == std::string::npos);
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

// The output folder fills up while a part is written: nothing is left under
// a final name (nor half-written), nothing recorded; once there is room the
// same letters (same numbers, no gap) are printed.
BOOST_AUTO_TEST_CASE(a_full_disk_leaves_no_part_and_no_gap) {
  const std::string small = tmp.path("small");
  std::filesystem::create_directories(small);
  if (std::system(("mount -t tmpfs -o size=48k tmpfs '" + small + "' 2>/dev/null").c_str()) != 0) {
    BOOST_TEST_MESSAGE("skipped: mounting a small tmpfs needs root");
    return;
  }
  struct Unmount {
    std::string dir;
    ~Unmount() { std::system(("umount '" + dir + "'").c_str()); }
  } unmount{small};
  GenerateOptions o;
  o.batch_id = batch;
  o.out_dir = small + "/out";
  o.issued_on = k_cutoff;
  BOOST_CHECK_THROW(generate_letters(*db, o), InternalError);
  BOOST_CHECK(std::filesystem::is_empty(small + "/out"));
  BOOST_CHECK_EQUAL(value("SELECT status FROM batches"), "draft");
  BOOST_CHECK_EQUAL(value("SELECT COUNT(*) FROM letter_parts"), "0");
  const auto r = generate("roomy");
  BOOST_CHECK_EQUAL(r.first_letter, "2026-000001");
  BOOST_CHECK_EQUAL(r.last_letter, "2026-000003");
  BOOST_CHECK_EQUAL(value("SELECT last_number FROM letter_counters"), "3");
}

BOOST_AUTO_TEST_CASE(a_second_run_on_the_batch_while_one_is_under_way_is_refused) {
  // Another office's run holds the batch.
  sql::exec(*db, "INSERT INTO letter_runs (batch_id, started_at, host, pid) VALUES (?, '2026-11-24T10:00:00Z', 'oficina-2', 4242)",
            {std::to_string(batch)});
  try {
    generate("out");
    BOOST_ERROR("a second run was let through");
  } catch (const InputError& e) {
    BOOST_CHECK_MESSAGE(std::string(e.what()).find("is being printed by another `cartero letters` run (process 4242 on "
                                                   "oficina-2 since 2026-11-24T10:00:00Z)") != std::string::npos, e.what());
  }
  BOOST_CHECK(!std::filesystem::exists(tmp.path("out")));
  BOOST_CHECK_EQUAL(value("SELECT COUNT(*) FROM letters"), "0");
  // That run ends; ours numbers the letters without a gap and leaves no lock.
  sql::exec(*db, "DELETE FROM letter_runs");
  BOOST_CHECK_EQUAL(generate("out").last_letter, "2026-000003");
  BOOST_CHECK_EQUAL(value("SELECT COUNT(*) FROM letter_runs"), "0");
}

BOOST_AUTO_TEST_SUITE_END()
