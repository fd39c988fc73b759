#include "cartero/proof/certificate.hpp"

#include <hpdf.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "cartero/core/causes.hpp"
#include "cartero/core/digest.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/text.hpp"
#include "cartero/letters/letter.hpp"
#include "cartero/letters/printed.hpp"
#include "cartero/proof/admissions.hpp"
#include "cartero/proof/proofs.hpp"
#include "cartero/returns/lists.hpp"
#include "cartero/returns/outcomes.hpp"
#include "cartero/scanning/page.hpp"
#include "cartero/selection/batch.hpp"
#include "archived_page.hpp"
#include "store.hpp"

namespace fs = std::filesystem;

namespace cartero::proof {

namespace {

constexpr const char* k_fonts = "/usr/share/fonts/truetype/dejavu";
constexpr double k_width = 612, k_height = 792, k_margin = 50;

// "2026-11-24" -> "24/11/2026", as people in Colombia write dates.
std::string dmy(const std::string& iso) {
  if (iso.size() < 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

// A UTC stamp "2026-12-03T14:05:00Z" in Bogotá time (UTC-5, no daylight saving).
std::string bogota(const std::string& utc) {
  const auto day = Date::parse_iso(utc.substr(0, 10));
  if (!day || utc.size() < 16) return utc;
  int minutes = std::stoi(utc.substr(11, 2)) * 60 + std::stoi(utc.substr(14, 2)) - 5 * 60;
  Date d = *day;
  if (minutes < 0) minutes += 24 * 60, d = d.minus_days(1);
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", minutes / 60, minutes % 60);
  return dmy(d.iso()) + " " + hm + " (hora de Bogotá)";
}

struct Facts {
  letters::LetterRecord letter;
  std::optional<selection::BatchState> batch;
  std::optional<Admission> admission;
  std::pair<std::string, std::string> admission_recorded;
  returns::LetterFate fate;
  std::vector<KeptProof> proofs;
  NoticeClock clock;
  ArchivedPage page;
  std::vector<std::pair<std::string, std::string>> rows;  // label, value (Spanish)
  std::string canonical;                                  // what the hash covers
};

Facts collect(Database& db, const std::string& letter_id, const BureauSettings& settings, bool with_page) {
  Facts f;
  const auto letter = letters::find_letter(db, letter_id);
  if (!letter) throw InputError(ErrorCode::no_such_letter, "certificate: Cartero printed no letter " + letter_id, {{"letter", letter_id}});
  if (!letter->sent_on) {
    throw InputError(ErrorCode::letter_never_dispatched,
                     "certificate: letter " + letter_id + " was never dispatched: there is no notice to certify", {{"letter", letter_id}});
  }
  f.letter = *letter;
  f.batch = selection::find_batch(db, letter->batch_id);
  f.admission = admission_of(db, letter_id);
  f.admission_recorded = store::admission_recorded(db, letter_id);
  f.fate = returns::letter_fate(db, letter_id);
  f.proofs = proofs_of(db, letter_id);
  std::vector<Date> sent;
  for (const auto& l : letters::letters_of_account(db, letter->account_id)) {
    if (!l.sent_on) continue;
    const auto a = admission_of(db, l.letter_id);
    sent.push_back(a ? a->admitted_on : *l.sent_on);
  }
  f.clock = notice_clock(sent, letter->balance, settings);
  if (with_page) f.page = archived_page(db, letter_id);

  auto row = [&](std::string label, std::string value) { f.rows.emplace_back(std::move(label), std::move(value)); };
  row("Carta número", f.letter.letter_id);
  row("Cuenta", f.letter.account_id);
  row("Titular", f.letter.holder_name);
  if (!f.letter.document_id.empty()) row("Documento", f.letter.document_id);
  std::string address = f.letter.address;
  if (!f.letter.neighborhood.empty()) address += ", barrio " + f.letter.neighborhood;
  if (!f.letter.city.empty()) address += ", " + f.letter.city;
  row("Dirección a la que se envió", address);
  row("Valor cobrado", format_pesos(f.letter.balance) + " (" + std::to_string(f.letter.days_past_due) + " días de mora)");
  row("Lote y fecha de corte", "Lote " + std::to_string(f.letter.batch_id) +
                                   (f.batch ? ", corte del " + dmy(f.batch->cutoff.iso()) : std::string()));
  row("Carta emitida el", dmy(f.letter.issued_on));
  row("Despachada el", dmy(f.letter.sent_on->iso()));
  row("Guía del operador postal", f.admission ? f.admission->guia + ", admitida el " + dmy(f.admission->admitted_on.iso())
                                              : std::string("sin admisión registrada"));
  if (f.fate.return_id) {
    const auto cause = parse_cause_code(f.fate.cause);
    row("Resultado", "Devuelta el " + dmy(f.fate.returned_on) + " por la causal «" +
                         (cause ? std::string(cause_info(*cause).label) : f.fate.cause) + "»" +
                         (f.fate.observation.empty() ? std::string() : "; observación: " + f.fate.observation));
  } else if (f.fate.delivered_on) {
    row("Resultado", "Entregada el " + dmy(*f.fate.delivered_on));
  } else {
    row("Resultado", "Sin entrega ni devolución registradas");
  }
  std::string proofs;
  for (const auto& p : f.proofs) proofs += (proofs.empty() ? "" : "; ") + p.original_name + " (SHA-256 " + p.sha256 + ")";
  row("Prueba de entrega", proofs.empty() ? "ninguna importada" : proofs);
  row("Página de la carta enviada", f.page.sha256.empty() ? f.page.problem
                                                          : "SHA-256 " + f.page.sha256 +
                                                                (f.page.verified ? " (verificada contra el archivo)" : ""));
  if (f.clock.reportable_from) {
    row("Puede reportarse a centrales de riesgo desde", dmy(f.clock.reportable_from->iso()) +
                                                            (f.clock.small_debt ? " (deuda menor: dos avisos)" : ""));
  } else {
    row("Puede reportarse a centrales de riesgo desde",
        "aún no: " + std::to_string(f.clock.notices_counted) + " de " + std::to_string(f.clock.notices_needed) +
            " avisos enviados en días distintos");
  }
  for (const auto& [label, value] : f.rows) f.canonical += label + "=" + value + "\n";
  return f;
}

void on_error(HPDF_STATUS code, HPDF_STATUS, void* user) {
  auto* first = static_cast<HPDF_STATUS*>(user);
  if (*first == 0) *first = code;
}

// A greyscale image scaled down by whole steps to at most `max_pixels` wide.
scanning::PageImage shrink(const scanning::PageImage& in, int max_width) {
  const int step = std::max(1, (in.width + max_width - 1) / max_width);
  if (step == 1) return in;
  scanning::PageImage out;
  out.width = in.width / step;
  out.height = in.height / step;
  out.gray.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      unsigned sum = 0;
      for (int dy = 0; dy < step; ++dy) {
        for (int dx = 0; dx < step; ++dx) {
          sum += in.gray[static_cast<std::size_t>(y * step + dy) * static_cast<std::size_t>(in.width) +
                         static_cast<std::size_t>(x * step + dx)];
        }
      }
      out.gray[static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width) + static_cast<std::size_t>(x)] =
          static_cast<std::uint8_t>(sum / static_cast<unsigned>(step * step));
    }
  }
  return out;
}

std::optional<scanning::PageImage> first_page(const std::string& path) {
  const auto reader = scanning::PageReader::open(path, 100);
  if (!reader || reader->page_count() < 1) return std::nullopt;
  auto page = reader->read(1);
  return page.image;
}

class Writer {
 public:
  Writer() {
    m_doc.reset(HPDF_New(&on_error, &m_error));
    if (!m_doc) throw InternalError("cannot create a PDF document");
    HPDF_SetCompressionMode(m_doc.get(), HPDF_COMP_ALL);
    m_regular = font("DejaVuSans.ttf");
    m_bold = font("DejaVuSans-Bold.ttf");
    new_page();
  }

  void text(const std::string& utf8, double size, bool bold = false, bool red = false, double indent = 0) {
    const HPDF_Font f = bold ? m_bold : m_regular;
    const double width = k_width - 2 * k_margin - indent;
    for (const auto& line : wrap(utf8_to_cp1252(utf8), f, size, width)) {
      if (m_y - size * 1.35 < k_margin + 20) new_page();
      m_y -= size * 1.35;
      HPDF_Page_SetRGBFill(m_page, red ? 0.8f : 0.f, 0.f, 0.f);
      HPDF_Page_BeginText(m_page);
      HPDF_Page_SetFontAndSize(m_page, f, static_cast<HPDF_REAL>(size));
      HPDF_Page_TextOut(m_page, static_cast<HPDF_REAL>(k_margin + indent), static_cast<HPDF_REAL>(m_y), line.c_str());
      HPDF_Page_EndText(m_page);
    }
    HPDF_Page_SetRGBFill(m_page, 0, 0, 0);
  }

  void row(const std::string& label, const std::string& value, bool red = false) {
    text(label, 8, true);
    text(value, 9.5, false, red, 12);
    m_y -= 3;
  }

  void gap(double points) { m_y -= points; }

  void image(const std::string& caption, const scanning::PageImage& page, double max_height) {
    const auto small = shrink(page, 900);
    const double scale = std::min((k_width - 2 * k_margin) / small.width, max_height / small.height);
    const double w = small.width * scale, h = small.height * scale;
    if (m_y - h - 30 < k_margin) new_page();
    text(caption, 8, true);
    HPDF_Image img = HPDF_LoadRawImageFromMem(m_doc.get(), small.gray.data(), static_cast<HPDF_UINT>(small.width),
                                              static_cast<HPDF_UINT>(small.height), HPDF_CS_DEVICE_GRAY, 8);
    m_y -= h + 4;
    HPDF_Page_DrawImage(m_page, img, static_cast<HPDF_REAL>(k_margin), static_cast<HPDF_REAL>(m_y),
                        static_cast<HPDF_REAL>(w), static_cast<HPDF_REAL>(h));
    HPDF_Page_SetLineWidth(m_page, 0.5);
    HPDF_Page_Rectangle(m_page, static_cast<HPDF_REAL>(k_margin), static_cast<HPDF_REAL>(m_y),
                        static_cast<HPDF_REAL>(w), static_cast<HPDF_REAL>(h));
    HPDF_Page_Stroke(m_page);
    m_y -= 8;
  }

  void footer_all(const std::string& first, const std::string& second) {
    for (std::size_t i = 0; i < m_pages.size(); ++i) {
      HPDF_Page p = m_pages[i];
      const std::string lines[] = {utf8_to_cp1252(first), utf8_to_cp1252(second + " · Página " + std::to_string(i + 1) +
                                                                          " de " + std::to_string(m_pages.size()))};
      for (int l = 0; l < 2; ++l) {
        HPDF_Page_BeginText(p);
        HPDF_Page_SetFontAndSize(p, m_regular, 7);
        HPDF_Page_TextOut(p, static_cast<HPDF_REAL>(k_margin), static_cast<HPDF_REAL>(k_margin - 4 - 10 * l),
                          lines[l].c_str());
        HPDF_Page_EndText(p);
      }
    }
  }

  void save(const std::string& path) {
    const std::string tmp = path + ".tmp";
    HPDF_SaveToFile(m_doc.get(), tmp.c_str());
    std::error_code ec;
    if (m_error != 0) {
      fs::remove(tmp, ec);
      throw InternalError("cannot write " + path + " (libharu error " + std::to_string(m_error) + ")");
    }
    fs::rename(tmp, path, ec);
    if (ec) {
      fs::remove(tmp, ec);
      throw InternalError("cannot write " + path + ": " + ec.message());
    }
  }

 private:
  HPDF_Font font(const std::string& file) {
    const std::string path = std::string(k_fonts) + "/" + file;
    if (!fs::exists(path)) throw InputError("font " + path + " is missing: install fonts-dejavu-core");
    const char* name = HPDF_LoadTTFontFromFile(m_doc.get(), path.c_str(), HPDF_TRUE);
    return HPDF_GetFont(m_doc.get(), name, "WinAnsiEncoding");
  }
  std::vector<std::string> wrap(const std::string& cp1252, HPDF_Font f, double size, double width) {
    HPDF_Page_SetFontAndSize(m_page, f, static_cast<HPDF_REAL>(size));
    std::vector<std::string> lines;
    std::string line, word;
    auto fits = [&](const std::string& s) { return HPDF_Page_TextWidth(m_page, s.c_str()) <= width; };
    auto flush_word = [&] {
      if (word.empty()) return;
      const std::string candidate = line.empty() ? word : line + " " + word;
      if (fits(candidate) || line.empty()) {
        line = candidate;
      } else {
        lines.push_back(line);
        line = word;
      }
      // A single word longer than the line (a hash) is cut where it overflows.
      while (!fits(line) && line.size() > 1) {
        std::size_t n = line.size();
        while (n > 1 && !fits(line.substr(0, n))) --n;
        lines.push_back(line.substr(0, n));
        line = line.substr(n);
      }
      word.clear();
    };
    for (char c : cp1252) {
      if (c == ' ') {
        flush_word();
      } else {
        word += c;
      }
    }
    flush_word();
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
  }
  void new_page() {
    m_page = HPDF_AddPage(m_doc.get());
    HPDF_Page_SetWidth(m_page, static_cast<HPDF_REAL>(k_width));
    HPDF_Page_SetHeight(m_page, static_cast<HPDF_REAL>(k_height));
    m_pages.push_back(m_page);
    m_y = k_height - k_margin;
  }

  struct DocFree {
    void operator()(HPDF_Doc d) const { HPDF_Free(d); }
  };
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocFree> m_doc;
  HPDF_STATUS m_error = 0;
  HPDF_Font m_regular = nullptr, m_bold = nullptr;
  HPDF_Page m_page = nullptr;
  std::vector<HPDF_Page> m_pages;
  double m_y = 0;
};

}  // namespace

std::string latest_dispatched_letter(Database& db, const std::string& account_id) {
  std::string latest;
  std::optional<Date> latest_on;
  for (const auto& l : letters::letters_of_account(db, account_id)) {
    if (l.sent_on && (!latest_on || *l.sent_on >= *latest_on)) latest = l.letter_id, latest_on = l.sent_on;
  }
  if (latest.empty()) {
    throw InputError(ErrorCode::account_never_notified, "certificate: account " + account_id + " has no dispatched letter",
                     {{"account", account_id}});
  }
  return latest;
}

CertificateResult write_certificate(Database& db, const std::string& letter_id, const std::string& out_pdf,
                                    const std::string& user, const BureauSettings& settings) {
  if (fs::exists(out_pdf)) {
    throw InputError(ErrorCode::file_exists, "certificate: " + out_pdf + " already exists: choose another file name",
                     {{"file", fs::path(out_pdf).filename().string()}});
  }
  const Facts f = collect(db, letter_id, settings, true);
  CertificateResult r;
  r.letter_id = letter_id;
  r.out = out_pdf;
  r.facts_sha256 = sha256_text(f.canonical);
  r.page_verified = f.page.verified;
  if (!f.page.problem.empty()) r.warnings.push_back(f.page.problem);
  const std::string issued_at = now_utc_iso();

  const letters::Sender sender = letters::default_sender();
  Writer w;
  w.text(sender.company_name, 11, true);
  w.text(sender.company_nit + " · " + sender.company_address + ", " + sender.company_city, 8);
  w.gap(10);
  w.text("Constancia de envío y notificación", 16, true);
  w.text("Ley 1266 de 2008, art. 12 (modificado por la Ley 2157 de 2021): aviso previo al reporte", 8);
  w.text("Expedida el " + bogota(issued_at) + " por " + user, 8);
  w.gap(8);
  for (const auto& warning : r.warnings) w.text("ATENCIÓN: " + warning, 10, true, true);
  for (const auto& [label, value] : f.rows) w.row(label, value, label == "Página de la carta enviada" && !f.page.verified);
  w.gap(6);
  w.text("Cronología", 11, true);
  w.text("• " + dmy(f.letter.issued_on) + ": carta " + f.letter.letter_id + " numerada e impresa en el lote " +
             std::to_string(f.letter.batch_id),
         9);
  w.text("• " + dmy(f.letter.sent_on->iso()) + ": lote despachado", 9);
  if (f.admission) {
    w.text("• " + dmy(f.admission->admitted_on.iso()) + ": admitida por el operador postal con la guía " +
               f.admission->guia + " (registrado " + bogota(f.admission_recorded.first) + " por " +
               f.admission_recorded.second + ")",
           9);
  }
  if (f.fate.delivered_on) w.text("• " + dmy(*f.fate.delivered_on) + ": entregada", 9);
  if (f.fate.return_id) {
    w.text("• " + dmy(f.fate.returned_on) + ": devolución n.º " + std::to_string(*f.fate.return_id) +
               " registrada por " + f.fate.registered_by,
           9);
  }
  if (f.page.image) w.image("Carta tal como se envió (página archivada)", *f.page.image, 330);
  for (const auto& p : f.proofs) {
    if (const auto img = first_page(p.stored_path)) w.image("Prueba de entrega: " + p.original_name, *img, 260);
  }
  if (f.fate.scan_page_id) {
    if (const auto png = returns::page_image(db, *f.fate.scan_page_id)) {
      if (const auto img = first_page(*png)) w.image("Carta devuelta, escaneada", *img, 260);
    }
  }
  w.footer_all("Huella de los hechos certificados (SHA-256): " + r.facts_sha256,
               "Constancia de la carta " + letter_id + " · Verifique con: cartero certificate verify ARCHIVO.pdf");
  w.save(out_pdf);
  r.file_sha256 = sha256_file(out_pdf);
  store::insert_certificate(db, {r.file_sha256, letter_id, r.facts_sha256, issued_at, user});
  return r;
}

Verification verify_certificate(Database& db, const std::string& pdf_path, const BureauSettings& settings) {
  Verification v;
  const auto row = store::certificate_by_file(db, sha256_file(pdf_path));
  if (!row) {
    v.message = pdf_path + " is not a certificate Cartero issued, or it was altered after it was issued";
    return v;
  }
  v.issued = true;
  v.letter_id = row->letter_id;
  v.issued_at = row->issued_at;
  v.issued_by = row->issued_by;
  v.facts_unchanged = sha256_text(collect(db, row->letter_id, settings, true).canonical) == row->facts_sha256;
  v.message = v.facts_unchanged
                  ? "issued by Cartero for letter " + row->letter_id + " on " + row->issued_at + "; its facts still hold"
                  : "issued by Cartero for letter " + row->letter_id + " on " + row->issued_at +
                        ", but the facts have changed since (a delivery, return, admission or proof was recorded): "
                        "issue a new one";
  return v;
}

std::string to_json(const CertificateResult& r) {
  JsonWriter w;
  w.begin_object().key("letter_id").value(r.letter_id).key("out").value(r.out);
  w.key("facts_sha256").value(r.facts_sha256).key("file_sha256").value(r.file_sha256);
  w.key("page_verified").value(r.page_verified).key("warnings").begin_array();
  for (const auto& x : r.warnings) w.value(x);
  w.end_array().end_object();
  return w.str();
}

std::string to_json(const Verification& v) {
  JsonWriter w;
  w.begin_object().key("issued").value(v.issued);
  if (v.issued) {
    w.key("letter_id").value(v.letter_id).key("issued_at").value(v.issued_at).key("issued_by").value(v.issued_by);
    w.key("facts_unchanged").value(v.facts_unchanged);
  }
  w.key("message").value(v.message).end_object();
  return w.str();
}

}  // namespace cartero::proof
