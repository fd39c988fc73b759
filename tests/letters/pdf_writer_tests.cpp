#include "pdf_writer.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>

#include "cartero/core/error.hpp"
#include "cartero/letters/geometry.hpp"
#include "letters_fixture.hpp"

using namespace cartero;
using namespace cartero::letters;
using namespace cartero::letters::testing;
using cartero::testing::TempDir;

namespace {

std::string run(const std::string& command) {
  std::string out;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  return out;
}

// What a PDF/A-1b checker looks at that pikepdf can read: the OutputIntent
// with its sRGB profile, the pdfaid entries, the XMP agreeing with Info, the
// trailer ID. Prints "ok" or what is wrong.
const char* const k_pdfa_check = R"PY(
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
problems = []
intents = pdf.Root.get('/OutputIntents')
if not intents or len(intents) != 1:
    problems.append('no OutputIntent')
else:
    intent = intents[0]
    if intent.get('/S') != '/GTS_PDFA1': problems.append('OutputIntent /S is not GTS_PDFA1')
    profile = intent.get('/DestOutputProfile')
    if profile is None: problems.append('OutputIntent without DestOutputProfile')
    elif profile.get('/N') != 3 or profile.read_bytes()[16:20] != b'RGB ': problems.append('profile is not an RGB one')
if pdf.Root.get('/Metadata') is None:
    problems.append('no XMP metadata')
else:
    meta = pdf.open_metadata()
    if meta.pdfa_status != '1B': problems.append('pdfaid is ' + repr(meta.pdfa_status))
    info = pdf.docinfo
    if str(meta.get('xmp:CreatorTool')) != str(info.get('/Creator')): problems.append('CreatorTool differs from Creator')
    if str(meta.get('pdf:Producer')) != str(info.get('/Producer')): problems.append('Producer differs')
    if str(meta.get('dc:title')) != str(info.get('/Title')): problems.append('title differs: %r %r' % (meta.get('dc:title'), info.get('/Title')))
    created = str(info.get('/CreationDate'))
    if not str(meta.get('xmp:CreateDate')).startswith(created[2:6] + '-' + created[6:8] + '-' + created[8:10]):
        problems.append('CreateDate differs: %r %r' % (meta.get('xmp:CreateDate'), created))
ids = pdf.trailer.get('/ID')
if ids is None or len(ids) != 2 or len(bytes(ids[0])) != 16: problems.append('no trailer ID')
print('ok' if not problems else '; '.join(problems))
)PY";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(pdf_writer_tests, LettersFixture)

BOOST_AUTO_TEST_CASE(every_part_is_pdfa_1b_as_the_checkers_read_it) {
  const auto r = generate("out", 2);
  BOOST_REQUIRE_EQUAL(r.parts.size(), 2u);
  const std::string script = tmp.write("pdfa.py", k_pdfa_check);
  for (const auto& p : r.parts) {
    const std::string pdf = tmp.path("out/" + p.file);
    BOOST_TEST_CONTEXT(p.file) {
      BOOST_CHECK_EQUAL(std::system(("qpdf --check '" + pdf + "' >/dev/null 2>&1").c_str()), 0);
      const std::string fonts = run("pdffonts '" + pdf + "'");
      BOOST_CHECK(fonts.find("DejaVuSans") != std::string::npos);
      // Every font line says "yes" under emb.
      std::size_t lines = 0, embedded = 0;
      for (std::size_t at = fonts.find("TrueType"); at != std::string::npos; at = fonts.find("TrueType", at + 1)) {
        ++lines;
        if (fonts.substr(at, 45).find("yes") != std::string::npos) ++embedded;
      }
      BOOST_CHECK_EQUAL(lines, 2u);
      BOOST_CHECK_EQUAL(embedded, lines);
      BOOST_CHECK_EQUAL(run("/usr/bin/python3 '" + script + "' '" + pdf + "' 2>&1"), "ok\n");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_reprint_is_byte_identical) {
  const auto first = generate("one");
  const auto again = generate("two");
  BOOST_REQUIRE_EQUAL(first.parts.size(), 1u);
  BOOST_CHECK_EQUAL(first.parts[0].sha256, again.parts[0].sha256);
  BOOST_CHECK(TempDir::read(tmp.path("one/letters-001.pdf")) == TempDir::read(tmp.path("two/letters-001.pdf")));
}

BOOST_AUTO_TEST_CASE(the_letter_has_its_subject_the_salutation_by_holder_and_the_logo) {
  const std::string logo = tmp.write("logo.png", k_logo_png);
  tmp.write("sender.json", R"({"company_name": "Aseo Capital S.A. E.S.P.", "company_nit": "NIT 900.111.222-3",
    "company_address": "Calle 1 # 2 - 3", "company_city": "Bogotá D.C.", "company_phone": "(601) 111 2222",
    "company_web": "www.aseo.co", "signer_name": "Cartera", "signer_title": "Cobro", "logo": "logo.png",
    "legal_notice": "Aviso legal: esta comunicación se envía conforme a la Ley 1266 de 2008."})");
  auto o = options("out");
  o.sender_path = tmp.path("sender.json");
  generate_letters(*db, o);
  const std::string pdf = tmp.path("out/letters-001.pdf");
  const std::string text = run("pdftotext -layout '" + pdf + "' -");
  BOOST_CHECK(text.find("Asunto: Cobro persuasivo de cartera vencida, cuenta No. A1") != std::string::npos);
  BOOST_CHECK(text.find("Señor(a) José Peña Muñoz:") != std::string::npos);
  BOOST_CHECK(text.find("Señores Panadería La Espiga S.A.S.:") != std::string::npos);
  BOOST_CHECK(text.find("Aviso legal: esta comunicación") != std::string::npos);
  // One image per page: the logo.
  const std::string images = run("pdfimages -list '" + pdf + "'");
  std::size_t count = 0;
  for (std::size_t at = images.find("8     4  rgb"); at != std::string::npos; at = images.find("8     4  rgb", at + 1)) ++count;
  BOOST_CHECK_EQUAL(count, 3u);
  BOOST_CHECK_EQUAL(run("/usr/bin/python3 '" + tmp.write("pdfa.py", k_pdfa_check) + "' '" + pdf + "' 2>&1"), "ok\n");
}

// The export's document type, as a utility writes it, chooses the
// salutation over the shape of the number; without one (or one Cartero does
// not know) the number's shape does. Each letter keeps the type it was
// printed with.
BOOST_AUTO_TEST_CASE(the_salutation_follows_the_exports_document_type) {
  selection::import_file(
      *db, selection::ImportKind::accounts,
      tmp.write("cartera.csv",
                "Cuenta;Nombre del suscriptor;Documento;Tipo de documento;Uso;Dirección;Barrio;Municipio;Zona;"
                "Tipo de facturación;Saldo;Días de mora\n"
                "B1;Acueducto Veredal La Esperanza;8001234567;N.I.T.;Comercial;KR 7 # 80 - 15;Centro;Bogotá D.C.;Z01;Directa;$ 2.250.000;95\n"
                "B2;Carlos Pérez Rojas;900123456;C.C.;Residencial;CL 45 # 12 - 30;Kennedy;Bogotá D.C.;Z02;Directa;$ 420.000;61\n"
                "B3;Inversiones El Roble Ltda.;901.555.666-2;Jurídica;Comercial;CL 9 # 9 - 19;Suba;Bogotá D.C.;Z03;Directa;$ 380.000;70\n"
                "B4;Luisa Gómez;79.456.123;;Residencial;CL 8 # 8 - 18;Bosa;Bogotá D.C.;Z04;Directa;$ 380.000;70\n"));
  batch = select();
  generate("out");
  const std::string text = run("pdftotext -layout '" + tmp.path("out/letters-001.pdf") + "' -");
  BOOST_CHECK(text.find("Señores Acueducto Veredal La Esperanza:") != std::string::npos);
  BOOST_CHECK(text.find("Señor(a) Carlos Pérez Rojas:") != std::string::npos);
  BOOST_CHECK(text.find("Señores Inversiones El Roble Ltda.:") != std::string::npos);
  BOOST_CHECK(text.find("Señor(a) Luisa Gómez:") != std::string::npos);
  BOOST_CHECK_EQUAL(value("SELECT group_concat(document_type, '|') FROM (SELECT document_type FROM letters WHERE batch_id = " +
                          std::to_string(batch) + " ORDER BY account_id)"),
                    "NIT|CC|Jurídica|");
}

BOOST_AUTO_TEST_CASE(the_text_measure_wraps_the_body_inside_its_block) {
  // A long legal notice still fits (the built-in letter leaves room for it),
  // every line within the body's width.
  std::string notice;
  for (int i = 0; i < 14; ++i) notice += "De conformidad con la normatividad vigente se informa al usuario. ";
  tmp.write("sender.json", R"({"company_name": "Aseo", "company_nit": "NIT 900.111.222-3", "company_address": "Calle 1",
    "company_city": "Bogotá D.C.", "company_phone": "1", "company_web": "w", "signer_name": "C", "signer_title": "T",
    "legal_notice": ")" + notice + R"("})");
  auto o = options("out");
  o.sender_path = tmp.path("sender.json");
  generate_letters(*db, o);
  const std::string bbox = run("pdftotext -f 1 -l 1 -bbox '" + tmp.path("out/letters-001.pdf") + "' -");
  const auto& body = letter_geometry().body;
  // Every word of the body block ends inside it.
  int words = 0;
  for (std::size_t at = bbox.find("<word xMin=\""); at != std::string::npos; at = bbox.find("<word xMin=\"", at + 1)) {
    double v[4];
    std::size_t p = at;
    for (double& x : v) {
      p = bbox.find("=\"", p) + 2;
      x = std::stod(bbox.substr(p));
    }
    const double top = 792 - v[1];
    if (top > body.top() + 1 || top < body.y) continue;
    ++words;
    BOOST_CHECK_LE(v[2], body.right() + 0.5);
  }
  BOOST_CHECK_GT(words, 250);
  BOOST_CHECK(bbox.find(">usuario.</word>") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
