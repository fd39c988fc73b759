// The log of imports (selection owns `imports`): what the last import of a
// kind read, kept and rejected, for the quality report's "registros
// depurados".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cartero/core/account.hpp"

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

// A row of the accounts import in force that repeated the account id of an
// earlier row: rejected (repeated_account, counted in `rejected`), its
// values kept so the quality report can set them beside the row kept.
struct RepeatedAccount {
  std::int64_t line = 0;  // in the file (the header is line 1)
  Account values;
};
// The repeated rows of the accounts import in force (`import undo` puts
// back the previous import's), by account id, then line.
std::vector<RepeatedAccount> repeated_accounts(Database& db);

}  // namespace cartero::selection
