// The CSV reader on any bytes: never a crash, every record's fields inside
// the file, an error only as an InputError; every field made safe for a
// spreadsheet stays safe.
#include <cstdint>

#include "cartero/core/csv.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/text.hpp"
#include "fuzz_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    cartero::CsvReader csv(cartero::fuzz::write_input(data, size, ".csv"));
    csv.column("account_id");
    std::vector<std::string_view> fields;
    std::size_t last_line = 0;
    while (csv.next(fields)) {
      if (csv.line() < last_line || csv.line() > csv.lines()) __builtin_trap();
      last_line = csv.line();
      for (auto f : fields) {
        if (cartero::starts_like_formula(cartero::spreadsheet_text(f))) __builtin_trap();
      }
    }
  } catch (const cartero::InputError&) {
  }
  return 0;
}
