// The three forms of a people's list; XLSX through libxlsxwriter (the
// adapter for it: its handles owned here, its errors turned into ours).
#include "cartero/core/people_export.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "cartero/core/bounded_queue.hpp"
#include "cartero/core/csv.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/text.hpp"

namespace cartero {

namespace {

bool ends_with_xlsx(const std::string& path) {
  if (path.size() < 5) return false;
  std::string tail = path.substr(path.size() - 5);
  std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return tail == ".xlsx";
}

struct Stamp {
  Date day;
  int hour = 0, minute = 0, second = 0;
};

// ISO UTC -> the moment in Bogotá (UTC-5 all year).
std::optional<Stamp> bogota(std::string_view s) {
  if (s.size() < 19 || s[10] != 'T') return std::nullopt;
  const auto day = Date::parse_iso(s.substr(0, 10));
  if (!day) return std::nullopt;
  const auto num = [&](std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); };
  int h = num(11) - 5;
  Date d = *day;
  if (h < 0) h += 24, d = d.minus_days(1);
  return Stamp{d, h, num(14), num(17)};
}

std::string two(int v) { return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10); }

std::string dmy(Date d) { return two(d.day()) + "/" + two(d.month()) + "/" + std::to_string(d.year()); }

const std::string& label_or_cell(const std::vector<std::string>& cells, const std::vector<std::string>& labels, std::size_t i) {
  return i < labels.size() && !labels[i].empty() ? labels[i] : cells[i];
}

// RFC 4180 CSV, in Excel's Spanish dialect or the machine one.
class CsvExport final : public ExportWriter {
 public:
  CsvExport(const std::string& path, bool excel, std::vector<ExportColumn> columns)
      : m_path(path), m_tmp(path + ".tmp"), m_excel(excel), m_columns(std::move(columns)) {
    m_file = std::fopen(m_tmp.c_str(), "wb");
    if (!m_file) throw InputError("cannot create " + path + " (" + std::strerror(errno) + "); check that the folder exists and can be written");
    if (m_excel) m_buffer = "\xEF\xBB\xBF";
    std::vector<std::string> header;
    for (const auto& c : m_columns) header.push_back(m_excel ? c.label : c.code);
    write_row(header);
  }
  ~CsvExport() override {
    if (m_file) {
      std::fclose(m_file);
      std::remove(m_tmp.c_str());
    }
  }
  void row(const std::vector<std::string>& cells, const std::vector<std::string>& labels) override {
    if (!m_excel) return write_row(cells);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < cells.size() && i < m_columns.size(); ++i) {
      switch (m_columns[i].kind) {
        case CellKind::number: out.push_back(cells[i]); break;
        case CellKind::date: out.push_back(spanish_date(cells[i])); break;
        case CellKind::timestamp: out.push_back(bogota_time(cells[i])); break;
        case CellKind::text: out.push_back(spreadsheet_text(label_or_cell(cells, labels, i))); break;
      }
    }
    write_row(out);
  }
  void close() override {
    flush();
    const bool failed = m_failed || std::ferror(m_file) != 0;
    const int rc = std::fclose(m_file);
    m_file = nullptr;
    if (failed || rc != 0 || std::rename(m_tmp.c_str(), m_path.c_str()) != 0) {
      std::remove(m_tmp.c_str());
      throw InternalError("cannot write " + m_path + " (" + std::strerror(errno) + "); is the disk full?");
    }
  }

 private:
  void write_row(const std::vector<std::string>& cells) {
    const char sep = m_excel ? ';' : ',';
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) m_buffer.push_back(sep);
      append_csv_field(m_buffer, cells[i], sep);  // no cell becomes a formula
    }
    m_buffer += "\r\n";
    if (m_buffer.size() >= (1 << 20)) flush();
  }
  void flush() {
    if (!m_buffer.empty() && std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file) != m_buffer.size()) m_failed = true;
    m_buffer.clear();
  }
  std::string m_path, m_tmp;
  bool m_excel;
  std::vector<ExportColumn> m_columns;
  std::FILE* m_file = nullptr;
  std::string m_buffer;
  bool m_failed = false;
};

struct WorkbookCloser {
  void operator()(lxw_workbook* wb) const { workbook_close(wb); }
};

// One cell as libxlsxwriter takes it, decided on the caller's thread.
struct XlsxCell {
  enum class Kind : char { skip, number, date, stamp, text } kind = Kind::skip;
  double number = 0;
  lxw_datetime when = {};
  std::string text;
};

// Rows of cells handed to the writing thread in batches.
struct XlsxBatch {
  std::vector<XlsxCell> cells;  // `width` per row
  lxw_row_t first_row = 0;
  std::size_t rows = 0;
};

class XlsxExport final : public ExportWriter {
 public:
  XlsxExport(const std::string& path, const std::string& sheet, std::vector<ExportColumn> columns)
      : m_path(path), m_tmp(path + ".tmp.xlsx"), m_columns(std::move(columns)) {
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;
    m_tmpdir = std::filesystem::path(path).parent_path().string();
    if (m_tmpdir.empty()) m_tmpdir = ".";
    options.tmpdir = m_tmpdir.data();
    m_book.reset(workbook_new_opt(m_tmp.c_str(), &options));
    if (!m_book) throw InputError("cannot create " + path + "; check that the folder exists and can be written");
    m_sheet = workbook_add_worksheet(m_book.get(), sheet.substr(0, 31).c_str());
    m_bold = workbook_add_format(m_book.get());
    format_set_bold(m_bold);
    m_date = workbook_add_format(m_book.get());
    format_set_num_format(m_date, "dd/mm/yyyy");
    m_stamp = workbook_add_format(m_book.get());
    format_set_num_format(m_stamp, "dd/mm/yyyy hh:mm");
    m_number = workbook_add_format(m_book.get());
    format_set_num_format(m_number, "#,##0");
    // Widths from the header and the kind; set before the rows (constant
    // memory writes each row as it goes).
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
      double width = static_cast<double>(m_columns[c].label.size()) + 2;
      if (m_columns[c].kind == CellKind::date) width = std::max(width, 12.0);
      if (m_columns[c].kind == CellKind::timestamp) width = std::max(width, 17.0);
      if (m_columns[c].kind == CellKind::text) width = std::max(width, 18.0);
      worksheet_set_column(m_sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), std::min(width, 50.0), nullptr);
      worksheet_write_string(m_sheet, 0, static_cast<lxw_col_t>(c), m_columns[c].label.c_str(), m_bold);
    }
    worksheet_freeze_panes(m_sheet, 1, 0);
    m_batch.first_row = 1;
    m_writer = std::thread([this] { write_batches(); });
  }
  ~XlsxExport() override {
    if (m_book) {
      stop_writer();
      m_book.reset();
      std::remove(m_tmp.c_str());
    }
  }
  void row(const std::vector<std::string>& cells, const std::vector<std::string>& labels) override {
    ++m_row;
    if (m_row >= 1048576) throw InputError(m_path + ": more than 1,048,575 rows do not fit in an Excel sheet; export as CSV");
    const std::size_t width = m_columns.size();
    if (m_batch.cells.size() < (m_batch.rows + 1) * width) m_batch.cells.resize((m_batch.rows + 1) * width);
    XlsxCell* out = m_batch.cells.data() + m_batch.rows * width;
    ++m_batch.rows;
    for (std::size_t i = 0; i < width; ++i) {
      XlsxCell& cell = out[i];
      cell.kind = XlsxCell::Kind::skip;
      if (i >= cells.size() || cells[i].empty()) continue;
      const auto& v = cells[i];
      switch (m_columns[i].kind) {
        case CellKind::number: {
          char* end = nullptr;
          const double d = std::strtod(v.c_str(), &end);
          if (end && *end == '\0') {
            cell.kind = XlsxCell::Kind::number;
            cell.number = d;
          } else {
            cell.kind = XlsxCell::Kind::text;
            cell.text.assign(v);
          }
          break;
        }
        case CellKind::date:
          if (const auto d = Date::parse_iso(v)) {
            cell.kind = XlsxCell::Kind::date;
            cell.when = {d->year(), static_cast<uint8_t>(d->month()), static_cast<uint8_t>(d->day()), 0, 0, 0};
          } else {
            cell.kind = XlsxCell::Kind::text;
            cell.text.assign(v);
          }
          break;
        case CellKind::timestamp:
          if (const auto s = bogota(v)) {
            cell.kind = XlsxCell::Kind::stamp;
            cell.when = {s->day.year(), static_cast<uint8_t>(s->day.month()), static_cast<uint8_t>(s->day.day()),
                         static_cast<uint8_t>(s->hour), static_cast<uint8_t>(s->minute), static_cast<double>(s->second)};
          } else {
            cell.kind = XlsxCell::Kind::text;
            cell.text.assign(v);
          }
          break;
        case CellKind::text:
          // A string cell is never evaluated; the apostrophe keeps it
          // text also when it is copied out of the sheet.
          cell.kind = XlsxCell::Kind::text;
          cell.text = spreadsheet_text(label_or_cell(cells, labels, i));
          break;
      }
    }
    if (m_batch.rows == k_batch_rows) hand_over();
  }
  void close() override {
    hand_over();
    m_queue.close();
    m_writer.join();
    if (!m_columns.empty()) {
      worksheet_autofilter(m_sheet, 0, 0, m_row, static_cast<lxw_col_t>(m_columns.size() - 1));
    }
    const lxw_error rc = workbook_close(m_book.release());
    if (rc != LXW_NO_ERROR || std::rename(m_tmp.c_str(), m_path.c_str()) != 0) {
      std::remove(m_tmp.c_str());
      throw InternalError("cannot write " + m_path + " (" + lxw_strerror(rc) + "); is the disk full?");
    }
  }

 private:
  static constexpr std::size_t k_batch_rows = 256;

  void hand_over() {
    if (m_batch.rows == 0) return;
    const lxw_row_t next = m_batch.first_row + static_cast<lxw_row_t>(m_batch.rows);
    XlsxBatch spare;
    if (auto used = m_spares.pop_if_any()) spare = std::move(*used);
    m_queue.push(std::exchange(m_batch, std::move(spare)));
    m_batch.rows = 0;
    m_batch.first_row = next;
  }
  void stop_writer() {
    if (!m_writer.joinable()) return;
    m_queue.abandon();
    m_writer.join();
  }
  // The writing thread: libxlsxwriter's formatting of every cell (a third
  // of the export) runs beside the caller's reading of the rows.
  void write_batches() {
    while (auto batch = m_queue.pop()) {
      const std::size_t width = m_columns.size();
      for (std::size_t r = 0; r < batch->rows; ++r) {
        const auto row = batch->first_row + static_cast<lxw_row_t>(r);
        for (std::size_t i = 0; i < width; ++i) {
          const XlsxCell& cell = batch->cells[r * width + i];
          const auto col = static_cast<lxw_col_t>(i);
          switch (cell.kind) {
            case XlsxCell::Kind::skip: break;
            case XlsxCell::Kind::number: worksheet_write_number(m_sheet, row, col, cell.number, m_number); break;
            case XlsxCell::Kind::date: worksheet_write_datetime(m_sheet, row, col, const_cast<lxw_datetime*>(&cell.when), m_date); break;
            case XlsxCell::Kind::stamp: worksheet_write_datetime(m_sheet, row, col, const_cast<lxw_datetime*>(&cell.when), m_stamp); break;
            case XlsxCell::Kind::text: worksheet_write_string(m_sheet, row, col, cell.text.c_str(), nullptr); break;
          }
        }
      }
      m_spares.offer(std::move(*batch));  // its strings keep their capacity
    }
  }

  // Used batches going back to the caller, so that cells reuse their strings.
  class Spares {
   public:
    void offer(XlsxBatch&& b) {
      std::lock_guard lock(m_mutex);
      if (m_items.size() < 4) m_items.push_back(std::move(b));
    }
    std::optional<XlsxBatch> pop_if_any() {
      std::lock_guard lock(m_mutex);
      if (m_items.empty()) return std::nullopt;
      XlsxBatch b = std::move(m_items.back());
      m_items.pop_back();
      return b;
    }

   private:
    std::mutex m_mutex;
    std::vector<XlsxBatch> m_items;
  };

  std::string m_path, m_tmp, m_tmpdir;
  std::vector<ExportColumn> m_columns;
  std::unique_ptr<lxw_workbook, WorkbookCloser> m_book;
  lxw_worksheet* m_sheet = nullptr;
  lxw_format *m_bold = nullptr, *m_date = nullptr, *m_stamp = nullptr, *m_number = nullptr;
  lxw_row_t m_row = 0;
  XlsxBatch m_batch;
  BoundedQueue<XlsxBatch> m_queue{4};
  Spares m_spares;
  std::thread m_writer;
};

}  // namespace

ExportFormat export_format_for(const std::string& path, bool machine_csv) {
  if (ends_with_xlsx(path)) return ExportFormat::xlsx;
  return machine_csv ? ExportFormat::csv_machine : ExportFormat::csv_excel;
}

std::unique_ptr<ExportWriter> open_export(const std::string& path, ExportFormat format, const std::string& sheet,
                                          std::vector<ExportColumn> columns) {
  if (format == ExportFormat::xlsx) return std::make_unique<XlsxExport>(path, sheet, std::move(columns));
  return std::make_unique<CsvExport>(path, format == ExportFormat::csv_excel, std::move(columns));
}

std::string bogota_time(std::string_view iso_utc) {
  const auto s = bogota(iso_utc);
  if (!s) return std::string(iso_utc);
  return dmy(s->day) + " " + two(s->hour) + ":" + two(s->minute);
}

std::string spanish_date(std::string_view iso) {
  const auto d = iso.size() == 10 ? Date::parse_iso(iso) : std::nullopt;
  return d ? dmy(*d) : std::string(iso);
}

}  // namespace cartero
