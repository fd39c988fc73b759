#include "cartero/core/csv.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cartero/core/error.hpp"
#include "cartero/core/error_texts.hpp"
#include "cartero/core/text.hpp"

namespace cartero {

namespace {

std::string read_file(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status)) {
    throw InputError(path + ": is a directory, not a CSV file; give the path of the exported file inside it");
  }
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    throw InputError(path + ": not a regular file (a device or a pipe); give the path of the exported CSV file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(path + ": cannot open the file (" + std::strerror(errno) +
                     "); check the path and permissions");
  }
  std::string data;
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0) throw InputError(path + ": cannot read the file (is it a folder?)");
  data.resize(static_cast<std::size_t>(size));
  in.seekg(0);
  in.read(data.data(), size);
  if (!in) throw InputError(path + ": cannot read the file");
  return data;
}

// The delimiter that occurs most often in the header line, outside quotes.
char detect_delimiter(std::string_view data) {
  std::size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (char c : data) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    commas += c == ',';
    semicolons += c == ';';
    tabs += c == '\t';
  }
  if (tabs >= commas && tabs >= semicolons && tabs > 0) return '\t';
  return semicolons > commas ? ';' : ',';
}

}  // namespace

CsvReader::CsvReader(const std::string& path) : m_path(path), m_data(read_file(path)) {
  if (m_data.size() >= 3 && m_data.compare(0, 3, "\xEF\xBB\xBF") == 0) m_data.erase(0, 3);
  if (trim(m_data).empty()) {
    throw InputError(ErrorCode::file_empty, path + ": the file is empty; export it again with its header row", {{"file", file_name_of(path)}});
  }
  if (m_data.find('\0') != std::string::npos) {
    throw InputError(ErrorCode::not_text_file, path + ": not a text file (it contains binary data); export the sheet as CSV",
                     {{"file", file_name_of(path)}});
  }
  if (!is_valid_utf8(m_data)) {
    m_data = cp1252_to_utf8(m_data);
    m_encoding = "Windows-1252";
  }
  m_delimiter = detect_delimiter(m_data);
  std::vector<std::string_view> fields;
  if (!next(fields)) throw InputError(ErrorCode::no_header, path + ": no header row", {{"file", file_name_of(path)}});
  if (!m_error.empty()) throw InputError(path + ": the header row has an " + m_error + "; fix the header and export again");
  for (auto f : fields) {
    m_header.emplace_back(trim(f));
    m_folded_header.push_back(fold_code(f));
  }
}

int CsvReader::column(std::string_view name) const {
  const std::string folded = fold_code(name);
  for (std::size_t i = 0; i < m_folded_header.size(); ++i) {
    if (m_folded_header[i] == folded) return static_cast<int>(i);
  }
  return -1;
}

double CsvReader::progress() const {
  return m_data.empty() ? 1.0 : static_cast<double>(m_pos) / static_cast<double>(m_data.size());
}

namespace {

// How a quoted field starting at `open` (a '"') ends: at its closing quote
// (the one not doubled), or never.
struct QuotedField {
  std::size_t close = std::string::npos;  // npos: no closing quote in the file
  bool spans_lines = false;
};

QuotedField find_closing_quote(std::string_view data, std::size_t open) {
  QuotedField q;
  for (std::size_t p = open + 1; p < data.size(); ++p) {
    if (data[p] == '\n') q.spans_lines = true;
    if (data[p] != '"') continue;
    if (p + 1 < data.size() && data[p + 1] == '"') {
      ++p;
      continue;
    }
    q.close = p;
    return q;
  }
  return q;
}

// Blanks (not the delimiter) and a CR before the end of the field.
std::size_t skip_blanks(std::string_view data, std::size_t p, char delimiter) {
  while (p < data.size() && data[p] != delimiter && (data[p] == ' ' || data[p] == '\t' || data[p] == '\r')) ++p;
  return p;
}

bool ends_field(std::string_view data, std::size_t p, char delimiter) {
  return p >= data.size() || data[p] == delimiter || data[p] == '\n';
}

}  // namespace

bool CsvReader::next(std::vector<std::string_view>& fields) {
  fields.clear();
  m_error.clear();
  // Skip blank lines.
  while (m_pos < m_data.size() && (m_data[m_pos] == '\n' || m_data[m_pos] == '\r')) {
    if (m_data[m_pos] == '\n') {
      ++m_line;
      ++m_blank_lines;
    }
    ++m_pos;
  }
  if (m_pos >= m_data.size()) return false;
  m_record_line = m_line;
  char* const buf = m_data.data();
  const std::size_t size = m_data.size();
  const std::string_view data(buf, size);
  while (true) {
    const std::size_t start = m_pos;
    bool quoted = false;
    if (buf[m_pos] == '"') {
      const auto q = find_closing_quote(data, m_pos);
      const std::size_t after = q.close == std::string::npos ? size : skip_blanks(data, q.close + 1, m_delimiter);
      if (q.close != std::string::npos && ends_field(data, after, m_delimiter)) {
        // A quoted field (RFC 4180): unescape "" in place, never longer.
        std::size_t out = start + 1;
        for (std::size_t p = start + 1; p < q.close; ++p) {
          if (buf[p] == '\n') ++m_line;
          buf[out++] = buf[p];
          if (buf[p] == '"') ++p;
        }
        fields.emplace_back(buf + start + 1, out - start - 1);
        m_pos = after;
        quoted = true;
      } else if (q.close == std::string::npos || q.spans_lines ||
                 data.substr(start, q.close - start).find(m_delimiter) != std::string_view::npos) {
        // A quote that finds no proper end (none at all, or only another
        // field's quote past delimiters or lines): the row is an error at
        // its line, and reading goes on at the next line instead of
        // swallowing the rest of the file.
        m_error = "unclosed quote: the field starting with '" + std::string(data.substr(start, 24)) +
                  "' has no closing quote; the row was skipped";
        const auto eol = data.find('\n', start);
        m_pos = eol == std::string::npos ? size : eol + 1;
        if (eol != std::string::npos) ++m_line;
        return true;
      }
      // Otherwise a quote followed by more text on its line ("Chiqui" Pérez):
      // not a quoted field, the text is kept whole as written.
    }
    if (!quoted) {
      while (m_pos < size && buf[m_pos] != m_delimiter && buf[m_pos] != '\n') ++m_pos;
      std::size_t end = m_pos;
      if (end > start && buf[end - 1] == '\r') --end;
      fields.emplace_back(buf + start, end - start);
    }
    if (m_pos >= size) return true;
    if (buf[m_pos] == '\n') {
      ++m_pos;
      ++m_line;
      return true;
    }
    ++m_pos;  // delimiter
    if (m_pos >= size) {
      fields.emplace_back();
      return true;
    }
  }
}

std::size_t CsvReader::lines() const {
  if (m_data.empty()) return 0;
  const auto breaks = static_cast<std::size_t>(std::count(m_data.begin(), m_data.end(), '\n'));
  return breaks + (m_data.back() == '\n' ? 0 : 1);
}

bool is_blank_record(const std::vector<std::string_view>& fields) {
  for (auto f : fields) {
    if (!trim(f).empty()) return false;
  }
  return true;
}

CsvWriter::CsvWriter(std::string path) : m_path(std::move(path)), m_tmp(m_path + ".tmp") {
  m_file = std::fopen(m_tmp.c_str(), "wb");
  if (!m_file) {
    throw InputError("cannot create " + m_path + " (" + std::strerror(errno) +
                     "); check that the folder exists and can be written");
  }
  m_buffer.reserve((1 << 20) + 4096);
}

CsvWriter::~CsvWriter() {
  if (m_file) {
    std::fclose(m_file);
    std::remove(m_tmp.c_str());
  }
}

void append_csv_field(std::string& out, std::string_view v, char separator) {
  // Files Cartero writes are opened by people in a spreadsheet: a holder
  // name like =HYPERLINK(…) must stay text there.
  std::string safe;
  if (starts_like_formula(v)) {
    safe = spreadsheet_text(v);
    v = safe;
  }
  const char special[] = {separator, '"', '\r', '\n', '\0'};
  if (v.find_first_of(special) == std::string_view::npos) {
    out.append(v);
    return;
  }
  out.push_back('"');
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void CsvWriter::field(std::string_view v) { append_csv_field(m_buffer, v); }

void CsvWriter::row(const std::vector<std::string_view>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) m_buffer.push_back(',');
    field(fields[i]);
  }
  m_buffer.append("\r\n");
  if (m_buffer.size() >= (1 << 20)) flush();
}

void CsvWriter::flush() {
  if (!m_buffer.empty() && std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file) != m_buffer.size()) {
    m_failed = true;
  }
  m_buffer.clear();
}

void CsvWriter::close() {
  flush();
  const bool failed = m_failed || std::ferror(m_file) != 0;
  const int rc = std::fclose(m_file);
  m_file = nullptr;
  if (failed || rc != 0 || std::rename(m_tmp.c_str(), m_path.c_str()) != 0) {
    std::remove(m_tmp.c_str());
    throw InternalError("cannot write " + m_path + " (" + std::strerror(errno) + "); is the disk full?");
  }
}

}  // namespace cartero
