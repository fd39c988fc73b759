#include "cartero/core/csv.hpp"

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

bool CsvReader::next(std::vector<std::string_view>& fields) {
  fields.clear();
  // Skip blank lines.
  while (m_pos < m_data.size() && (m_data[m_pos] == '\n' || m_data[m_pos] == '\r')) {
    if (m_data[m_pos] == '\n') ++m_line;
    ++m_pos;
  }
  if (m_pos >= m_data.size()) return false;
  m_record_line = m_line;
  char* const buf = m_data.data();
  const std::size_t size = m_data.size();
  while (true) {
    std::size_t start = m_pos;
    if (m_pos < size && buf[m_pos] == '"') {
      // Quoted field: unescape "" in place; the result is never longer.
      std::size_t out = ++m_pos;
      start = out;
      while (m_pos < size) {
        const char c = buf[m_pos];
        if (c == '"') {
          if (m_pos + 1 < size && buf[m_pos + 1] == '"') {
            buf[out++] = '"';
            m_pos += 2;
            continue;
          }
          ++m_pos;
          break;
        }
        if (c == '\n') ++m_line;
        buf[out++] = c;
        ++m_pos;
      }
      fields.emplace_back(buf + start, out - start);
      // Anything between the closing quote and the delimiter is kept out.
      while (m_pos < size && buf[m_pos] != m_delimiter && buf[m_pos] != '\n') ++m_pos;
    } else {
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

void CsvWriter::field(std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    m_buffer.append(v);
    return;
  }
  m_buffer.push_back('"');
  for (char c : v) {
    if (c == '"') m_buffer.push_back('"');
    m_buffer.push_back(c);
  }
  m_buffer.push_back('"');
}

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
