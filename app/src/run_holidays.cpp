#include <cstdio>
#include <string>

#include "cartero/core/error.hpp"
#include "cartero/core/holidays.hpp"
#include "cartero/core/json.hpp"
#include "commands.hpp"

namespace cartero::app {

// `cartero holidays YEAR`: Colombia's public holidays of the year, one JSON
// line each ({"date", "name"}), the days no debtor may be contacted besides
// Sundays (Ley 2300 de 2023).
int run_holidays(const Context&, Args& args) {
  const auto pos = args.positionals();
  if (pos.size() != 1) throw InputError("usage: cartero holidays YEAR");
  int year = 0;
  try {
    std::size_t used = 0;
    year = std::stoi(pos[0], &used);
    if (used != pos[0].size()) throw std::invalid_argument(pos[0]);
  } catch (const std::logic_error&) {
    throw InputError("holidays: '" + pos[0] + "' is not a year (write it as 2027)");
  }
  for (const auto& h : colombian_holidays(year)) {
    std::printf("{\"date\":\"%s\",\"name\":%s}\n", h.date.iso().c_str(), json_quote(h.name).c_str());
  }
  return 0;
}

}  // namespace cartero::app
