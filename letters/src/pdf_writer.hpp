// Private: one PDF part of letters, through libharu. One page per letter;
// the fonts are embedded once per part, and what every letter has in common
// (marks, sender block, return-cause panel, signature, logo) is one content
// stream shared by all the part's pages. Each page's own text and codes are
// written as content-stream bytes directly (libharu's operators cost more
// than the drawing), so every page has a SHA-256 that can be checked later:
// the hash of its decoded content streams in order (its own, then the shared).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cartero/letters/letter.hpp"
#include "cartero/letters/letter_template.hpp"

namespace cartero::letters {

struct PdfOptions {
  std::string font_dir;
  std::string icc_profile;   // the sRGB profile of the OutputIntent
  Date created_on;           // Info and XMP dates (the letters' date): reprints are byte-identical
  std::string logo_png;      // the logo's bytes (a PNG without transparency), or empty
  // The Ley 1266 notice (proof/notice_clock.hpp): calendar days after the
  // letter's date from which the debt may be reported ({{report_from}});
  // {{due_date}} is the day before.
  int notice_days = 20;
  // The batch carries second notices (selection's notice 2): {{second_notice}}
  // reads "Segundo aviso", else it is empty.
  bool second_notice = false;
};

class LetterPdf {
 public:
  // Throws InputError when a font or the ICC profile is missing, or the logo
  // cannot be read as a PNG.
  LetterPdf(const Sender& sender, const LetterTemplate& text, const PdfOptions& options);
  ~LetterPdf();
  LetterPdf(const LetterPdf&) = delete;
  LetterPdf& operator=(const LetterPdf&) = delete;

  // Adds one page. Throws InternalError when libharu fails, InputError when
  // the text does not fit. Returns the page's SHA-256 (hex).
  std::string add(const LetterContent& letter);
  // Adds pages of plain text (no marks, codes or sender block) with the
  // letters' fonts: each line (utf8, bold or not, in points) wrapped to the
  // body's width; new pages as needed. For documents about a batch (its brief).
  struct TextLine {
    std::string utf8;
    bool bold = false;
    double size = 10;
  };
  void add_text_pages(const std::vector<TextLine>& lines);
  // Writes the document to `path`. Throws InternalError (a full disk…).
  void save(const std::string& path);

  struct Impl;

 private:
  std::unique_ptr<Impl> m_impl;
};

}  // namespace cartero::letters
