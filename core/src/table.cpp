#include "cartero/core/table.hpp"

#include <cstring>
#include <fstream>

#include "cartero/core/csv.hpp"
#include "cartero/core/error.hpp"
#include "xlsx_reader.hpp"

namespace cartero {

namespace {

class CsvTable final : public TableReader {
 public:
  explicit CsvTable(const std::string& path) : TableReader(path), m_csv(path) {
    m_header = m_csv.header();
    m_header_line = m_csv.line();
  }
  const char* format() const override { return "csv"; }
  const char* encoding() const override { return m_csv.encoding(); }
  char delimiter() const override { return m_csv.delimiter(); }
  const std::string& sheet() const override { return m_no_sheet; }
  double progress() const override { return m_csv.progress(); }
  const std::string& error() const override { return m_csv.error(); }
  std::size_t lines() const override { return m_csv.lines(); }
  std::size_t blank_lines() const override { return m_csv.blank_lines(); }
  void read(const OnRecord& on_record) override {
    std::vector<std::string_view> fields;
    while (m_csv.next(fields)) {
      if (!on_record(m_csv.line(), fields)) return;
    }
  }

 private:
  CsvReader m_csv;
  std::string m_no_sheet;
};

bool starts_like_zip(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return in.gcount() == 4 && std::memcmp(magic, "PK\x03\x04", 4) == 0;
}

bool ends_with(const std::string& s, const char* tail) {
  const std::size_t n = std::strlen(tail);
  if (s.size() < n) return false;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::tolower(static_cast<unsigned char>(s[s.size() - n + i])) != tail[i]) return false;
  }
  return true;
}

}  // namespace

std::string TableReader::where() const {
  return sheet().empty() ? m_path : m_path + ", sheet '" + sheet() + "'";
}

std::unique_ptr<TableReader> open_table(const std::string& path, const std::optional<std::string>& sheet) {
  if (ends_with(path, ".xlsx") || ends_with(path, ".xlsm") || starts_like_zip(path)) return open_xlsx(path, sheet);
  if (ends_with(path, ".xls")) {
    throw InputError(path + ": an old Excel file (.xls) cannot be read; save it as .xlsx or export it as CSV");
  }
  if (sheet) throw InputError(path + ": --sheet is for .xlsx workbooks, and this is a CSV file");
  return std::make_unique<CsvTable>(path);
}

std::string column_letters(std::size_t index) {
  std::string out;
  ++index;
  while (index > 0) {
    out.insert(out.begin(), static_cast<char>('A' + (index - 1) % 26));
    index = (index - 1) / 26;
  }
  return out;
}

}  // namespace cartero
