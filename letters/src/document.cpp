#include "cartero/letters/document.hpp"

#include <filesystem>

#include "cartero/core/date.hpp"
#include "cartero/letters/letter.hpp"
#include "cartero/letters/letter_template.hpp"
#include "defaults.hpp"
#include "pdf_writer.hpp"

namespace cartero::letters {

void write_document_pdf(const std::vector<DocumentLine>& lines, const std::string& path) {
  PdfOptions o;
  o.font_dir = k_default_font_dir;
  o.icc_profile = k_default_icc_profile;
  o.created_on = Date::today();
  LetterPdf pdf(default_sender(), LetterTemplate::parse(k_default_template, "the default letter template"), o);
  std::vector<LetterPdf::TextLine> text;
  text.reserve(lines.size());
  for (const auto& l : lines) text.push_back({l.utf8, l.bold, l.size});
  pdf.add_text_pages(text);
  const std::string tmp = path + ".tmp";
  pdf.save(tmp);
  std::filesystem::rename(tmp, path);
}

}  // namespace cartero::letters
