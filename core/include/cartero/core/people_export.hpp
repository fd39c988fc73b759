// Lists people open in Excel: the register, the work lists, the batch
// report. Three forms of one table: XLSX (libxlsxwriter: numbers as numbers,
// dates as dates in Bogotá time, a bold frozen header with autofilter and
// widths to fit), CSV in Excel's Spanish dialect (UTF-8 with BOM, ';',
// CRLF, dd/mm/yyyy), and the machine CSV (RFC 4180, ',', ISO dates, the
// English codes), which the `csv_dialect` setting keeps for scripts. Files
// whose format DESIGN fixes (selected.csv, excluded.csv, manifest.csv) do
// not go through here.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cartero {

enum class ExportFormat { xlsx, csv_excel, csv_machine };

// By the file's extension: ".xlsx" -> xlsx; anything else is CSV, in the
// Excel dialect unless `machine_csv`.
ExportFormat export_format_for(const std::string& path, bool machine_csv);

enum class CellKind {
  text,       // written as text, never as a formula
  number,     // whole number ("1234567")
  date,       // ISO "2026-12-01"
  timestamp,  // ISO UTC "2026-12-01T21:47:05Z", shown in Bogotá time
};

struct ExportColumn {
  std::string code;    // machine CSV header ("return_id")
  std::string label;   // people's header ("Devolución")
  CellKind kind = CellKind::text;
};

// Writes one table; rows go to "PATH.tmp", renamed by close(); a writer
// destroyed without close() removes it. Cells are given as text in the
// machine form (numbers as digits, dates ISO, codes); `labels` (optional,
// one per column, empty for none) give the people's form of a code cell.
class ExportWriter {
 public:
  virtual ~ExportWriter() = default;
  virtual void row(const std::vector<std::string>& cells, const std::vector<std::string>& labels = {}) = 0;
  // Throws InternalError on a write error.
  virtual void close() = 0;
};

// Throws InputError when the file cannot be created.
std::unique_ptr<ExportWriter> open_export(const std::string& path, ExportFormat format, const std::string& sheet,
                                          std::vector<ExportColumn> columns);

// "2026-12-01T21:47:05Z" -> "01/12/2026 16:47" (Bogotá, UTC-5, no DST);
// the text unchanged when it is not such a timestamp.
std::string bogota_time(std::string_view iso_utc);
// "2026-12-01" -> "01/12/2026"; unchanged otherwise.
std::string spanish_date(std::string_view iso);

}  // namespace cartero
