// The letter template: any text parses or is an InputError; what parses
// renders with every placeholder given.
#include <cstdint>
#include <map>
#include <string>

#include "cartero/core/error.hpp"
#include "cartero/letters/letter_template.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto values = [] {
    std::map<std::string, std::string, std::less<>> v;
    int i = 0;
    for (const auto& name : cartero::letters::LetterTemplate::known_placeholders()) v[name] = (i++ % 3) ? "x{{y}}" : "";
    return v;
  }();
  try {
    const auto t = cartero::letters::LetterTemplate::parse(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
    t.render(values);
  } catch (const cartero::InputError&) {
  }
  return 0;
}
