// The route sheet through libharu (landscape carta, DejaVu embedded,
// WinAnsi encoding). libharu's errors are recorded by its C callback and
// checked after each page; nothing throws through C.
#include "cartero/returns/route_sheet.hpp"

#include <hpdf.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <vector>

#include "cartero/core/causes.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/text.hpp"

namespace cartero::returns {

namespace {

constexpr const char* k_fonts = "/usr/share/fonts/truetype/dejavu";
constexpr double k_width = 792, k_height = 612, k_margin = 30, k_row = 30, k_line = 8.5, k_size = 7.5;

struct Column {
  const char* title;
  double width;
};
// The account cell also carries the letter; the finding has its boxes.
constexpr Column k_columns[] = {{"#", 20}, {"Cuenta / carta", 62}, {"Titular", 84}, {"Dirección", 150}, {"Barrio", 74},
                                {"Causal", 92}, {"Observación", 100}, {"Hallazgo (marque y anote)", 150}};

void on_error(HPDF_STATUS code, HPDF_STATUS, void* user) {
  auto* first = static_cast<HPDF_STATUS*>(user);
  if (*first == 0) *first = code;
}

class Sheet {
 public:
  Sheet(const std::string& zone, std::size_t count) : m_zone(zone), m_count(count) {
    m_doc.reset(HPDF_New(&on_error, &m_error));
    if (!m_doc) throw InternalError("cannot create a PDF document");
    HPDF_SetCompressionMode(m_doc.get(), HPDF_COMP_ALL);
    m_regular = font("DejaVuSans.ttf");
    m_bold = font("DejaVuSans-Bold.ttf");
  }

  // A row as tall as its longest cell: long addresses and observations wrap
  // instead of losing the apartment or the cause.
  void add(std::size_t n, const Case& c) {
    if (!m_page) new_page();
    const std::string cells[] = {std::to_string(n), c.account_id + "\n" + c.letter_id, c.holder_name, c.address,
                                 c.neighborhood, cause_label(c), c.observation};
    std::vector<std::string> lines[std::size(cells)];
    std::size_t most = 1;
    for (std::size_t i = 0; i < std::size(cells); ++i) {
      lines[i] = wrap(cells[i], k_columns[i].width - 4);
      most = std::max(most, lines[i].size());
    }
    const double height = std::max(k_row, static_cast<double>(most) * k_line + 8);
    if (m_y - height < k_margin) new_page();
    double x = k_margin;
    for (std::size_t i = 0; i < std::size(cells); ++i) {
      for (std::size_t l = 0; l < lines[i].size(); ++l) {
        text(m_regular, k_size, x + 2, m_y - 10 - static_cast<double>(l) * k_line, lines[i][l]);
      }
      x += k_columns[i].width;
    }
    // The finding: boxes to tick, a line for the corrected address.
    const double fx = k_width - k_margin - k_columns[7].width + 2;
    text(m_regular, 6, fx, m_y - 10, "[ ] correcta  [ ] errada  [ ] demolido  [ ] lote");
    text(m_regular, 6, fx, m_y - 22, utf8_to_cp1252("Nueva dirección: ______________________"));
    HPDF_Page_SetLineWidth(m_page, 0.3);
    HPDF_Page_MoveTo(m_page, k_margin, static_cast<HPDF_REAL>(m_y - height));
    HPDF_Page_LineTo(m_page, k_width - k_margin, static_cast<HPDF_REAL>(m_y - height));
    HPDF_Page_Stroke(m_page);
    m_y -= height;
  }

  void save(const std::string& path) {
    if (!m_page) new_page();  // an empty list is still a sheet
    const std::string tmp = path + ".tmp";
    HPDF_SaveToFile(m_doc.get(), tmp.c_str());
    std::error_code ec;
    if (m_error != 0) {
      std::filesystem::remove(tmp, ec);
      throw InternalError("cannot write " + path + " (libharu error " + std::to_string(m_error) + ")");
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) throw InternalError("cannot write " + path + ": " + ec.message());
  }

 private:
  HPDF_Font font(const std::string& file) {
    const std::string path = std::string(k_fonts) + "/" + file;
    if (!std::filesystem::exists(path)) throw InputError("font " + path + " is missing: install fonts-dejavu-core");
    const char* name = HPDF_LoadTTFontFromFile(m_doc.get(), path.c_str(), HPDF_TRUE);
    return HPDF_GetFont(m_doc.get(), name, "WinAnsiEncoding");
  }
  void text(HPDF_Font f, double size, double x, double y, const std::string& cp1252) {
    HPDF_Page_BeginText(m_page);
    HPDF_Page_SetFontAndSize(m_page, f, static_cast<HPDF_REAL>(size));
    HPDF_Page_TextOut(m_page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y), cp1252.c_str());
    HPDF_Page_EndText(m_page);
  }
  // The text in lines of at most `width` points (Windows-1252), broken
  // between words, or inside a word longer than a line; '\n' breaks a line.
  std::vector<std::string> wrap(const std::string& utf8, double width) {
    HPDF_Page_SetFontAndSize(m_page, m_regular, static_cast<HPDF_REAL>(k_size));
    const auto fits = [&](const std::string& t) { return HPDF_Page_TextWidth(m_page, t.c_str()) <= width; };
    std::vector<std::string> out;
    std::string line;
    const std::string text = utf8_to_cp1252(utf8);
    std::size_t i = 0;
    while (i <= text.size()) {
      const std::size_t end = std::min(text.find_first_of(" \n", i), text.size());
      std::string word = text.substr(i, end - i);
      const std::string joined = line.empty() ? word : line + " " + word;
      if (fits(joined)) {
        line = joined;
      } else {
        if (!line.empty()) out.push_back(std::move(line));
        line.clear();
        while (!word.empty() && !fits(word)) {  // a word wider than the column
          std::size_t k = word.size() - 1;
          while (k > 1 && !fits(word.substr(0, k))) --k;
          out.push_back(word.substr(0, k));
          word.erase(0, k);
        }
        line = word;
      }
      if (end < text.size() && text[end] == '\n') {
        out.push_back(std::move(line));
        line.clear();
      }
      i = end + 1;
    }
    if (!line.empty() || out.empty()) out.push_back(line);
    return out;
  }
  void new_page() {
    m_page = HPDF_AddPage(m_doc.get());
    HPDF_Page_SetWidth(m_page, k_width);
    HPDF_Page_SetHeight(m_page, k_height);
    ++m_pages;
    text(m_bold, 12, k_margin, k_height - k_margin - 10,
         utf8_to_cp1252("Verificación de direcciones en terreno — zona " + m_zone));
    text(m_regular, 8, k_margin, k_height - k_margin - 24,
         utf8_to_cp1252("Generada el " + Date::today().spanish_long() + " · " + std::to_string(m_count) +
                        " casos en orden de recorrido · hoja " + std::to_string(m_pages) +
                        " · Auxiliar: ____________________  Fecha de visita: __________"));
    double x = k_margin;
    m_y = k_height - k_margin - 36;
    for (const auto& c : k_columns) {
      text(m_bold, 7.5, x + 2, m_y - 10, utf8_to_cp1252(c.title));
      x += c.width;
    }
    HPDF_Page_SetLineWidth(m_page, 0.8);
    HPDF_Page_MoveTo(m_page, k_margin, static_cast<HPDF_REAL>(m_y - 14));
    HPDF_Page_LineTo(m_page, k_width - k_margin, static_cast<HPDF_REAL>(m_y - 14));
    HPDF_Page_Stroke(m_page);
    m_y -= 14;
  }

  std::string m_zone;
  std::size_t m_count;
  HPDF_STATUS m_error = 0;
  std::unique_ptr<HPDF_Doc_Rec, decltype(&HPDF_Free)> m_doc{nullptr, &HPDF_Free};
  HPDF_Font m_regular = nullptr, m_bold = nullptr;
  HPDF_Page m_page = nullptr;
  double m_y = 0;
  int m_pages = 0;
};

}  // namespace

void write_route_sheet(const std::string& path, const std::string& zone, const std::vector<Case>& cases) {
  Sheet sheet(zone, cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) sheet.add(i + 1, cases[i]);
  sheet.save(path);
}

}  // namespace cartero::returns
