// The selection settings parser: any text is settings or an InputError, and
// what it accepts is written back as JSON it reads again the same.
#include <cstdint>
#include <string>

#include "cartero/core/error.hpp"
#include "cartero/selection/settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto s = cartero::selection::settings_from_json(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
    const auto json = cartero::selection::settings_to_json(s);
    if (cartero::selection::settings_to_json(cartero::selection::settings_from_json(json, "again")) != json) __builtin_trap();
  } catch (const cartero::InputError&) {
  }
  return 0;
}
