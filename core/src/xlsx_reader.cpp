// Reading .xlsx (ECMA-376 SpreadsheetML) with Poco::Zip and Poco::XML's SAX
// parser: workbook.xml names the sheets, its .rels where they are,
// styles.xml which cell styles are dates, sharedStrings.xml the text of
// "s" cells. The sheet itself is parsed as it is inflated, so memory holds
// the shared strings and one row, never the sheet.
#include "xlsx_reader.hpp"

#include <Poco/Exception.h>
#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/InputSource.h>
#include <Poco/SAX/SAXException.h>
#include <Poco/SAX/SAXParser.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <map>
#include <streambuf>

#include "cartero/core/error.hpp"
#include "cartero/core/error_texts.hpp"
#include "cartero/core/text.hpp"
#include "cartero/core/text_arena.hpp"
#include "cartero/core/values.hpp"

namespace cartero {

namespace {

// The same error with its place in front of the message, its code kept and
// the file's name added to its arguments.
InputError placed(const InputError& e, const std::string& message, const std::string& path, ErrorArgs more = {}) {
  ErrorArgs args = e.args();
  bool has_file = false;
  for (const auto& [k, v] : args) has_file = has_file || k == "file";
  if (!has_file) args.emplace_back("file", file_name_of(path));
  for (auto& a : more) args.push_back(std::move(a));
  if (e.code() == ErrorCode::invalid_input) {
    for (auto& [k, v] : args) {
      if (k == "detail") v = message;
    }
  }
  return InputError(e.code(), message, std::move(args));
}

}  // namespace

namespace {

using Poco::XML::Attributes;
using Poco::XML::XMLString;

// Names are read without namespace processing (it costs a third of the
// parse): "x:c" and "c" are both the element c, "r:id" the attribute id.
std::string_view local_of(const XMLString& qname) {
  const auto colon = qname.find(':');
  return colon == XMLString::npos ? std::string_view(qname) : std::string_view(qname).substr(colon + 1);
}

const XMLString* attr(const Attributes& a, std::string_view local) {
  for (int i = 0; i < a.getLength(); ++i) {
    if (local_of(a.getQName(i)) == local) return &a.getValue(i);
  }
  return nullptr;
}

// Inflated bytes of one part, with a ceiling (a zip bomb's headers may lie)
// and a stop switch (the header pass reads only the first rows).
class LimitedBuf : public std::streambuf {
 public:
  LimitedBuf(std::istream& in, std::uint64_t limit) : m_in(in), m_limit(limit) {}
  bool over_limit() const { return m_over; }
  std::uint64_t consumed() const { return m_total; }
  void stop() { m_stopped = true; }

 protected:
  int_type underflow() override {
    if (m_stopped || m_over) return traits_type::eof();
    m_in.read(m_buf, sizeof m_buf);
    const auto n = m_in.gcount();
    if (n <= 0) return traits_type::eof();
    m_total += static_cast<std::uint64_t>(n);
    if (m_total > m_limit) {
      m_over = true;
      return traits_type::eof();
    }
    setg(m_buf, m_buf, m_buf + n);
    return traits_type::to_int_type(m_buf[0]);
  }

 private:
  std::istream& m_in;
  std::uint64_t m_limit;
  std::uint64_t m_total = 0;
  bool m_over = false;
  bool m_stopped = false;
  char m_buf[1 << 16];
};

// A handler that keeps the first exception its callbacks throw (expat is C:
// nothing may unwind through it) and stops the reading there.
class Handler : public Poco::XML::DefaultHandler {
 public:
  void attach(LimitedBuf* buf) { m_buf = buf; }
  void fail(std::exception_ptr e) {
    if (!m_error) m_error = e;
    stop();
  }
  void stop() {
    m_stopped = true;
    if (m_buf) m_buf->stop();
  }
  bool stopped() const { return m_stopped; }
  std::exception_ptr error() const { return m_error; }

  void startElement(const XMLString&, const XMLString&, const XMLString& qname, const Attributes& a) override {
    if (m_stopped) return;
    try { on_start(local_of(qname), a); } catch (...) { fail(std::current_exception()); }
  }
  void endElement(const XMLString&, const XMLString&, const XMLString& qname) override {
    if (m_stopped) return;
    try { on_end(local_of(qname)); } catch (...) { fail(std::current_exception()); }
  }
  void characters(const XMLString::value_type ch[], int start, int length) override {
    if (m_stopped || !m_collect) return;
    m_text.append(ch + start, static_cast<std::size_t>(length));
  }

 protected:
  virtual void on_start(std::string_view local, const Attributes& a) = 0;
  virtual void on_end(std::string_view local) = 0;
  std::string m_text;
  bool m_collect = false;

 private:
  LimitedBuf* m_buf = nullptr;
  bool m_stopped = false;
  std::exception_ptr m_error;
};

struct SheetInfo {
  std::string name;
  std::string rel_id;
  bool hidden = false;
};

class WorkbookHandler : public Handler {
 public:
  std::vector<SheetInfo> sheets;
  bool date1904 = false;

 protected:
  void on_start(std::string_view local, const Attributes& a) override {
    if (local == "sheet") {
      SheetInfo s;
      if (const auto* v = attr(a, "name")) s.name = *v;
      if (const auto* v = attr(a, "id")) s.rel_id = *v;
      if (const auto* v = attr(a, "state")) s.hidden = *v != "visible";
      sheets.push_back(std::move(s));
    } else if (local == "workbookPr") {
      if (const auto* v = attr(a, "date1904")) date1904 = *v == "1" || *v == "true";
    }
  }
  void on_end(std::string_view) override {}
};

class RelsHandler : public Handler {
 public:
  std::map<std::string, std::string> targets;

 protected:
  void on_start(std::string_view local, const Attributes& a) override {
    if (local != "Relationship") return;
    const auto* id = attr(a, "Id");
    const auto* target = attr(a, "Target");
    if (id && target) targets[*id] = *target;
  }
  void on_end(std::string_view) override {}
};

// A number format shows a date when its code has date or time letters
// outside quoted text, [colour]/[$-locale] sections and escaped characters.
bool format_is_date(const std::string& code) {
  bool quoted = false, bracket = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) { quoted = c != '"'; continue; }
    if (bracket) { bracket = c != ']'; continue; }
    if (c == '"') quoted = true;
    else if (c == '[') bracket = true;
    else if (c == '\\' || c == '_' || c == '*') ++i;
    else if (std::strchr("dmyhsDMYHS", c)) return true;
  }
  return false;
}

bool builtin_is_date(int id) { return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58); }

class StylesHandler : public Handler {
 public:
  std::vector<bool> date_styles() const {
    std::vector<bool> out;
    for (int id : m_xf_formats) {
      const auto it = m_custom.find(id);
      out.push_back(it != m_custom.end() ? format_is_date(it->second) : builtin_is_date(id));
    }
    return out;
  }

 protected:
  void on_start(std::string_view local, const Attributes& a) override {
    if (local == "numFmt") {
      const auto* id = attr(a, "numFmtId");
      const auto* code = attr(a, "formatCode");
      if (id && code) m_custom[std::atoi(id->c_str())] = *code;
    } else if (local == "cellXfs") {
      m_in_xfs = true;
    } else if (local == "xf" && m_in_xfs) {
      const auto* id = attr(a, "numFmtId");
      m_xf_formats.push_back(id ? std::atoi(id->c_str()) : 0);
    }
  }
  void on_end(std::string_view local) override {
    if (local == "cellXfs") m_in_xfs = false;
  }

 private:
  std::map<int, std::string> m_custom;
  std::vector<int> m_xf_formats;
  bool m_in_xfs = false;
};

class SharedStringsHandler : public Handler {
 public:
  SharedStringsHandler(TextArena& arena, std::vector<std::string_view>& out) : m_arena(arena), m_out(out) {}

 protected:
  void on_start(std::string_view local, const Attributes&) override {
    if (local == "si") m_text.clear();
    else if (local == "rPh") ++m_phonetic;
    else if (local == "t") m_collect = m_phonetic == 0;
  }
  void on_end(std::string_view local) override {
    if (local == "t") m_collect = false;
    else if (local == "rPh") --m_phonetic;
    else if (local == "si") m_out.push_back(m_arena.keep(m_text));
  }

 private:
  TextArena& m_arena;
  std::vector<std::string_view>& m_out;
  int m_phonetic = 0;
};

// "AB12" -> column 27 (0-based) and row 12; false when it is not a reference.
bool parse_ref(std::string_view ref, std::size_t& column, std::size_t& row) {
  std::size_t i = 0, col = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) {
    col = col * 26 + static_cast<std::size_t>(std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    ++i;
  }
  if (i == 0 || i == ref.size() || col > 16384) return false;
  std::size_t r = 0;
  for (; i < ref.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(ref[i]))) return false;
    r = r * 10 + static_cast<std::size_t>(ref[i] - '0');
    if (r > k_xlsx_last_row) return false;
  }
  column = col - 1;
  row = r;
  return true;
}

// A number cell's text as the importers read numbers: integers as digits;
// fractions with '.', never exactly three decimals (which would read as a
// thousands group).
std::string number_text(const std::string& v) {
  bool digits = !v.empty();
  for (char c : v) digits = digits && (std::isdigit(static_cast<unsigned char>(c)) || c == '-');
  if (digits) return v;
  char* end = nullptr;
  const double d = std::strtod(v.c_str(), &end);
  if (end == v.c_str()) return v;
  char buf[64];
  if (std::fabs(d) < 1e15 && d == std::floor(d)) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d));
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.6f", d);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  const auto dot = s.find('.');
  if (dot != std::string::npos && s.size() - dot - 1 == 3) s.push_back('0');
  return s;
}

}  // namespace

class XlsxReader final : public TableReader {
 public:
  XlsxReader(const std::string& path, const std::optional<std::string>& sheet);
  const char* format() const override { return "xlsx"; }
  const char* encoding() const override { return "UTF-8"; }
  char delimiter() const override { return 0; }
  const std::string& sheet() const override { return m_sheet; }
  void read(const OnRecord& on_record) override;
  // Rows up to the last one read; the rows the sheet leaves out (and any
  // before the header) are blank.
  std::size_t lines() const override { return m_last_row; }
  std::size_t blank_lines() const override { return m_last_row - 1 - m_rows_read; }
  double progress() const override {
    return m_sheet_size ? static_cast<double>(m_consumed) / static_cast<double>(m_sheet_size) : 0.0;
  }

  // Parses one part with `handler`; false when the part is absent.
  bool parse_part(const std::string& name, Handler& handler, bool required);
  std::string cell_text(const std::string& type, int style, const std::string& value) const;

  std::string m_sheet;
  std::string m_sheet_part;
  std::uint64_t m_sheet_size = 0;
  std::uint64_t m_consumed = 0;
  std::uint64_t m_inflated = 0;
  bool m_date1904 = false;
  std::vector<bool> m_date_styles;
  TextArena m_arena;
  std::vector<std::string_view> m_shared;

 private:
  void open_archive();
  void choose_sheet(const std::optional<std::string>& wanted);
  void read_header();
  void check_merged_header(const std::vector<std::pair<std::size_t, std::size_t>>& merged_rows) const;
  std::ifstream m_in;
  std::unique_ptr<Poco::Zip::ZipArchive> m_archive;
  std::size_t m_last_row = 1;
  std::size_t m_rows_read = 0;
};

namespace {

// The sheet's rows: cells gathered per <row>, handed over at </row>.
class SheetHandler : public Handler {
 public:
  SheetHandler(const XlsxReader& book, std::size_t skip_through, const TableReader::OnRecord& on_row)
      : m_book(book), m_skip_through(skip_through), m_on_row(on_row) {}
  std::size_t last_row = 0;
  std::vector<std::pair<std::size_t, std::size_t>> merged_rows;  // first, last row of each merge

 protected:
  void on_start(std::string_view local, const Attributes& a) override {
    if (local == "c") {
      m_type.clear();
      m_style = 0;
      m_value.clear();
      std::size_t col = m_next_col, row = 0;
      for (int i = 0; i < a.getLength(); ++i) {
        const auto n = local_of(a.getQName(i));
        if (n == "r") {
          if (!parse_ref(a.getValue(i), col, row)) throw InputError("cell reference '" + a.getValue(i) + "' is not valid");
        } else if (n == "t") {
          m_type = a.getValue(i);
        } else if (n == "s") {
          m_style = std::atoi(a.getValue(i).c_str());
        }
      }
      m_col = col;
      m_next_col = col + 1;
    } else if (local == "v" || (local == "t" && m_in_inline)) {
      m_text.clear();
      m_collect = true;
    } else if (local == "is") {
      m_in_inline = true;
      m_value.clear();
    } else if (local == "row") {
      std::size_t r = last_row + 1;
      if (const auto* v = attr(a, "r")) r = static_cast<std::size_t>(std::strtoull(v->c_str(), nullptr, 10));
      if (r == 0 || r > k_xlsx_last_row) throw InputError("row number '" + (attr(a, "r") ? *attr(a, "r") : std::string()) + "' is not valid");
      // Excel writes rows in ascending order; a row again or back again
      // would be read twice or out of place, and the rows read would no
      // longer add up to the sheet's.
      if (r <= last_row) {
        throw InputError(ErrorCode::workbook_damaged,
                         "row " + std::to_string(r) + " comes after row " + std::to_string(last_row) +
                             ": the sheet's rows are out of order (damaged file?); save it again from Excel",
                         {{"row", std::to_string(r)}});
      }
      last_row = r;
      m_next_col = 0;
      m_used = 0;
    } else if (local == "mergeCell") {
      std::size_t c1 = 0, r1 = 0, c2 = 0, r2 = 0;
      if (const auto* ref = attr(a, "ref")) {
        const auto colon = ref->find(':');
        if (colon != std::string::npos && parse_ref(ref->substr(0, colon), c1, r1) && parse_ref(ref->substr(colon + 1), c2, r2)) {
          merged_rows.emplace_back(r1, r2);
        }
      }
    }
  }

  void on_end(std::string_view local) override {
    if (local == "v") {
      m_collect = false;
      m_value.swap(m_text);
    } else if (local == "t" && m_in_inline) {
      m_collect = false;
      m_value += m_text;  // rich text runs add up
    } else if (local == "is") {
      m_in_inline = false;
    } else if (local == "c") {
      if (m_col >= 16384) return;
      if (m_cells.size() <= m_col) m_cells.resize(m_col + 1);
      while (m_used <= m_col) m_cells[m_used++].clear();
      m_cells[m_col] = m_book.cell_text(m_type, m_style, m_value);
    } else if (local == "row") {
      if (last_row == k_xlsx_last_row) {
        throw InputError(ErrorCode::sheet_cut_off,
                         "row " + std::to_string(last_row) + " is Excel's last row: the export was probably cut off there; export in parts or as CSV",
                         {{"row", std::to_string(last_row)}});
      }
      if (last_row <= m_skip_through) return;
      m_views.clear();
      for (std::size_t i = 0; i < m_used; ++i) m_views.emplace_back(m_cells[i]);
      if (!m_on_row(last_row, m_views)) stop();
    }
  }

 private:
  const XlsxReader& m_book;
  std::size_t m_skip_through;
  const TableReader::OnRecord& m_on_row;
  std::vector<std::string> m_cells;
  std::vector<std::string_view> m_views;
  std::size_t m_used = 0;
  std::size_t m_col = 0, m_next_col = 0;
  std::string m_type, m_value;
  int m_style = 0;
  bool m_in_inline = false;
};

}  // namespace

XlsxReader::XlsxReader(const std::string& path, const std::optional<std::string>& sheet) : TableReader(path) {
  open_archive();
  WorkbookHandler workbook;
  parse_part("xl/workbook.xml", workbook, true);
  m_date1904 = workbook.date1904;
  RelsHandler rels;
  parse_part("xl/_rels/workbook.xml.rels", rels, true);
  const SheetInfo* chosen = nullptr;
  for (const auto& s : workbook.sheets) {
    if (sheet ? s.name == *sheet : true) {
      chosen = &s;
      break;
    }
  }
  if (!chosen) {
    std::string names;
    for (const auto& s : workbook.sheets) names += (names.empty() ? "'" : ", '") + s.name + "'";
    const std::string message = path + ": " + (sheet ? "there is no sheet '" + *sheet + "'" : std::string("the workbook has no sheet")) +
                                " (sheets: " + names + ")";
    if (!sheet) throw InputError(message);
    throw InputError(ErrorCode::no_such_sheet, message, {{"file", file_name_of(path)}, {"sheet", *sheet}, {"sheets", names}});
  }
  m_sheet = chosen->name;
  if (chosen->hidden) {
    throw InputError(ErrorCode::sheet_hidden, where() + ": the sheet is hidden; unhide it in Excel, or name the sheet to read with --sheet",
                     {{"file", file_name_of(m_path)}, {"sheet", m_sheet}});
  }
  const auto target = rels.targets.find(chosen->rel_id);
  if (target == rels.targets.end()) throw InputError(where() + ": the workbook does not say where the sheet is (damaged file?)");
  m_sheet_part = !target->second.empty() && target->second.front() == '/' ? target->second.substr(1) : "xl/" + target->second;
  StylesHandler styles;
  parse_part("xl/styles.xml", styles, false);
  m_date_styles = styles.date_styles();
  SharedStringsHandler strings(m_arena, m_shared);
  parse_part("xl/sharedStrings.xml", strings, false);
  read_header();
}

void XlsxReader::open_archive() {
  m_in.open(m_path, std::ios::binary);
  if (!m_in) throw InputError(m_path + ": cannot open the file (" + std::strerror(errno) + "); check the path and permissions");
  char magic[4] = {};
  m_in.read(magic, 4);
  if (m_in.gcount() != 4 || std::memcmp(magic, "PK\x03\x04", 4) != 0) {
    throw InputError(ErrorCode::not_a_workbook, m_path + ": not an Excel workbook (.xlsx is a zip file); save it as .xlsx or export it as CSV",
                     {{"file", file_name_of(m_path)}});
  }
  m_in.seekg(0);
  try {
    m_archive = std::make_unique<Poco::Zip::ZipArchive>(m_in);
  } catch (const Poco::Exception& e) {
    throw InputError(ErrorCode::workbook_damaged, m_path + ": not a readable .xlsx (damaged zip: " + e.displayText() + "); save it again from Excel",
                     {{"file", file_name_of(m_path)}});
  }
  std::uint64_t total = 0;
  for (auto it = m_archive->fileInfoBegin(); it != m_archive->fileInfoEnd(); ++it) {
    const auto size = it->second.getUncompressedSize();
    const auto packed = it->second.getCompressedSize();
    total += size;
    if (it->second.isEncrypted()) throw InputError(m_path + ": the workbook is encrypted; save it without a password");
    if (size > (1u << 20) && (packed == 0 || size / packed > k_xlsx_max_ratio)) {
      throw InputError(ErrorCode::zip_bomb,
                       m_path + ": refused as a zip bomb: part '" + it->first + "' inflates " +
                           std::to_string(packed ? size / packed : size) + " times (at most " + std::to_string(k_xlsx_max_ratio) + ")",
                       {{"file", file_name_of(m_path)}});
    }
  }
  if (total > k_xlsx_max_uncompressed) {
    throw InputError(ErrorCode::zip_bomb,
                     m_path + ": refused as a zip bomb: it inflates to " + std::to_string(total >> 20) +
                         " MB (at most 1024 MB); export it in parts or as CSV",
                     {{"file", file_name_of(m_path)}});
  }
}

bool XlsxReader::parse_part(const std::string& name, Handler& handler, bool required) {
  const auto header = m_archive->findHeader(name);
  if (header == m_archive->headerEnd()) {
    if (required) {
      throw InputError(ErrorCode::workbook_damaged, m_path + ": not a readable .xlsx (no " + name + "); save it again from Excel",
                       {{"file", file_name_of(m_path)}});
    }
    return false;
  }
  const std::uint64_t declared = header->second.getUncompressedSize();
  const std::uint64_t limit = std::min<std::uint64_t>(k_xlsx_max_uncompressed - std::min(m_inflated, k_xlsx_max_uncompressed), declared + 65536);
  m_in.clear();
  bool parsed = false;
  std::string parse_error;
  try {
    Poco::Zip::ZipInputStream zip(m_in, header->second, true);
    LimitedBuf limited(zip, limit);
    std::istream in(&limited);
    handler.attach(&limited);
    Poco::XML::InputSource source(in);
    Poco::XML::SAXParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
    parser.setContentHandler(&handler);
    try {
      parser.parse(&source);
      parsed = true;
    } catch (const Poco::Exception& e) {
      parse_error = e.displayText();
    }
    m_inflated += limited.consumed();
    if (name == m_sheet_part) m_consumed = limited.consumed();
    handler.attach(nullptr);
    if (limited.over_limit()) {
      throw InputError(ErrorCode::zip_bomb,
                       m_path + ": refused as a zip bomb: part '" + name + "' inflates past what its header declares or past 1024 MB in all",
                       {{"file", file_name_of(m_path)}});
    }
  } catch (const InputError&) {
    throw;
  } catch (const Poco::Exception& e) {
    if (handler.error()) std::rethrow_exception(handler.error());
    throw InputError(ErrorCode::workbook_damaged, m_path + ": not a readable .xlsx (part " + name + ": " + e.displayText() + ")",
                     {{"file", file_name_of(m_path)}});
  }
  if (handler.error()) std::rethrow_exception(handler.error());
  if (!parsed && !handler.stopped()) {
    throw InputError(ErrorCode::workbook_damaged, m_path + ": not a readable .xlsx (part " + name + " is not valid XML: " + parse_error + ")",
                     {{"file", file_name_of(m_path)}});
  }
  return true;
}

std::string XlsxReader::cell_text(const std::string& type, int style, const std::string& value) const {
  if (type == "s") {
    const auto i = static_cast<std::size_t>(std::strtoull(value.c_str(), nullptr, 10));
    if (i >= m_shared.size()) throw InputError("a cell names shared string " + value + ", which the workbook does not have");
    return std::string(m_shared[i]);
  }
  if (type == "inlineStr" || type == "str" || type == "e") return value;
  if (type == "b") return value == "1" ? "1" : "0";
  if (type == "d") return value.substr(0, 10);
  if (value.empty()) return value;
  if (style >= 0 && static_cast<std::size_t>(style) < m_date_styles.size() && m_date_styles[static_cast<std::size_t>(style)]) {
    const auto date = date_from_excel_serial(std::strtod(value.c_str(), nullptr), m_date1904);
    if (date) return date->iso();
  }
  return number_text(value);
}

void XlsxReader::read_header() {
  std::size_t header_row = 0;
  bool gaps = false;
  // The first row with a value is the header. A header with empty cells
  // between names may be merged cells, which are listed after the rows:
  // only then is the rest of the sheet read to find out.
  const OnRecord take = [&](std::size_t row, const std::vector<std::string_view>& fields) {
    if (header_row) return true;
    std::size_t named = 0, last = 0;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (!trim(fields[i]).empty()) ++named, last = i + 1;
    }
    if (named == 0) return true;
    header_row = row;
    for (std::size_t i = 0; i < last; ++i) m_header.emplace_back(trim(fields[i]));
    gaps = named < last;
    return gaps;
  };
  SheetHandler handler(*this, 0, take);
  try {
    parse_part(m_sheet_part, handler, true);
  } catch (const InputError& e) {
    throw placed(e, where() + ": " + e.what(), m_path);
  }
  if (header_row == 0) throw InputError(where() + ": the sheet is empty; export it again with its header row");
  m_header_line = header_row;
  check_merged_header(handler.merged_rows);
}

void XlsxReader::check_merged_header(const std::vector<std::pair<std::size_t, std::size_t>>& merged_rows) const {
  for (const auto& [first, last] : merged_rows) {
    if (first <= m_header_line && m_header_line <= last) {
      throw InputError(ErrorCode::header_merged,
                       where() + ", row " + std::to_string(m_header_line) +
                           ": the header has merged cells; unmerge them so that each column has its own name",
                       {{"file", file_name_of(m_path)}, {"sheet", m_sheet}, {"row", std::to_string(m_header_line)}});
    }
  }
}

void XlsxReader::read(const OnRecord& on_record) {
  m_inflated = 0;
  m_last_row = m_header_line;
  m_rows_read = 0;
  const OnRecord counted = [&](std::size_t row, const std::vector<std::string_view>& fields) {
    m_last_row = row;
    ++m_rows_read;
    return on_record(row, fields);
  };
  SheetHandler handler(*this, m_header_line, counted);
  try {
    parse_part(m_sheet_part, handler, true);
  } catch (const InputError& e) {
    const std::string text = e.what();
    if (text.rfind(m_path, 0) == 0) throw;
    throw placed(e, where() + ", row " + std::to_string(handler.last_row) + ": " + text, m_path);
  }
  check_merged_header(handler.merged_rows);
}

std::unique_ptr<TableReader> open_xlsx(const std::string& path, const std::optional<std::string>& sheet) {
  return std::make_unique<XlsxReader>(path, sheet);
}

}  // namespace cartero
