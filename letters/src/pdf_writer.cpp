// Letters as PDF through libharu. libharu reports errors through a C
// callback: it records the first error in the document's user data and
// every step checks it, so no exception crosses C code.
//
// Speed: libharu's page operators format every number through a 512-byte
// scratch buffer they clear byte by byte, so a page drawn through them
// costs more than compressing it. The writer builds each page's content
// stream itself (numbers with two decimals, text in WinAnsi bytes, widths
// from a table read once per font) and hands libharu only the bytes; the
// fonts' used characters are marked through HPDF_Font_TextWidth, so the
// embedded fonts and their Widths stay right.
#include "pdf_writer.hpp"

#include <hpdf.h>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_catalog.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <mutex>
#include <vector>

#include "barcode.hpp"
#include "cartero/core/causes.hpp"
#include "cartero/core/digest.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/text.hpp"
#include "cartero/letters/geometry.hpp"
#include "qr.hpp"

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

// Names the filter of a stream whose bytes are deflated already.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) { return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012"); }

using Widths = std::array<int, 256>;  // advance of each WinAnsi byte, in 1/1000 em

// Widths of a TrueType font's WinAnsi characters, read once per font file
// from a scratch document (measuring in a part's own document would embed
// every glyph).
const Widths& widths_of(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, Widths> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(path); it != cache.end()) return it->second;
  HpdfError error;
  std::unique_ptr<HPDF_Doc_Rec, decltype(&HPDF_Free)> doc(HPDF_New(&on_error, &error), &HPDF_Free);
  const char* name = HPDF_LoadTTFontFromFile(doc.get(), path.c_str(), HPDF_FALSE);
  HPDF_Font font = name ? HPDF_GetFont(doc.get(), name, "WinAnsiEncoding") : nullptr;
  if (!font || error.code) throw InputError("cannot read the font " + path + " (is it a TrueType font?)");
  Widths w{};
  for (int c = 32; c < 256; ++c) {
    const HPDF_BYTE b = static_cast<HPDF_BYTE>(c);
    w[static_cast<std::size_t>(c)] = static_cast<int>(HPDF_Font_TextWidth(font, &b, 1).width);
  }
  return cache.emplace(path, w).first->second;
}

// A content stream being written: PDF operators as text.
class Content {
 public:
  std::string out;

  Content& num(double v) {
    long long h = std::llround(v * 100);
    if (h < 0) out += '-', h = -h;
    append_int(h / 100);
    if (const int f = static_cast<int>(h % 100); f) {
      out += '.';
      out += static_cast<char>('0' + f / 10);
      if (f % 10) out += static_cast<char>('0' + f % 10);
    }
    out += ' ';
    return *this;
  }
  Content& op(std::string_view o) {
    out += o;
    out += '\n';
    return *this;
  }
  Content& raw(std::string_view s) {
    out += s;
    return *this;
  }
  void rect(double x, double y, double w, double h) { num(x).num(y).num(w).num(h).op("re"); }
  void line(double x0, double y0, double x1, double y1) { num(x0).num(y0).op("m").num(x1).num(y1).op("l"); }
  // A PDF literal string of WinAnsi bytes.
  void string(std::string_view cp1252) {
    out += '(';
    for (const char c : cp1252) {
      const auto b = static_cast<unsigned char>(c);
      if (c == '(' || c == ')' || c == '\\') {
        out += '\\';
        out += c;
      } else if (b < 0x20) {
        out += '\\';
        out += static_cast<char>('0' + (b >> 6));
        out += static_cast<char>('0' + ((b >> 3) & 7));
        out += static_cast<char>('0' + (b & 7));
      } else {
        out += c;
      }
    }
    out += ')';
  }

 private:
  void append_int(long long v) {
    char buf[24];
    int n = 0;
    do {
      buf[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v);
    while (n) out += buf[--n];
  }
};

struct Font {
  HPDF_Font handle = nullptr;
  const Widths* widths = nullptr;
  const char* name = "";  // its resource name on every page ("F1")
  std::array<bool, 256> used{};

  double width(std::string_view cp1252, double size) const {
    int w = 0;
    for (const char c : cp1252) w += (*widths)[static_cast<unsigned char>(c)];
    return w * size / 1000.0;
  }
  // Marks the characters as used in this part: libharu embeds their glyphs
  // and writes their widths.
  void mark(std::string_view cp1252) {
    for (const char c : cp1252) {
      const auto b = static_cast<unsigned char>(c);
      if (used[b]) continue;
      used[b] = true;
      HPDF_Font_TextWidth(handle, &b, 1);
    }
  }
};

struct Line {
  std::string text;  // Windows-1252
  double indent = 0;
  bool bullet = false;
  bool bold = false;
  double space_before = 0;
};

// A text object: positions as moves from the previous line's start.
class TextWriter {
 public:
  explicit TextWriter(Content& c) : m_c(c) { m_c.op("BT"); }
  ~TextWriter() { m_c.op("ET"); }
  void show(Font& f, double size, double x, double y, std::string_view cp1252) {
    if (&f != m_font || size != m_size) {
      m_c.raw("/").raw(f.name).raw(" ").num(size).op("Tf");
      m_font = &f;
      m_size = size;
    }
    const double rx = std::round(x * 100) / 100, ry = std::round(y * 100) / 100;
    m_c.num(rx - m_x).num(ry - m_y).op("Td");
    m_x = rx;
    m_y = ry;
    f.mark(cp1252);
    m_c.string(cp1252);
    m_c.op("Tj");
  }

 private:
  Content& m_c;
  Font* m_font = nullptr;
  double m_size = 0, m_x = 0, m_y = 0;
};

}  // namespace

struct LetterPdf::Impl {
  HpdfError error;
  std::unique_ptr<HPDF_Doc_Rec, decltype(&HPDF_Free)> doc{nullptr, &HPDF_Free};
  Font regular, bold;
  HPDF_Image logo = nullptr;
  Sender sender;
  const LetterTemplate& body;
  const LetterGeometry& g = letter_geometry();
  std::string shared;             // the content every page shares
  HPDF_Dict shared_stream = nullptr;
  std::string page_hashes;        // every page's SHA-256, for the document ID
  HPDF_Array ids = nullptr;       // the trailer's ID
  std::string packed;             // a page's deflated stream
  QrEncoder qr;
  // The notice dates of the letters' date: the same for a whole batch, so
  // formatted once and kept while the date stays the same.
  int notice_days = 20;
  bool second_notice = false;
  std::optional<Date> notice_for;
  std::string report_from, due_date, notice_days_text;

  Impl(const Sender& s, const LetterTemplate& t) : sender(s), body(t) {}

  void check(const char* what) const {
    if (error.code == 0) return;
    char buf[160];
    std::snprintf(buf, sizeof buf, "PDF error while %s (libharu code 0x%04X, detail %u)", what,
                  static_cast<unsigned>(error.code), static_cast<unsigned>(error.detail));
    throw InternalError(buf);
  }

  void load_font(Font& f, const std::string& path, const char* name) {
    if (!std::filesystem::exists(path)) {
      throw InputError("font " + path + " is missing: install the Debian package fonts-dejavu-core (./dev setup)");
    }
    f.widths = &widths_of(path);
    const char* loaded = HPDF_LoadTTFontFromFile(doc.get(), path.c_str(), HPDF_TRUE);
    check("loading a font");
    f.handle = HPDF_GetFont(doc.get(), loaded, "WinAnsiEncoding");
    check("loading a font");
    f.name = name;
  }

  // Cuts text that would run past `width` (a long name or address).
  std::string fit(const Font& f, double size, double width, const std::string& utf8) const {
    std::string t = utf8_to_cp1252(utf8);
    while (t.size() > 3 && f.width(t, size) > width) t.resize(t.size() - 4), t += "...";
    return t;
  }

  void write_shared();
  void draw_reference(TextWriter& t, const LetterContent& l);
  void draw_addressee(TextWriter& t, const LetterContent& l);
  void draw_codes(Content& c, const LetterContent& l);
  std::vector<Line> wrap_body(const std::string& cp1252, double size) const;
  void draw_body(TextWriter& t, const LetterContent& l);
};

// What every letter of the part has: registration marks and fold ticks, the
// sender block (and logo), the return-cause panel, the signature.
void LetterPdf::Impl::write_shared() {
  Content c;
  c.op("q").op("0 g").op("0 G");
  for (const auto& m : g.marks) {
    c.rect(m.rect.x, m.rect.y, m.rect.width, m.rect.height);
    c.op("f");
    if (m.shape != MarkShape::hollow) continue;
    c.op("1 g");
    c.rect(m.rect.x + g.mark_stroke, m.rect.y + g.mark_stroke, m.rect.width - 2 * g.mark_stroke,
           m.rect.height - 2 * g.mark_stroke);
    c.op("f").op("0 g");
  }
  c.op("0.5 w");
  for (double y : {g.fold_y, g.fold_y / 2}) c.line(0, y, 14, y);
  c.op("S");
  // The panel's frame and boxes.
  c.op("0.8 w");
  c.rect(g.panel.x, g.panel.y, g.panel.width, g.panel.height);
  for (const auto& cause : g.causes) c.rect(cause.box.x, cause.box.y, cause.box.width, cause.box.height);
  c.op("S");
  const auto& o = g.observation;
  c.op("0.5 w");
  // Two lines for the courier's observation (scanning keeps them as a crop).
  for (const double y : {o.y, o.y + o.height / 2}) c.line(o.x, y, o.right(), y);
  // The signature line.
  const auto& s = g.signature;
  c.line(s.x, s.y + 26, s.x + 180, s.y + 26);
  c.op("S");
  // The logo, left of the sender block.
  const auto& sb = g.sender;
  double text_x = sb.x;
  if (logo) {
    const double iw = HPDF_Image_GetWidth(logo), ih = HPDF_Image_GetHeight(logo);
    const double scale = std::min(sb.height / ih, 56.0 / iw);
    const double w = iw * scale, h = ih * scale;
    c.op("q").num(w).num(0).num(0).num(h).num(sb.x).num(sb.top() - h).op("cm").op("/X1 Do").op("Q");
    text_x = sb.x + w + 6;
  }
  {
    TextWriter t(c);
    // Up to the reference block; a long company name beside a logo gets a
    // smaller size (down to 6.5 pt) before it is cut.
    const double width = g.reference.x - 4 - text_x;
    const std::string name = utf8_to_cp1252(sender.company_name);
    const double full = bold.width(name, 10);
    const double size = full > width ? std::max(6.5, std::floor(100 * width / full) / 10) : 10.0;
    t.show(bold, size, text_x, sb.top() - 10, fit(bold, size, width, sender.company_name));
    t.show(regular, 8, text_x, sb.top() - 21, fit(regular, 8, width, sender.company_nit));
    t.show(regular, 8, text_x, sb.top() - 31, fit(regular, 8, width, sender.company_address));
    t.show(regular, 8, text_x, sb.top() - 41,
           fit(regular, 8, width, sender.company_city + " · Tel. " + sender.company_phone));
    t.show(bold, 8, g.panel_title.x, g.panel_title.y + 1,
           utf8_to_cp1252("DEVOLUCIÓN — uso exclusivo del mensajero: marque con una X UNA sola causal"));
    for (const auto& cause : g.causes) {
      // The label keeps to its rectangle, so a box height of white stays before the next box.
      const std::string label = utf8_to_cp1252(cause_info(cause.cause).label);
      double size = 8;
      while (size > 6 && regular.width(label, size) > cause.label.width) size -= 0.25;
      t.show(regular, size, cause.label.x, cause.label.y + (cause.label.height - size * 0.7) / 2, label);
    }
    t.show(regular, 8, o.x, o.top() + 2, utf8_to_cp1252("Observación:"));
    t.show(regular, 10, s.x, s.top() - 10, "Atentamente,");
    t.show(bold, 9.5, s.x, s.y + 14, utf8_to_cp1252(sender.signer_name));
    t.show(regular, 8.5, s.x, s.y + 3, utf8_to_cp1252(sender.signer_title + " · " + sender.company_name));
  }
  c.op("Q");
  shared = std::move(c.out);
}

void LetterPdf::Impl::draw_reference(TextWriter& t, const LetterContent& l) {
  const auto& r = g.reference;
  auto right = [&](Font& f, double size, double y, const std::string& utf8) {
    const std::string s = utf8_to_cp1252(utf8);
    t.show(f, size, r.right() - f.width(s, size), y, s);
  };
  right(bold, 10, r.top() - 10, "Carta No. " + l.letter_id);
  right(regular, 8, r.top() - 21, sender.company_city + ", " + l.issued_on.spanish_long());
  right(regular, 8, r.top() - 31, "Cuenta No. " + l.account_id);
}

void LetterPdf::Impl::draw_addressee(TextWriter& t, const LetterContent& l) {
  const auto& a = g.addressee;
  const double w = a.width;
  t.show(regular, 8, a.x, a.top() - 9, utf8_to_cp1252(salutation(l)));
  t.show(bold, 10, a.x, a.top() - 22, fit(bold, 10, w, l.holder_name));
  t.show(regular, 9.5, a.x, a.top() - 35, fit(regular, 9.5, w, l.address));
  t.show(regular, 9.5, a.x, a.top() - 47, fit(regular, 9.5, w, l.neighborhood));
  t.show(regular, 9.5, a.x, a.top() - 59, fit(regular, 9.5, w, l.city));
  t.show(regular, 7, a.x, a.y + 1, utf8_to_cp1252("Zona " + l.zone));
}

// Both codes as filled rectangles, one per run of dark modules in a row,
// in module units under a scaling matrix.
void LetterPdf::Impl::draw_codes(Content& c, const LetterContent& l) {
  c.op("q").op("0 g");
  // QR: quiet zone of 4 modules, rows from the top.
  const bool ours = qr.encode(l.payload);
  const Modules zx = ours ? Modules{} : qr_modules(l.payload);
  const int size = ours ? qr.size() : zx.width;
  auto dark = [&](int x, int y) { return ours ? qr.dark(x, y) : zx.at(x, y); };
  const double module = g.qr.width / (size + 8);
  c.op("q").num(module).num(0).num(0).num(-module).num(g.qr.x + 4 * module).num(g.qr.top() - 4 * module).op("cm");
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size;) {
      if (!dark(x, y)) {
        ++x;
        continue;
      }
      int end = x;
      while (end < size && dark(end, y)) ++end;
      c.num(x).num(y).num(end - x).num(1).op("re");
      x = end;
    }
  }
  c.op("f").op("Q");
  // Code128: a quiet zone of 10 modules each side.
  const Modules bars = code128_modules(l.payload);
  const double bar = g.code128.width / (bars.width + 20);
  c.op("q").num(bar).num(0).num(0).num(g.code128.height).num(g.code128.x + 10 * bar).num(g.code128.y).op("cm");
  for (int x = 0; x < bars.width;) {
    if (!bars.at(x, 0)) {
      ++x;
      continue;
    }
    int end = x;
    while (end < bars.width && bars.at(end, 0)) ++end;
    c.num(x).num(0).num(end - x).num(1).op("re");
    x = end;
  }
  c.op("f").op("Q").op("Q");
}

std::vector<Line> LetterPdf::Impl::wrap_body(const std::string& text, double size) const {
  std::vector<Line> lines;
  const double bullet_indent = size * 1.4;
  const double space = regular.width(" ", size);
  std::size_t start = 0;
  bool new_paragraph = false;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view raw(text.data() + start, end - start);
    start = end + 1;
    if (trim(raw).empty()) {
      new_paragraph = true;
      continue;
    }
    const bool bullet = raw.substr(0, 2) == "- ";
    if (bullet) raw.remove_prefix(2);
    // The subject line ("Asunto: …") is set in bold.
    const bool is_bold = raw.substr(0, 7) == "Asunto:";
    const Font& font = is_bold ? bold : regular;
    const double indent = bullet ? bullet_indent : 0;
    const double width = g.body.width - indent;
    std::string current;
    double current_width = 0;
    bool first = true;
    auto flush = [&] {
      lines.push_back({current, indent, bullet && first, is_bold, first && new_paragraph ? size * 0.7 : 0});
      new_paragraph = false;
      first = false;
    };
    std::size_t w = 0;
    while (w < raw.size()) {
      auto sp = raw.find(' ', w);
      if (sp == std::string_view::npos) sp = raw.size();
      const std::string_view word = raw.substr(w, sp - w);
      w = sp + 1;
      const double word_width = font.width(word, size);  // each word measured once
      if (!current.empty() && current_width + space + word_width > width) {
        flush();
        current.assign(word);
        current_width = word_width;
      } else {
        if (!current.empty()) current += ' ', current_width += space;
        current += word;
        current_width += word_width;
      }
    }
    if (!current.empty()) flush();
    new_paragraph = false;
  }
  return lines;
}

void LetterPdf::Impl::draw_body(TextWriter& t, const LetterContent& l) {
  if (notice_for != l.issued_on) {
    notice_for = l.issued_on;
    report_from = l.issued_on.plus_days(notice_days).spanish_long();
    due_date = l.issued_on.plus_days(notice_days - 1).spanish_long();
    notice_days_text = std::to_string(notice_days);
  }
  const std::map<std::string, std::string, std::less<>> values = {
      {"holder_name", l.holder_name},       {"document_id", l.document_id},
      {"account_id", l.account_id},         {"address", l.address},
      {"neighborhood", l.neighborhood},     {"city", l.city},
      {"zone", l.zone},                     {"balance", format_pesos(l.balance)},
      {"days_past_due", std::to_string(l.days_past_due)}, {"cutoff", l.cutoff.spanish_long()},
      {"date", l.issued_on.spanish_long()}, {"letter_id", l.letter_id},
      {"salutation", salutation(l)},        {"legal_notice", sender.legal_notice},
      {"company_name", sender.company_name}, {"company_nit", sender.company_nit},
      {"company_address", sender.company_address}, {"company_city", sender.company_city},
      {"company_phone", sender.company_phone}, {"company_web", sender.company_web},
      {"report_from", report_from},         {"due_date", due_date}, {"notice_days", notice_days_text},
      {"second_notice", second_notice ? "Segundo aviso" : ""}};
  const std::string text = utf8_to_cp1252(body.render(values));
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
      if (line.bullet) t.show(regular, size, g.body.x + size * 0.3, y, "\x95");
      t.show(line.bold ? bold : regular, size, g.body.x + line.indent, y, line.text);
      y -= leading;
    }
    return;
  }
  throw InputError(ErrorCode::letter_text_too_long, "the text of letter " + l.letter_id + " does not fit on the page; shorten the letter template",
                   {{"letter", l.letter_id}});
}

LetterPdf::LetterPdf(const Sender& sender, const LetterTemplate& text, const PdfOptions& o)
    : m_impl(std::make_unique<Impl>(sender, text)) {
  auto& m = *m_impl;
  m.notice_days = o.notice_days;
  m.second_notice = o.second_notice;
  m.doc.reset(HPDF_New(&on_error, &m.error));
  if (!m.doc) throw InternalError("cannot create a PDF document (out of memory?)");
  HPDF_SetCompressionMode(m.doc.get(), HPDF_COMP_ALL);
  // PDF/A-1b. libharu 2.3 writes the XMP metadata from the Info entries set
  // before the conformance, so they come first; the dates are the letters'
  // date, so a reprint is byte-identical.
  HPDF_SetInfoAttr(m.doc.get(), HPDF_INFO_CREATOR, "Cartero");
  HPDF_SetInfoAttr(m.doc.get(), HPDF_INFO_PRODUCER, "Cartero (Haru Free PDF Library 2.3.0)");
  HPDF_SetInfoAttr(m.doc.get(), HPDF_INFO_TITLE, "Cartas de cobro por correo certificado");
  HPDF_SetInfoAttr(m.doc.get(), HPDF_INFO_AUTHOR, sender.company_name.c_str());
  // Bogotá time (UTC-5): "D:20261124000000-05'00'". (libharu 2.3 cannot
  // turn a 'Z' date into XMP.)
  HPDF_Date date{o.created_on.year(), o.created_on.month(), o.created_on.day(), 0, 0, 0, '-', 5, 0};
  HPDF_SetInfoDateAttr(m.doc.get(), HPDF_INFO_CREATION_DATE, date);
  HPDF_SetInfoDateAttr(m.doc.get(), HPDF_INFO_MOD_DATE, date);
  // The trailer ID is ours (filled in from the pages' hashes when saved):
  // libharu would make one from the clock, and a reprint would differ.
  HPDF_Doc doc = m.doc.get();
  m.ids = HPDF_Array_New(doc->mmgr);
  HPDF_Dict_Add(doc->trailer, "ID", m.ids);
  HPDF_PDFA_SetPDFAConformance(doc, HPDF_PDFA_1B);
  if (HPDF_GetError(doc) != HPDF_OK) throw InternalError("cannot write the PDF/A metadata");
  m.check("creating the document");
  if (!std::filesystem::exists(o.icc_profile)) {
    throw InputError("the sRGB colour profile " + o.icc_profile +
                     " is missing: install the Debian package icc-profiles-free (./dev setup)");
  }
  HPDF_OutputIntent icc = HPDF_LoadIccProfileFromFile(doc, o.icc_profile.c_str(), 3);
  m.check("reading the sRGB profile");
  // The OutputIntent, written here: libharu 2.3's names its profile key
  // "DestOutputProfile " (with a blank), which no reader finds.
  HPDF_Dict intent = HPDF_Dict_New(doc->mmgr);
  HPDF_Xref_Add(doc->xref, intent);
  HPDF_Dict_AddName(intent, "Type", "OutputIntent");
  HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
  for (const char* key : {"OutputConditionIdentifier", "OutputCondition", "Info"}) {
    HPDF_Dict_Add(intent, key, HPDF_String_New(doc->mmgr, "sRGB IEC61966-2.1", nullptr));
  }
  HPDF_Dict_Add(intent, "DestOutputProfile", icc);
  HPDF_Array intents = HPDF_Array_New(doc->mmgr);
  HPDF_Array_Add(intents, intent);
  HPDF_Dict_Add(doc->catalog, "OutputIntents", intents);
  m.check("adding the OutputIntent");
  m.load_font(m.regular, o.font_dir + "/DejaVuSans.ttf", "F1");
  m.load_font(m.bold, o.font_dir + "/DejaVuSans-Bold.ttf", "F2");
  if (!o.logo_png.empty()) {
    m.logo = HPDF_LoadPngImageFromMem(m.doc.get(), reinterpret_cast<const HPDF_BYTE*>(o.logo_png.data()),
                                      static_cast<HPDF_UINT>(o.logo_png.size()));
    if (m.error.code) throw InputError("the logo cannot be read as a PNG image; save it again as PNG");
  }
  m.write_shared();
}

LetterPdf::~LetterPdf() = default;

std::string LetterPdf::add(const LetterContent& letter) {
  auto& m = *m_impl;
  HPDF_Page page = HPDF_AddPage(m.doc.get());
  HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(m.g.page_width));
  HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(m.g.page_height));
  // The resources the shared stream names, under the same names on every page.
  const char* f1 = HPDF_Page_GetLocalFontName(page, m.regular.handle);
  const char* f2 = HPDF_Page_GetLocalFontName(page, m.bold.handle);
  const char* x1 = m.logo ? HPDF_Page_GetXObjectName(page, m.logo) : "X1";
  m.check(("starting letter " + letter.letter_id).c_str());
  if (!f1 || !f2 || !x1 || std::string_view(f1) != "F1" || std::string_view(f2) != "F2" || std::string_view(x1) != "X1") {
    throw InternalError("unexpected PDF resource names on letter " + letter.letter_id);
  }
  Content c;
  c.out.reserve(6000);
  m.draw_codes(c, letter);
  {
    TextWriter t(c);
    m.draw_reference(t, letter);
    m.draw_addressee(t, letter);
    const std::string code = utf8_to_cp1252(letter.payload);
    const auto& ct = m.g.code128_text;
    t.show(m.regular, 9, ct.x + (ct.width - m.regular.width(code, 9)) / 2, ct.y + 2, code);
    m.draw_body(t, letter);
  }
  // The page's own stream, deflated here at zlib's fastest level (libharu
  // deflates at the default level, three times slower on these pages).
  auto* attr = static_cast<HPDF_PageAttr>(static_cast<HPDF_Dict>(page)->attr);
  uLongf packed_size = compressBound(static_cast<uLong>(c.out.size()));
  m.packed.resize(packed_size);
  if (compress2(reinterpret_cast<Bytef*>(m.packed.data()), &packed_size, reinterpret_cast<const Bytef*>(c.out.data()),
                static_cast<uLong>(c.out.size()), 1) != Z_OK) {
    throw InternalError("cannot compress letter " + letter.letter_id + " (zlib)");
  }
  // libharu writes the bytes as they are, and the hook names the filter.
  attr->contents->filter = HPDF_STREAM_FILTER_NONE;
  attr->contents->write_fn = &write_flate_filter;
  HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(m.packed.data()), static_cast<HPDF_UINT>(packed_size));
  if (!m.shared_stream) {
    HPDF_Page_New_Content_Stream(page, &m.shared_stream);
    m.check("writing the shared content");
    m.shared_stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Stream_Write(m.shared_stream->stream, reinterpret_cast<const HPDF_BYTE*>(m.shared.data()),
                      static_cast<HPDF_UINT>(m.shared.size()));
  } else {
    // libharu 2.3 adds an empty stream after the shared one: left uncompressed.
    HPDF_Page_Insert_Shared_Content_Stream(page, m.shared_stream);
    attr->contents->filter = HPDF_STREAM_FILTER_NONE;
  }
  m.check(("drawing letter " + letter.letter_id).c_str());
  c.out += m.shared;
  std::string hash = sha256_text(c.out);
  m.page_hashes += hash;
  return hash;
}

void LetterPdf::add_text_pages(const std::vector<TextLine>& lines) {
  auto& m = *m_impl;
  const double left = m.g.body.x, width = m.g.body.width, top = m.g.page_height - 50, bottom = 50;
  // Each page's text as one content stream, written by libharu (deflated).
  const auto new_page = [&](Content& c) {
    HPDF_Page page = HPDF_AddPage(m.doc.get());
    HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(m.g.page_width));
    HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(m.g.page_height));
    HPDF_Page_GetLocalFontName(page, m.regular.handle);
    HPDF_Page_GetLocalFontName(page, m.bold.handle);
    m.check("starting a page of text");
    auto* attr = static_cast<HPDF_PageAttr>(static_cast<HPDF_Dict>(page)->attr);
    c.out.clear();
    return attr;
  };
  const auto flush = [&](HPDF_PageAttr attr, Content& c) {
    HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(c.out.data()), static_cast<HPDF_UINT>(c.out.size()));
    m.check("writing a page of text");
  };
  Content c;
  HPDF_PageAttr attr = new_page(c);
  double y = top;
  auto text = std::make_unique<TextWriter>(c);
  for (const auto& line : lines) {
    Font& f = line.bold ? m.bold : m.regular;
    // Words wrapped to the body's width.
    std::vector<std::string> rows(1);
    for (std::size_t at = 0; at <= line.utf8.size();) {
      const auto space = line.utf8.find(' ', at);
      const std::string word = line.utf8.substr(at, space == std::string::npos ? std::string::npos : space - at);
      const std::string tried = rows.back().empty() ? word : rows.back() + " " + word;
      if (!rows.back().empty() && f.width(utf8_to_cp1252(tried), line.size) > width) rows.push_back(word);
      else rows.back() = tried;
      if (space == std::string::npos) break;
      at = space + 1;
    }
    for (const auto& row : rows) {
      y -= line.size * 1.4;
      if (y < bottom) {
        text.reset();
        flush(attr, c);
        attr = new_page(c);
        text = std::make_unique<TextWriter>(c);
        y = top - line.size * 1.4;
      }
      text->show(f, line.size, left, y, utf8_to_cp1252(row));
    }
  }
  text.reset();
  flush(attr, c);
}

namespace {

// libharu checks each fwrite but not the fclose that writes the last
// buffered bytes: a disk that fills just then leaves a file without its
// end. Whether the file ends as every PDF libharu writes ends.
bool written_whole(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char tail[6] = {};
  const off_t size = ::lseek(fd, 0, SEEK_END);
  const bool ends = size >= 6 && ::pread(fd, tail, sizeof tail, size - 6) == 6 && std::string_view(tail, 6) == "%%EOF\n";
  ::close(fd);
  return ends;
}

}  // namespace

void LetterPdf::save(const std::string& path) {
  auto& m = *m_impl;
  // The trailer ID (PDF/A): from the pages' hashes, so the same letters
  // give the same file.
  const std::string digest = sha256_text(m.page_hashes);
  HPDF_BYTE id[16];
  for (int i = 0; i < 16; ++i) id[i] = static_cast<HPDF_BYTE>(std::stoi(digest.substr(2 * i, 2), nullptr, 16));
  HPDF_Doc doc = m.doc.get();
  HPDF_Array_Add(m.ids, HPDF_Binary_New(doc->mmgr, id, 16));
  HPDF_Array_Add(m.ids, HPDF_Binary_New(doc->mmgr, id, 16));
  m.check("setting the document ID");
  HPDF_SaveToFile(doc, path.c_str());
  if (m.error.code != 0 || !written_whole(path)) {
    throw InternalError("cannot write " + path + ": is the disk full or the folder read-only?");
  }
}

}  // namespace cartero::letters
