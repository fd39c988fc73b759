// Private: one PDF part of letters, through libharu. One page per letter;
// the fonts are embedded once per part.
#pragma once

#include <memory>
#include <string>

#include "cartero/letters/letter.hpp"
#include "cartero/letters/letter_template.hpp"

namespace cartero::letters {

class LetterPdf {
 public:
  // Throws InputError when a font is missing from font_dir.
  LetterPdf(const Sender& sender, const LetterTemplate& text, const std::string& font_dir);
  ~LetterPdf();
  LetterPdf(const LetterPdf&) = delete;
  LetterPdf& operator=(const LetterPdf&) = delete;

  // Adds one page. Throws InternalError when libharu fails.
  void add(const LetterContent& letter);
  // Writes the document to `path`. Throws InternalError (a full disk…).
  void save(const std::string& path);

  struct Impl;

 private:
  std::unique_ptr<Impl> m_impl;
};

}  // namespace cartero::letters
