// A file of rows as the office exports it: CSV (core/csv.hpp) or an Excel
// workbook's sheet (.xlsx), read the same way by every importer. The header
// is the first row that is not empty; records follow, row by row, without
// holding the file's rows in memory (an .xlsx is streamed from its zip).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cartero {

class TableReader {
 public:
  virtual ~TableReader() = default;

  const std::string& path() const { return m_path; }
  // "csv" or "xlsx".
  virtual const char* format() const = 0;
  // CSV: "UTF-8" / "Windows-1252" and its delimiter; XLSX: "UTF-8", 0.
  virtual const char* encoding() const = 0;
  virtual char delimiter() const = 0;
  // The sheet read (XLSX), "" for CSV.
  virtual const std::string& sheet() const = 0;
  // "cuentas.xlsx, sheet 'Hoja1'" or the CSV's path: for messages.
  std::string where() const;
  // Header names as written (trimmed).
  const std::vector<std::string>& header() const { return m_header; }
  // Line (CSV) or row (XLSX) of the header, from 1.
  std::size_t header_line() const { return m_header_line; }

  // The fields of one record (views valid only during the call) and its
  // line (CSV: where the record starts) or sheet row number.
  using OnRecord = std::function<bool(std::size_t line, const std::vector<std::string_view>& fields)>;
  // Calls `on_record` for every record after the header, in order, until it
  // returns false. Call once. Throws InputError (naming file, sheet, row and
  // column where it can) for a file that turns out unreadable on the way;
  // an exception from `on_record` stops the reading and is rethrown.
  virtual void read(const OnRecord& on_record) = 0;
  // Fraction of the file read so far, for progress display.
  virtual double progress() const = 0;
  // During `on_record`: why the record cannot be read whole (CSV: a quote
  // that never closes; its fields are then incomplete), empty for a good
  // one. Reading goes on at the next line.
  virtual const std::string& error() const { return m_no_error; }
  // After `read`: the file's physical lines (CSV) or sheet rows up to the
  // last one read, and how many of them were blank and never handed to
  // `on_record` (rows of empty cells that are handed over are the caller's
  // to count).
  virtual std::size_t lines() const = 0;
  virtual std::size_t blank_lines() const = 0;

 protected:
  explicit TableReader(std::string path) : m_path(std::move(path)) {}
  std::string m_path;
  std::vector<std::string> m_header;
  std::size_t m_header_line = 1;
  std::string m_no_error;
};

// Opens a CSV or XLSX file (by its first bytes: a zip is a workbook) and
// reads its header. `sheet` names the workbook's sheet to read (default: the
// first); it is an error for a CSV. Throws InputError naming the file (and
// sheet) when it cannot be read as a table: missing, empty, binary, no
// header, not a workbook, a zip bomb, a sheet that is missing or hidden.
std::unique_ptr<TableReader> open_table(const std::string& path, const std::optional<std::string>& sheet = {});

// Excel's column letters for a 0-based index: 0 -> "A", 27 -> "AB".
std::string column_letters(std::size_t index);

}  // namespace cartero
