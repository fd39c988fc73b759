// Reading .xlsx (ECMA-376 SpreadsheetML) with Poco::Zip and Poco::XML's SAX
// parser: workbook.xml names the sheets, its .rels where they are,
// styles.xml which cell styles are dates, sharedStrings.xml the text of
// "s" cells. The sheet itself is parsed as it is inflated, so memory holds
// the shared strings and one row, never the sheet.
#include "xlsx_reader.hpp"

#include <Poco/Exception.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/InputSource.h>
#include <Poco/SAX/SAXException.h>
#include <Poco/XML/NamespaceStrategy.h>
#include <Poco/XML/ParserEngine.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <map>
#include <mutex>
#include <streambuf>
#include <thread>
#include <utility>

#include "cartero/core/bounded_queue.hpp"
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

using Poco::XML::XMLString;

// Names are read without namespace processing (it costs a third of the
// parse): "x:c" and "c" are both the element c, "r:id" the attribute id.
std::string_view local_of(const char* qname) {
  const char* start = qname;
  const char* p = qname;
  for (; *p; ++p) {
    if (*p == ':') start = p + 1;
  }
  return {start, static_cast<std::size_t>(p - start)};
}

// An element's attributes as expat hands them over: name, value, name,
// value, ..., null.
struct Attrs {
  const char* const* list;
  // The value of the attribute named `local`, null when absent.
  const char* get(std::string_view local) const {
    for (auto p = list; *p; p += 2) {
      if (local_of(p[0]) == local) return p[1];
    }
    return nullptr;
  }
};

constexpr std::size_t k_chunk = 1 << 16;

// A part's inflated bytes, read a few chunks ahead on a thread of its own
// (inflating is a fifth of the work on a sheet) for a part past `k_chunk`.
class ReadAhead {
 public:
  struct Chunk {
    std::unique_ptr<char[]> bytes;
    std::size_t size = 0;
  };
  explicit ReadAhead(std::istream& in) : m_in(in), m_queue(8), m_thread([this] { run(); }) {}
  ~ReadAhead() {
    m_queue.abandon();
    m_thread.join();
  }
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;
  // The next chunk; none at the end of the part. What the zip stream threw
  // is thrown here, on the parsing thread, as it would have been there.
  std::optional<Chunk> next() {
    auto chunk = m_queue.pop();
    if (!chunk && m_error) std::rethrow_exception(m_error);
    return chunk;
  }
  // A chunk's bytes parsed, to be filled again (memory freed on the thread
  // that did not allocate it costs the allocator locks and page faults).
  void recycle(std::unique_ptr<char[]> bytes) {
    std::lock_guard lock(m_spare_mutex);
    if (m_spares.size() < 4) m_spares.push_back(std::move(bytes));
  }

 private:
  std::unique_ptr<char[]> spare() {
    std::lock_guard lock(m_spare_mutex);
    if (m_spares.empty()) return std::make_unique_for_overwrite<char[]>(k_chunk);
    auto bytes = std::move(m_spares.back());
    m_spares.pop_back();
    return bytes;
  }
  void run() {
    try {
      for (;;) {
        Chunk c{spare(), 0};
        m_in.read(c.bytes.get(), static_cast<std::streamsize>(k_chunk));
        const auto n = m_in.gcount();
        if (n <= 0) break;
        c.size = static_cast<std::size_t>(n);
        if (!m_queue.push(std::move(c))) return;
      }
    } catch (...) {
      m_error = std::current_exception();
    }
    m_queue.close();
  }
  std::istream& m_in;
  std::mutex m_spare_mutex;
  std::vector<std::unique_ptr<char[]>> m_spares;
  std::exception_ptr m_error;  // set before the queue closes
  BoundedQueue<Chunk> m_queue;
  std::thread m_thread;
};

// Inflated bytes of one part, with a ceiling (a zip bomb's headers may lie)
// and a stop switch (the header pass reads only the first rows).
class LimitedBuf : public std::streambuf {
 public:
  LimitedBuf(std::istream& in, std::uint64_t limit, std::atomic<std::uint64_t>* progress, bool read_ahead)
      : m_in(in), m_limit(limit), m_progress(progress) {
    if (read_ahead) m_ahead = std::make_unique<ReadAhead>(in);
  }
  bool over_limit() const { return m_over; }
  std::uint64_t consumed() const { return m_total; }
  void stop() { m_stopped = true; }

 protected:
  int_type underflow() override {
    if (m_stopped || m_over) return traits_type::eof();
    char* bytes = m_buf;
    std::streamsize n = 0;
    if (m_ahead) {
      auto chunk = m_ahead->next();
      if (!chunk) return traits_type::eof();
      if (m_chunk) m_ahead->recycle(std::move(m_chunk));
      m_chunk = std::move(chunk->bytes);
      bytes = m_chunk.get();
      n = static_cast<std::streamsize>(chunk->size);
    } else {
      m_in.read(m_buf, sizeof m_buf);
      n = m_in.gcount();
    }
    if (n <= 0) return traits_type::eof();
    m_total += static_cast<std::uint64_t>(n);
    if (m_progress) m_progress->store(m_total, std::memory_order_relaxed);
    if (m_total > m_limit) {
      m_over = true;
      return traits_type::eof();
    }
    setg(bytes, bytes, bytes + n);
    return traits_type::to_int_type(bytes[0]);
  }

 private:
  std::istream& m_in;
  std::uint64_t m_limit;
  std::atomic<std::uint64_t>* m_progress;
  std::uint64_t m_total = 0;
  bool m_over = false;
  bool m_stopped = false;
  std::unique_ptr<ReadAhead> m_ahead;
  std::unique_ptr<char[]> m_chunk;  // the read-ahead chunk being parsed
  char m_buf[k_chunk];
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

  // Elements come through RawNames below, not startElement/endElement.
  void start(const char* qname, const char* const* atts) {
    if (m_stopped) return;
    try { on_start(local_of(qname), Attrs{atts}); } catch (...) { fail(std::current_exception()); }
  }
  void end(const char* qname) {
    if (m_stopped) return;
    try { on_end(local_of(qname)); } catch (...) { fail(std::current_exception()); }
  }
  void characters(const XMLString::value_type ch[], int start, int length) override {
    if (m_sink && !m_stopped) m_sink->append(ch + start, static_cast<std::size_t>(length));
  }

 protected:
  virtual void on_start(std::string_view local, Attrs a) = 0;
  virtual void on_end(std::string_view local) = 0;
  // Where the text of the element being read goes; null: nowhere.
  std::string* m_sink = nullptr;

 private:
  LimitedBuf* m_buf = nullptr;
  bool m_stopped = false;
  std::exception_ptr m_error;
};

// Element names and attributes handed to the handler as expat gives them.
// Poco's SAX layer (NoNamespacesStrategy) first copies every name and
// value into strings and an attribute list: an eighth of the work on a
// sheet. A NamespaceStrategy is Poco's ParserEngine's hook for this (it is
// what SAXParser sets up); the engine owns it.
class RawNames final : public Poco::XML::NamespaceStrategy {
 public:
  explicit RawNames(Handler& handler) : m_handler(handler) {}
  void startElement(const Poco::XML::XMLChar* name, const Poco::XML::XMLChar** atts, int, Poco::XML::ContentHandler*) override {
    m_handler.start(name, atts);
  }
  void endElement(const Poco::XML::XMLChar* name, Poco::XML::ContentHandler*) override { m_handler.end(name); }

 private:
  Handler& m_handler;
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
  void on_start(std::string_view local, Attrs a) override {
    if (local == "sheet") {
      SheetInfo s;
      if (const char* v = a.get("name")) s.name = v;
      if (const char* v = a.get("id")) s.rel_id = v;
      if (const char* v = a.get("state")) s.hidden = std::string_view(v) != "visible";
      sheets.push_back(std::move(s));
    } else if (local == "workbookPr") {
      if (const char* v = a.get("date1904")) date1904 = std::string_view(v) == "1" || std::string_view(v) == "true";
    }
  }
  void on_end(std::string_view) override {}
};

class RelsHandler : public Handler {
 public:
  std::map<std::string, std::string> targets;

 protected:
  void on_start(std::string_view local, Attrs a) override {
    if (local != "Relationship") return;
    const char* id = a.get("Id");
    const char* target = a.get("Target");
    if (id && target) targets[id] = target;
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
  void on_start(std::string_view local, Attrs a) override {
    if (local == "numFmt") {
      const char* id = a.get("numFmtId");
      const char* code = a.get("formatCode");
      if (id && code) m_custom[std::atoi(id)] = code;
    } else if (local == "cellXfs") {
      m_in_xfs = true;
    } else if (local == "xf" && m_in_xfs) {
      const char* id = a.get("numFmtId");
      m_xf_formats.push_back(id ? std::atoi(id) : 0);
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
  void on_start(std::string_view local, Attrs) override {
    if (local == "si") m_text.clear();
    else if (local == "rPh") ++m_phonetic;
    else if (local == "t") m_sink = m_phonetic == 0 ? &m_text : nullptr;
  }
  void on_end(std::string_view local) override {
    if (local == "t") m_sink = nullptr;
    else if (local == "rPh") --m_phonetic;
    else if (local == "si") m_out.push_back(m_arena.keep(m_text));
  }

 private:
  std::string m_text;
  TextArena& m_arena;
  std::vector<std::string_view>& m_out;
  int m_phonetic = 0;
};

// "AB12" -> column 27 (0-based) and row 12; false when it is not a reference.
bool parse_ref(std::string_view ref, std::size_t& column, std::size_t& row) {
  std::size_t i = 0, col = 0;
  for (; i < ref.size() && col <= 16384; ++i) {
    const char c = ref[i];
    if (c >= 'A' && c <= 'Z') col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    else if (c >= 'a' && c <= 'z') col = col * 26 + static_cast<std::size_t>(c - 'a' + 1);
    else break;
  }
  if (i == 0 || i == ref.size() || col > 16384) return false;
  std::size_t r = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
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
void number_text(std::string& v, std::string& out) {
  bool digits = !v.empty();
  for (char c : v) digits = digits && ((c >= '0' && c <= '9') || c == '-');
  char* end = nullptr;
  const double d = digits ? 0.0 : std::strtod(v.c_str(), &end);
  if (digits || end == v.c_str()) {
    out.swap(v);
    return;
  }
  char buf[64];
  if (std::fabs(d) < 1e15 && d == std::floor(d)) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d));
    out.assign(buf);
    return;
  }
  std::snprintf(buf, sizeof buf, "%.6f", d);
  out.assign(buf);
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  const auto dot = out.find('.');
  if (dot != std::string::npos && out.size() - dot - 1 == 3) out.push_back('0');
}

// A cell's t attribute.
enum class CellType : char { number, shared, inline_text, text, error, boolean, date };

CellType cell_type(std::string_view t) {
  if (t == "s") return CellType::shared;
  if (t == "inlineStr") return CellType::inline_text;
  if (t == "str") return CellType::text;
  if (t == "e") return CellType::error;
  if (t == "b") return CellType::boolean;
  if (t == "d") return CellType::date;
  return CellType::number;
}

// Rows parsed ahead, handed from the parsing thread to the reading one in
// batches: the cells' text back to back, where each cell ends, and each
// row's sheet number and cell count.
struct RowBatch {
  std::string text;
  std::vector<std::size_t> ends;
  std::vector<std::pair<std::size_t, std::size_t>> rows;
  bool full() const { return rows.size() >= 512 || text.size() >= (std::size_t{1} << 20); }
};
// Rows parsed ahead, and the batches read, going back to be filled again.
struct RowQueue {
  BoundedQueue<RowBatch> full{4};
  std::mutex spare_mutex;
  std::vector<RowBatch> spares;
  void recycle(RowBatch&& b) {
    b.text.clear();
    b.ends.clear();
    b.rows.clear();
    std::lock_guard lock(spare_mutex);
    if (spares.size() < 4) spares.push_back(std::move(b));
  }
  RowBatch spare() {
    std::lock_guard lock(spare_mutex);
    if (spares.empty()) return {};
    RowBatch b = std::move(spares.back());
    spares.pop_back();
    return b;
  }
};

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
    return m_sheet_size ? std::min(1.0, static_cast<double>(m_consumed.load()) / static_cast<double>(m_sheet_size)) : 0.0;
  }

  // Parses one part with `handler`; false when the part is absent.
  bool parse_part(const std::string& name, Handler& handler, bool required);
  // A cell's text as the importers read it, into `out`; `value` (the <v>
  // or inline text) may be taken.
  void cell_text(CellType type, int style, std::string& value, std::string& out) const;

  std::string m_sheet;
  std::string m_sheet_part;
  std::uint64_t m_sheet_size = 0;
  std::atomic<std::uint64_t> m_consumed{0};  // of the sheet, inflated: read by progress() on another thread
  std::uint64_t m_inflated = 0;
  bool m_date1904 = false;
  std::vector<bool> m_date_styles;
  TextArena m_arena;
  std::vector<std::string_view> m_shared;

 private:
  void open_archive();
  void choose_sheet(const std::optional<std::string>& wanted);
  void read_header();
  void parse_sheet_ahead(std::size_t skip_through, RowQueue& queue, std::exception_ptr& error,
                         std::vector<std::pair<std::size_t, std::size_t>>& merged_rows);
  void check_merged_header(const std::vector<std::pair<std::size_t, std::size_t>>& merged_rows) const;
  std::ifstream m_in;
  std::unique_ptr<Poco::Zip::ZipArchive> m_archive;
  std::size_t m_last_row = 1;
  std::size_t m_rows_read = 0;
};

namespace {

// The elements of a sheet that matter, told apart by length and first
// letter before any comparison: a million-row sheet has tens of millions.
enum class Tag : char { other, c, v, t, is, row, merge_cell };

Tag tag_of(std::string_view name) {
  switch (name.size()) {
    case 1: return name[0] == 'c' ? Tag::c : name[0] == 'v' ? Tag::v : name[0] == 't' ? Tag::t : Tag::other;
    case 2: return name[0] == 'i' && name[1] == 's' ? Tag::is : Tag::other;
    case 3: return name[0] == 'r' && name[1] == 'o' && name[2] == 'w' ? Tag::row : Tag::other;
    case 9: return name == "mergeCell" ? Tag::merge_cell : Tag::other;
    default: return Tag::other;
  }
}

// The sheet's rows: cells gathered per <row>, handed over at </row>.
class SheetHandler : public Handler {
 public:
  SheetHandler(const XlsxReader& book, std::size_t skip_through, const TableReader::OnRecord& on_row)
      : m_book(book), m_skip_through(skip_through), m_on_row(on_row) {}
  std::size_t last_row = 0;
  std::vector<std::pair<std::size_t, std::size_t>> merged_rows;  // first, last row of each merge

 protected:
  void on_start(std::string_view local, Attrs a) override {
    const Tag tag = tag_of(local);
    if (tag == Tag::c) {
      m_type = CellType::number;
      m_style = 0;
      m_value.clear();
      std::size_t col = m_next_col, row = 0;
      for (auto p = a.list; *p; p += 2) {
        const auto name = local_of(p[0]);
        if (name.size() != 1) continue;
        if (name[0] == 'r') {
          if (!parse_ref(p[1], col, row)) throw InputError("cell reference '" + std::string(p[1]) + "' is not valid");
        } else if (name[0] == 't') {
          m_type = cell_type(p[1]);
        } else if (name[0] == 's') {
          m_style = std::atoi(p[1]);
        }
      }
      m_col = col;
      m_next_col = col + 1;
    } else if (tag == Tag::v) {
      m_value.clear();
      m_sink = &m_value;
    } else if (tag == Tag::t) {
      if (m_in_inline) m_sink = &m_value;  // rich text runs add up
    } else if (tag == Tag::is) {
      m_in_inline = true;
      m_value.clear();
    } else if (tag == Tag::row) {
      std::size_t r = last_row + 1;
      const char* number = a.get("r");
      if (number) r = static_cast<std::size_t>(std::strtoull(number, nullptr, 10));
      if (r == 0 || r > k_xlsx_last_row) throw InputError("row number '" + std::string(number ? number : "") + "' is not valid");
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
    } else if (tag == Tag::merge_cell) {
      std::size_t c1 = 0, r1 = 0, c2 = 0, r2 = 0;
      if (const char* v = a.get("ref")) {
        const std::string_view ref = v;
        const auto colon = ref.find(':');
        if (colon != std::string_view::npos && parse_ref(ref.substr(0, colon), c1, r1) && parse_ref(ref.substr(colon + 1), c2, r2)) {
          merged_rows.emplace_back(r1, r2);
        }
      }
    }
  }

  void on_end(std::string_view local) override {
    const Tag tag = tag_of(local);
    if (tag == Tag::v || tag == Tag::t) {
      m_sink = nullptr;
    } else if (tag == Tag::c) {
      if (m_col >= 16384) return;
      if (m_cells.size() <= m_col) m_cells.resize(m_col + 1);
      while (m_used <= m_col) m_cells[m_used++].clear();
      m_book.cell_text(m_type, m_style, m_value, m_cells[m_col]);
    } else if (tag == Tag::is) {
      m_in_inline = false;
    } else if (tag == Tag::row) {
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
  std::string m_value;
  CellType m_type = CellType::number;
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
  if (const auto part = m_archive->findHeader(m_sheet_part); part != m_archive->headerEnd()) {
    m_sheet_size = part->second.getUncompressedSize();
  }
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
    LimitedBuf limited(zip, limit, name == m_sheet_part ? &m_consumed : nullptr, declared > k_chunk);
    std::istream in(&limited);
    handler.attach(&limited);
    Poco::XML::InputSource source(in);
    // SAXParser's engine, set up as it does without namespaces, but with
    // the names handed over raw.
    Poco::XML::ParserEngine parser;
    parser.setNamespaceStrategy(new RawNames(handler));
    parser.setExternalGeneralEntities(false);
    parser.setExternalParameterEntities(false);
    parser.setContentHandler(&handler);
    try {
      parser.parse(&source);
      parsed = true;
    } catch (const Poco::Exception& e) {
      parse_error = e.displayText();
    }
    m_inflated += limited.consumed();
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

void XlsxReader::cell_text(CellType type, int style, std::string& value, std::string& out) const {
  switch (type) {
    case CellType::shared: {
      const auto i = static_cast<std::size_t>(std::strtoull(value.c_str(), nullptr, 10));
      if (i >= m_shared.size()) throw InputError("a cell names shared string " + value + ", which the workbook does not have");
      out.assign(m_shared[i]);
      return;
    }
    case CellType::inline_text:
    case CellType::text:
    case CellType::error:
      out.swap(value);
      return;
    case CellType::boolean:
      out.assign(value == "1" ? "1" : "0");
      return;
    case CellType::date:
      out.assign(value, 0, 10);
      return;
    case CellType::number:
      break;
  }
  if (value.empty()) {
    out.clear();
    return;
  }
  if (style >= 0 && static_cast<std::size_t>(style) < m_date_styles.size() && m_date_styles[static_cast<std::size_t>(style)]) {
    const auto date = date_from_excel_serial(std::strtod(value.c_str(), nullptr), m_date1904);
    if (date) {
      out = date->iso();
      return;
    }
  }
  number_text(value, out);
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

void XlsxReader::parse_sheet_ahead(std::size_t skip_through, RowQueue& queue, std::exception_ptr& error,
                                   std::vector<std::pair<std::size_t, std::size_t>>& merged_rows) {
  RowBatch batch;
  bool open = true;
  const OnRecord collect = [&](std::size_t row, const std::vector<std::string_view>& fields) {
    for (const auto f : fields) {
      batch.text.append(f);
      batch.ends.push_back(batch.text.size());
    }
    batch.rows.emplace_back(row, fields.size());
    if (batch.full()) open = queue.full.push(std::exchange(batch, queue.spare()));
    return open;
  };
  SheetHandler handler(*this, skip_through, collect);
  try {
    parse_part(m_sheet_part, handler, true);
    merged_rows = std::move(handler.merged_rows);
  } catch (const InputError& e) {
    const std::string text = e.what();
    error = text.rfind(m_path, 0) == 0
                ? std::current_exception()
                : std::make_exception_ptr(placed(e, where() + ", row " + std::to_string(handler.last_row) + ": " + text, m_path));
  } catch (...) {
    error = std::current_exception();
  }
  // The rows before a failure are handed over first, as they were read.
  if (open && !batch.rows.empty()) queue.full.push(std::move(batch));
  queue.full.close();
}

void XlsxReader::read(const OnRecord& on_record) {
  m_inflated = 0;
  m_consumed = 0;
  m_last_row = m_header_line;
  m_rows_read = 0;
  // The sheet is inflated and parsed on a second thread a few batches of
  // rows ahead of `on_record` (memory holds at most the queue's batches):
  // the parsing, most of the work, runs beside the caller's work on the rows.
  RowQueue queue;
  std::exception_ptr parse_error;
  std::vector<std::pair<std::size_t, std::size_t>> merged_rows;
  std::thread parser([&] { parse_sheet_ahead(m_header_line, queue, parse_error, merged_rows); });
  const auto finish_parser = [&] {
    queue.full.abandon();
    parser.join();
  };
  bool stopped = false;
  std::size_t row = 0;
  try {
    std::vector<std::string_view> fields;
    while (!stopped) {
      auto batch = queue.full.pop();
      if (!batch) break;
      std::size_t cell = 0;
      for (const auto& [number, cells] : batch->rows) {
        fields.clear();
        for (std::size_t i = 0; i < cells; ++i, ++cell) {
          const std::size_t from = cell ? batch->ends[cell - 1] : 0;
          fields.emplace_back(batch->text.data() + from, batch->ends[cell] - from);
        }
        row = m_last_row = number;
        ++m_rows_read;
        if (!on_record(number, fields)) {
          stopped = true;
          break;
        }
      }
      queue.recycle(std::move(*batch));
    }
  } catch (const InputError& e) {
    finish_parser();
    const std::string text = e.what();
    if (text.rfind(m_path, 0) == 0) throw;
    throw placed(e, where() + ", row " + std::to_string(row) + ": " + text, m_path);
  } catch (...) {
    finish_parser();
    throw;
  }
  finish_parser();
  if (stopped) return;  // what lies past the rows read is not looked at
  if (parse_error) std::rethrow_exception(parse_error);
  check_merged_header(merged_rows);
}

std::unique_ptr<TableReader> open_xlsx(const std::string& path, const std::optional<std::string>& sheet) {
  return std::make_unique<XlsxReader>(path, sheet);
}

}  // namespace cartero
