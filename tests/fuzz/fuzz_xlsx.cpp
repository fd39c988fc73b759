// The .xlsx reader (Poco Zip + SAX) on any bytes: a header and rows, or an
// InputError, never a crash, a hang, another exception or memory past the
// zip-bomb limits. Rows come in sheet order after the header, inside
// Excel's grid, and the rows read plus the blank ones account for every row
// up to the last (what the import summary reports).
#include <cstdint>

#include "cartero/core/error.hpp"
#include "cartero/core/table.hpp"
#include "fuzz_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    auto table = cartero::open_table(cartero::fuzz::write_input(data, size, ".xlsx"));
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
