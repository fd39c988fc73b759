// Plain documents about a batch (its brief), written with the letters' own
// PDF writer and fonts (DejaVu, embedded; PDF/A-1b like the letters).
#pragma once

#include <string>
#include <vector>

namespace cartero::letters {

struct DocumentLine {
  std::string utf8;
  bool bold = false;
  double size = 10;  // points
};

// Writes the lines, wrapped to the letter body's width, on as many pages as
// they need; the file appears complete or not at all. InputError when the
// fonts or colour profile are missing; InternalError when it cannot be written.
void write_document_pdf(const std::vector<DocumentLine>& lines, const std::string& path);

}  // namespace cartero::letters
