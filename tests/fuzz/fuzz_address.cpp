// The address reader on any bytes (an export's address column is typed by
// people): never a crash or an exception, the verdict alone is the verdict
// of the whole reading, and the walking key and JSON are always written.
#include <cstdint>
#include <string_view>

#include "cartero/core/address.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = cartero::parse_address(text);
  if (parsed.verdict != cartero::address_verdict(text)) __builtin_trap();
  if (parsed.verdict == cartero::AddressVerdict::unreadable && !parsed.canonical.empty()) __builtin_trap();
  (void)cartero::walking_key(parsed);
  if (cartero::address_json(text, parsed).empty()) __builtin_trap();
  return 0;
}
