// CSV files as the utility's systems and Excel write them, and as Cartero
// writes them (RFC 4180, UTF-8 without BOM, comma-delimited).
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cartero {

// Reads a whole CSV file: UTF-8 with or without BOM, or Windows-1252
// (converted to UTF-8); delimiter ',', ';' or tab, detected from the header
// line; quoted fields with "" escapes and line breaks; CRLF or LF; blank
// lines skipped. Not thread-safe; one reader per file.
class CsvReader {
 public:
  // Throws InputError naming the file when it is missing, unreadable, empty,
  // not text (NUL bytes) or has no header line.
  explicit CsvReader(const std::string& path);

  const std::string& path() const { return m_path; }
  char delimiter() const { return m_delimiter; }
  // "UTF-8" or "Windows-1252": how the file was read.
  const char* encoding() const { return m_encoding; }
  // Header names as written (trimmed).
  const std::vector<std::string>& header() const { return m_header; }
  // Index of a column by name, compared folded (case, accents, blanks);
  // -1 when absent.
  int column(std::string_view name) const;

  // Reads the next record into `fields` (views valid until the next call).
  // Returns false at the end of the file. RFC 4180: a field that starts with
  // a quote runs to its closing quote ("" inside is one quote, delimiters and
  // line breaks are text); a quote elsewhere, or one followed by more text
  // before the delimiter ("Chiqui" Pérez), is kept as written.
  bool next(std::vector<std::string_view>& fields);
  // Why the record just read is not one (a quote never closed): then
  // `fields` is incomplete, the record counts as one line, and reading goes
  // on at the next line. Empty for a good record.
  const std::string& error() const { return m_error; }
  // Line number (from 1) where the last record read starts.
  std::size_t line() const { return m_record_line; }
  // Physical lines of the file, and how many of them were blank (skipped).
  std::size_t lines() const;
  std::size_t blank_lines() const { return m_blank_lines; }
  // Fraction of the file consumed, for progress display.
  double progress() const;

 private:
  std::string m_path;
  std::string m_data;
  std::size_t m_pos = 0;
  std::size_t m_line = 1;
  std::size_t m_record_line = 0;
  std::size_t m_blank_lines = 0;
  std::string m_error;
  char m_delimiter = ',';
  const char* m_encoding = "UTF-8";
  std::vector<std::string> m_header;
  std::vector<std::string> m_folded_header;
};

// True when every field of a record is blank: the rows of empty cells
// spreadsheets leave at the end, which are not data.
bool is_blank_record(const std::vector<std::string_view>& fields);

// Appends one cell to a CSV line: made safe for spreadsheets
// (spreadsheet_text), quoted when it holds the separator, a quote or a line
// break, quotes doubled (RFC 4180). Shared by every CSV Cartero writes.
void append_csv_field(std::string& out, std::string_view value, char separator = ',');

// Writes an RFC 4180 CSV file atomically (every cell through
// spreadsheet_text, so that no value becomes a formula in Excel): rows go to "PATH.tmp", renamed to
// PATH by close(); a writer destroyed without close() removes the temporary
// file, so a failed command leaves no half-written output.
class CsvWriter {
 public:
  // Throws InputError when the file cannot be created.
  explicit CsvWriter(std::string path);
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  void row(const std::vector<std::string_view>& fields);
  // Flushes and renames into place. Throws InternalError on a write error
  // (full disk).
  void close();

 private:
  void field(std::string_view value);
  void flush();
  std::string m_path;
  std::string m_tmp;
  std::FILE* m_file = nullptr;
  std::string m_buffer;
  bool m_failed = false;
};

}  // namespace cartero
