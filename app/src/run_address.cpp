#include <cstdio>
#include <iostream>
#include <string>

#include "cartero/core/address.hpp"
#include "cartero/core/error.hpp"
#include "commands.hpp"

namespace cartero::app {

// `cartero address normalize`: one address a line on standard input, one
// JSON line each on standard output ({"input", "canonical", "verdict",
// "parts"}). Any line gets a verdict; none stops the command.
int run_address(const Context&, Args& args) {
  const auto pos = args.positionals();
  if (pos.size() != 1 || pos[0] != "normalize") throw InputError("usage: cartero address normalize < addresses.txt");
  std::string line, out;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out = address_json(line, parse_address(line));
    out.push_back('\n');
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return 0;
}

}  // namespace cartero::app
