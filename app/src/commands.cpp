#include "commands.hpp"

#include <vector>

namespace cartero::app {

const std::vector<Command>& all_commands() {
  static const std::vector<Command> k_commands = {
      {"import", run_import,
       "import accounts|payments|letters FILE.csv   import an export; prints a JSON summary"},
      {"select", run_select,
       "select [--cutoff YYYY-MM-DD] [--max N] [--config FILE] [--out selected.csv] "
       "[--explain excluded.csv]   create a draft batch"},
  };
  return k_commands;
}

}  // namespace cartero::app
