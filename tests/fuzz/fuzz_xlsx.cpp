// The .xlsx reader (Poco Zip + SAX) on any bytes: a header and rows, or an
// InputError, never a crash, a hang, another exception or memory past the
// zip-bomb limits. Rows come in sheet order after the header, inside
// Excel's grid, and the rows read plus the blank ones account for every row
// up to the last (what the import summary reports).
//
// An input that starts as a zip is the workbook itself. Any other input is
// the workbook's XML parts, separated by a \x01 byte (never in XML): the
// sheet, then sharedStrings.xml, styles.xml, workbook.xml and its .rels
// (none, none, standard ones when left out or empty), zipped here with correct CRCs, so that the
// mutations reach the XML handlers rather than a CRC check.
#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string_view>

#include "cartero/core/error.hpp"
#include "cartero/core/table.hpp"
#include "fuzz_file.hpp"

namespace {

constexpr std::string_view k_workbook =
    "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Hoja1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
constexpr std::string_view k_rels =
    "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

std::string zip_parts(const std::uint8_t* data, std::size_t size) {
  static const char* const names[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
                                      "xl/workbook.xml", "xl/_rels/workbook.xml.rels"};
  std::string_view parts[5];
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::size_t n = 0;
  for (; n < 5 && !rest.empty(); ++n) {
    const auto cut = n == 4 ? std::string_view::npos : rest.find('\x01');
    parts[n] = rest.substr(0, cut);
    rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
  }
  if (parts[3].empty()) parts[3] = k_workbook;
  if (parts[4].empty()) parts[4] = k_rels;
  static const std::string path = "/tmp/cartero-fuzz-" + std::to_string(::getpid()) + "-parts.xlsx";
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  Poco::Zip::Compress zip(out, true);
  for (std::size_t i = 0; i < 5; ++i) {
    if (i > 0 && i < 3 && parts[i].empty()) continue;  // no shared strings or styles
    std::istringstream in{std::string(parts[i])};
    zip.addFile(in, Poco::DateTime(2026, 2, 15), Poco::Path(names[i], Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_STORE);
  }
  zip.close();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const bool zipped = size >= 4 && std::memcmp(data, "PK\x03\x04", 4) == 0;
  const auto path = zipped ? cartero::fuzz::write_input(data, size, ".xlsx") : zip_parts(data, size);
  try {
    auto table = cartero::open_table(path);
    if (table->header().empty() || table->header_line() == 0) __builtin_trap();
    std::size_t last = table->header_line(), handed = 0;
    table->read([&](std::size_t row, const std::vector<std::string_view>& fields) {
      if (row <= last || row > 1048576 || fields.size() > 16384) __builtin_trap();
      last = row;
      ++handed;
      return true;
    });
    if (table->lines() != (handed ? last : table->header_line())) __builtin_trap();
    if (table->blank_lines() > table->lines() || 1 + handed + table->blank_lines() != table->lines()) __builtin_trap();
  } catch (const cartero::InputError&) {
  }
  return 0;
}
