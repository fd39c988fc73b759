// The log of imports (selection owns `imports`): what the last import of a
// kind read, kept and rejected, for the quality report's "registros
// depurados".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cartero/core/database.hpp"
#include "cartero/selection/import.hpp"

namespace cartero::selection {

struct ImportLog {
  std::int64_t id = 0;
  std::string kind, file, imported_at;
  std::int64_t read = 0, imported = 0, rejected = 0;
};

// The latest import of `kind`; nullopt when there was none.
std::optional<ImportLog> last_import(Database& db, ImportKind kind);

}  // namespace cartero::selection
