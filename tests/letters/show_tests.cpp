#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "cartero/core/error.hpp"
#include "letters_fixture.hpp"

using namespace cartero;
using namespace cartero::letters;
using namespace cartero::letters::testing;
using cartero::testing::TempDir;

BOOST_FIXTURE_TEST_SUITE(show_tests, LettersFixture)

BOOST_AUTO_TEST_CASE(parts_template_and_sender_are_kept_with_the_batch) {
  const auto r = generate("out", 2);
  for (const auto& p : r.parts) {
    const std::string stored = tmp.path("c.db.files/letters/" + p.sha256 + ".pdf");
    BOOST_CHECK(TempDir::read(stored) == TempDir::read(tmp.path("out/" + p.file)));
  }
  BOOST_CHECK_EQUAL(value("SELECT COUNT(*) FROM letter_texts"), "2");
  BOOST_CHECK_EQUAL(value("SELECT kind FROM letter_texts WHERE sha256 = (SELECT template_sha256 FROM batches)"), "template");
  BOOST_CHECK_EQUAL(value("SELECT LENGTH(page_sha256) FROM letter_parts WHERE file = 'letters-001.pdf'"), "128");
}

BOOST_AUTO_TEST_CASE(a_letter_is_shown_byte_identical_after_the_template_changed) {
  const std::string template_file = tmp.write("carta.txt", "Asunto: Cobro\n\n{{salutation}} {{holder_name}}:\n\nDebe {{balance}}.\n");
  auto o = options("out");
  o.template_path = template_file;
  generate_letters(*db, o);
  const auto first = show_letter(*db, "2026-000002", tmp.path("first.pdf"));
  BOOST_CHECK_EQUAL(first.page, 2);
  BOOST_CHECK_EQUAL(first.page_sha256.size(), 64u);
  const std::string text = TempDir::read(tmp.path("first.pdf"));
  // The analyst edits the template; the letter sent stays what it was.
  tmp.write("carta.txt", "Asunto: Otra cosa\n\n{{holder_name}}, pague {{balance}} ya.\n");
  const auto again = show_letter(*db, "2026-000002", tmp.path("again.pdf"));
  BOOST_CHECK(TempDir::read(tmp.path("again.pdf")) == text);
  BOOST_CHECK_EQUAL(again.page_sha256, first.page_sha256);
  // A reprint uses the kept text; the changed file is refused for it.
  o.out_dir = tmp.path("changed2");
  BOOST_CHECK(input_error([&] { generate_letters(*db, o); }).find("printed with another letter template") !=
              std::string::npos);
  const auto reprint = generate_letters(*db, options("reprint"));
  BOOST_CHECK(TempDir::read(tmp.path("reprint/letters-001.pdf")) == TempDir::read(tmp.path("out/letters-001.pdf")));
  BOOST_CHECK_EQUAL(reprint.letters, 3);
}

BOOST_AUTO_TEST_CASE(an_altered_archive_is_detected) {
  const auto r = generate("out");
  const std::string stored = tmp.path("c.db.files/letters/" + r.parts[0].sha256 + ".pdf");
  std::string bytes = TempDir::read(stored);
  bytes[bytes.size() / 2] ^= 1;
  tmp.write("c.db.files/letters/" + r.parts[0].sha256 + ".pdf", bytes);
  BOOST_CHECK_THROW(show_letter(*db, "2026-000001", tmp.path("p.pdf")), InternalError);
  BOOST_CHECK(!std::filesystem::exists(tmp.path("p.pdf")));
  BOOST_CHECK(input_error([&] { show_letter(*db, "2026-999999", tmp.path("q.pdf")); }).find("no letter 2026-999999") !=
              std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
