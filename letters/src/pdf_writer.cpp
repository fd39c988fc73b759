// Letters as PDF through libharu. libharu reports errors through a C
// callback: it records the first error in the document's user data and
// every step checks it, so no exception crosses C code.
#include "pdf_writer.hpp"

#include <hpdf.h>

#include <filesystem>
#include <vector>

#include "barcode.hpp"
#include "cartero/core/causes.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/text.hpp"
#include "cartero/letters/geometry.hpp"

namespace cartero::letters {

namespace {

struct HpdfError {
  HPDF_STATUS code = 0;
  HPDF_STATUS detail = 0;
};

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user_data) {
  auto* e = static_cast<HpdfError*>(user_data);
  if (e->code == 0) {
    e->code = code;
    e->detail = detail;
  }
}

struct Line {
  std::string text;  // Windows-1252
  double indent = 0;
  bool bullet = false;
  double space_before = 0;
};

}  // namespace

struct LetterPdf::Impl {
  HpdfError error;
  std::unique_ptr<HPDF_Doc_Rec, decltype(&HPDF_Free)> doc{nullptr, &HPDF_Free};
  HPDF_Font regular = nullptr;
  HPDF_Font bold = nullptr;
  HPDF_Page page = nullptr;
  Sender sender;
  const LetterTemplate& body;
  const LetterGeometry& g = letter_geometry();

  Impl(const Sender& s, const LetterTemplate& t) : sender(s), body(t) {}

  void check(const char* what) const {
    if (error.code == 0) return;
    char buf[160];
    std::snprintf(buf, sizeof buf, "PDF error while %s (libharu code 0x%04X, detail %u)", what,
                  static_cast<unsigned>(error.code), static_cast<unsigned>(error.detail));
    throw InternalError(buf);
  }

  HPDF_Font load_font(const std::string& path) {
    if (!std::filesystem::exists(path)) {
      throw InputError("font " + path + " is missing: install the Debian package fonts-dejavu-core (./dev setup)");
    }
    const char* name = HPDF_LoadTTFontFromFile(doc.get(), path.c_str(), HPDF_TRUE);
    check("loading a font");
    HPDF_Font font = HPDF_GetFont(doc.get(), name, "WinAnsiEncoding");
    check("loading a font");
    return font;
  }

  // ---- text
  void text_at(HPDF_Font font, double size, double x, double y, const std::string& cp1252) {
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, static_cast<HPDF_REAL>(size));
    HPDF_Page_TextOut(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y), cp1252.c_str());
    HPDF_Page_EndText(page);
  }
  void utf8_at(HPDF_Font font, double size, double x, double y, const std::string& utf8) {
    text_at(font, size, x, y, utf8_to_cp1252(utf8));
  }
  double width_of(HPDF_Font font, double size, const std::string& cp1252) {
    HPDF_Page_SetFontAndSize(page, font, static_cast<HPDF_REAL>(size));
    return HPDF_Page_TextWidth(page, cp1252.c_str());
  }
  void utf8_right(HPDF_Font font, double size, double right, double y, const std::string& utf8) {
    const std::string t = utf8_to_cp1252(utf8);
    text_at(font, size, right - width_of(font, size, t), y, t);
  }
  // Cuts text that would run past `width` (a long name or address).
  std::string fit(HPDF_Font font, double size, double width, const std::string& utf8) {
    std::string t = utf8_to_cp1252(utf8);
    while (t.size() > 3 && width_of(font, size, t) > width) t.resize(t.size() - 4), t += "...";
    return t;
  }

  // ---- shapes
  void fill_rect(double x, double y, double w, double h) {
    HPDF_Page_Rectangle(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y), static_cast<HPDF_REAL>(w),
                        static_cast<HPDF_REAL>(h));
  }
  void stroke_rect(const Rect& r, double line_width) {
    HPDF_Page_SetLineWidth(page, static_cast<HPDF_REAL>(line_width));
    fill_rect(r.x, r.y, r.width, r.height);
    HPDF_Page_Stroke(page);
  }

  void draw_marks();
  void draw_header(const LetterContent& l);
  void draw_addressee(const LetterContent& l);
  void draw_modules(const Modules& m, const Rect& area, int quiet_x, int quiet_y, double bar_height);
  void draw_codes(const LetterContent& l);
  void draw_panel();
  std::vector<Line> wrap_body(const std::string& utf8, double size);
  void draw_body(const LetterContent& l);
  void draw_signature();
};

void LetterPdf::Impl::draw_marks() {
  HPDF_Page_SetGrayFill(page, 0);
  for (const auto& m : g.marks) {
    fill_rect(m.rect.x, m.rect.y, m.rect.width, m.rect.height);
    HPDF_Page_Fill(page);
    if (m.shape != MarkShape::hollow) continue;
    HPDF_Page_SetGrayFill(page, 1);
    fill_rect(m.rect.x + g.mark_stroke, m.rect.y + g.mark_stroke, m.rect.width - 2 * g.mark_stroke,
              m.rect.height - 2 * g.mark_stroke);
    HPDF_Page_Fill(page);
    HPDF_Page_SetGrayFill(page, 0);
  }
  // Fold ticks at the left edge.
  HPDF_Page_SetLineWidth(page, 0.5);
  for (double y : {g.fold_y, g.fold_y / 2}) {
    HPDF_Page_MoveTo(page, 0, static_cast<HPDF_REAL>(y));
    HPDF_Page_LineTo(page, 14, static_cast<HPDF_REAL>(y));
  }
  HPDF_Page_Stroke(page);
}

void LetterPdf::Impl::draw_header(const LetterContent& l) {
  const auto& s = g.sender;
  utf8_at(bold, 10, s.x, s.top() - 10, sender.company_name);
  utf8_at(regular, 8, s.x, s.top() - 21, sender.company_nit);
  utf8_at(regular, 8, s.x, s.top() - 31, sender.company_address);
  utf8_at(regular, 8, s.x, s.top() - 41, sender.company_city + " · Tel. " + sender.company_phone);
  const auto& r = g.reference;
  utf8_right(bold, 10, r.right(), r.top() - 10, "Carta No. " + l.letter_id);
  utf8_right(regular, 8, r.right(), r.top() - 21, sender.company_city + ", " + l.issued_on.spanish_long());
  utf8_right(regular, 8, r.right(), r.top() - 31, "Cuenta No. " + l.account_id);
}

void LetterPdf::Impl::draw_addressee(const LetterContent& l) {
  const auto& a = g.addressee;
  const double w = a.width;
  utf8_at(regular, 8, a.x, a.top() - 9, "Señor(a)");
  text_at(bold, 10, a.x, a.top() - 22, fit(bold, 10, w, l.holder_name));
  text_at(regular, 9.5, a.x, a.top() - 35, fit(regular, 9.5, w, l.address));
  text_at(regular, 9.5, a.x, a.top() - 47, fit(regular, 9.5, w, l.neighborhood));
  text_at(regular, 9.5, a.x, a.top() - 59, fit(regular, 9.5, w, l.city));
  utf8_at(regular, 7, a.x, a.y + 1, "Zona " + l.zone);
}

// Draws dark modules as rectangles inside `area`, leaving a quiet zone of
// quiet_x / quiet_y modules; runs of dark modules in a row become one
// rectangle.
void LetterPdf::Impl::draw_modules(const Modules& m, const Rect& area, int quiet_x, int quiet_y, double bar_height) {
  const double module = area.width / (m.width + 2 * quiet_x);
  const double row_h = bar_height > 0 ? bar_height : area.height / (m.height + 2 * quiet_y);
  const double top = area.top() - quiet_y * (bar_height > 0 ? 0 : row_h);
  HPDF_Page_SetGrayFill(page, 0);
  for (int y = 0; y < m.height; ++y) {
    for (int x = 0; x < m.width;) {
      if (!m.at(x, y)) {
        ++x;
        continue;
      }
      int end = x;
      while (end < m.width && m.at(end, y)) ++end;
      fill_rect(area.x + (quiet_x + x) * module, top - (y + 1) * row_h, (end - x) * module, row_h);
      x = end;
    }
  }
  HPDF_Page_Fill(page);
}

void LetterPdf::Impl::draw_codes(const LetterContent& l) {
  draw_modules(qr_modules(l.payload), g.qr, 4, 4, 0);
  draw_modules(code128_modules(l.payload), g.code128, 10, 0, g.code128.height);
  const auto& t = g.code128_text;
  const std::string text = utf8_to_cp1252(l.payload);
  text_at(regular, 9, t.x + (t.width - width_of(regular, 9, text)) / 2, t.y + 2, text);
}

void LetterPdf::Impl::draw_panel() {
  HPDF_Page_SetGrayStroke(page, 0);
  stroke_rect(g.panel, 0.8);
  utf8_at(bold, 8, g.panel_title.x, g.panel_title.y + 1,
          "DEVOLUCIÓN — uso exclusivo del mensajero: marque con una X la causal");
  for (const auto& c : g.causes) {
    stroke_rect(c.box, 0.8);
    utf8_at(regular, 8, c.label.x, c.label.y + 1.5, std::string(cause_info(c.cause).label));
  }
  const auto& o = g.observation;
  utf8_at(regular, 8, g.panel_title.x, o.y + 1.5, "Observación:");
  HPDF_Page_SetLineWidth(page, 0.5);
  HPDF_Page_MoveTo(page, static_cast<HPDF_REAL>(o.x), static_cast<HPDF_REAL>(o.y));
  HPDF_Page_LineTo(page, static_cast<HPDF_REAL>(o.right()), static_cast<HPDF_REAL>(o.y));
  HPDF_Page_Stroke(page);
}

std::vector<Line> LetterPdf::Impl::wrap_body(const std::string& utf8, double size) {
  std::vector<Line> lines;
  const std::string text = utf8_to_cp1252(utf8);
  const double bullet_indent = size * 1.4;
  std::size_t start = 0;
  bool new_paragraph = false;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string raw = text.substr(start, end - start);
    start = end + 1;
    if (trim(raw).empty()) {
      new_paragraph = true;
      continue;
    }
    const bool bullet = raw.rfind("- ", 0) == 0;
    if (bullet) raw = raw.substr(2);
    const double indent = bullet ? bullet_indent : 0;
    const double width = g.body.width - indent;
    std::string current;
    bool first = true;
    std::size_t w = 0;
    while (w < raw.size()) {
      auto space = raw.find(' ', w);
      if (space == std::string::npos) space = raw.size();
      const std::string word = raw.substr(w, space - w);
      w = space + 1;
      const std::string candidate = current.empty() ? word : current + " " + word;
      if (!current.empty() && width_of(regular, size, candidate) > width) {
        lines.push_back({current, indent, bullet && first, first && new_paragraph ? size * 0.7 : 0});
        new_paragraph = false;
        first = false;
        current = word;
      } else {
        current = candidate;
      }
    }
    if (!current.empty()) lines.push_back({current, indent, bullet && first, first && new_paragraph ? size * 0.7 : 0});
    new_paragraph = false;
  }
  return lines;
}

void LetterPdf::Impl::draw_body(const LetterContent& l) {
  const std::map<std::string, std::string, std::less<>> values = {
      {"holder_name", l.holder_name},       {"document_id", l.document_id},
      {"account_id", l.account_id},         {"address", l.address},
      {"neighborhood", l.neighborhood},     {"city", l.city},
      {"zone", l.zone},                     {"balance", format_pesos(l.balance)},
      {"days_past_due", std::to_string(l.days_past_due)}, {"cutoff", l.cutoff.spanish_long()},
      {"date", l.issued_on.spanish_long()}, {"letter_id", l.letter_id},
      {"company_name", sender.company_name}, {"company_nit", sender.company_nit},
      {"company_address", sender.company_address}, {"company_city", sender.company_city},
      {"company_phone", sender.company_phone}, {"company_web", sender.company_web}};
  const std::string text = body.render(values);
  // The text must fit the body block: long names and addresses get a
  // slightly smaller size rather than an overflowing page.
  for (double size : {10.0, 9.5, 9.0, 8.5, 8.0}) {
    const auto lines = wrap_body(text, size);
    const double leading = size * 1.32;
    double height = 0;
    for (const auto& line : lines) height += leading + line.space_before;
    if (height > g.body.height) continue;
    double y = g.body.top() - size;
    for (const auto& line : lines) {
      y -= line.space_before;
      if (line.bullet) text_at(regular, size, g.body.x + size * 0.3, y, "\x95");
      text_at(regular, size, g.body.x + line.indent, y, line.text);
      y -= leading;
    }
    return;
  }
  throw InputError(ErrorCode::letter_text_too_long, "the text of letter " + l.letter_id + " does not fit on the page; shorten the letter template",
                   {{"letter", l.letter_id}});
}

void LetterPdf::Impl::draw_signature() {
  const auto& s = g.signature;
  utf8_at(regular, 10, s.x, s.top() - 10, "Atentamente,");
  HPDF_Page_SetLineWidth(page, 0.5);
  HPDF_Page_MoveTo(page, static_cast<HPDF_REAL>(s.x), static_cast<HPDF_REAL>(s.y + 26));
  HPDF_Page_LineTo(page, static_cast<HPDF_REAL>(s.x + 180), static_cast<HPDF_REAL>(s.y + 26));
  HPDF_Page_Stroke(page);
  utf8_at(bold, 9.5, s.x, s.y + 14, sender.signer_name);
  utf8_at(regular, 8.5, s.x, s.y + 3, sender.signer_title + " · " + sender.company_name);
}

LetterPdf::LetterPdf(const Sender& sender, const LetterTemplate& text, const std::string& font_dir)
    : m_impl(std::make_unique<Impl>(sender, text)) {
  auto& m = *m_impl;
  m.doc.reset(HPDF_New(&on_error, &m.error));
  if (!m.doc) throw InternalError("cannot create a PDF document (out of memory?)");
  HPDF_SetCompressionMode(m.doc.get(), HPDF_COMP_ALL);
  // PDF/A-1b: libharu 2.3 writes the XMP metadata and the document ID.
  HPDF_PDFA_SetPDFAConformance(m.doc.get(), HPDF_PDFA_1B);
  HPDF_SetInfoAttr(m.doc.get(), HPDF_INFO_CREATOR, "Cartero");
  HPDF_SetInfoAttr(m.doc.get(), HPDF_INFO_TITLE, "Cartas de cobro por correo certificado");
  m.check("creating the document");
  m.regular = m.load_font(font_dir + "/DejaVuSans.ttf");
  m.bold = m.load_font(font_dir + "/DejaVuSans-Bold.ttf");
}

LetterPdf::~LetterPdf() = default;

void LetterPdf::add(const LetterContent& letter) {
  auto& m = *m_impl;
  m.page = HPDF_AddPage(m.doc.get());
  HPDF_Page_SetWidth(m.page, static_cast<HPDF_REAL>(m.g.page_width));
  HPDF_Page_SetHeight(m.page, static_cast<HPDF_REAL>(m.g.page_height));
  m.draw_marks();
  m.draw_header(letter);
  m.draw_addressee(letter);
  m.draw_codes(letter);
  m.draw_panel();
  m.draw_body(letter);
  m.draw_signature();
  m.check(("drawing letter " + letter.letter_id).c_str());
}

void LetterPdf::save(const std::string& path) {
  auto& m = *m_impl;
  HPDF_SaveToFile(m.doc.get(), path.c_str());
  if (m.error.code != 0) throw InternalError("cannot write " + path + ": is the disk full or the folder read-only?");
}

}  // namespace cartero::letters
