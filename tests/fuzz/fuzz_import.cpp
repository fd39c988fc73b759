// The import of an export file (the first byte picks accounts, payments or
// letters) into an in-memory database: rows rejected as values, a file
// refused as an InputError, never a crash or an internal error.
#include <cstdint>

#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/selection/import.hpp"
#include "fuzz_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static auto db = cartero::Database::open(":memory:");
  if (size == 0) return 0;
  const auto kind = static_cast<cartero::selection::ImportKind>(data[0] % 3);
  try {
    const auto s = cartero::selection::import_file(*db, kind, cartero::fuzz::write_input(data + 1, size - 1, ".csv"));
    if (s.imported + static_cast<std::int64_t>(s.rejected.size()) != s.read) __builtin_trap();
  } catch (const cartero::InputError&) {
  }
  return 0;
}
