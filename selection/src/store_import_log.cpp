// Store (selection's `imports` log): the latest import of a kind.
#include "cartero/core/sql.hpp"
#include "cartero/selection/import_log.hpp"

namespace cartero::selection {

std::optional<ImportLog> last_import(Database& db, ImportKind kind) {
  const char* name = kind == ImportKind::accounts ? "accounts" : kind == ImportKind::payments ? "payments" : "letters";
  std::optional<ImportLog> out;
  sql::for_each_row(db,
                    "SELECT id, kind, file, imported_at, rows_read, rows_imported, rows_rejected FROM imports "
                    "WHERE kind = ? ORDER BY id DESC LIMIT 1",
                    {name}, [&](const sql::Row& r) {
                      out = ImportLog{r.int64(0), std::string(r.text(1)), std::string(r.text(2)), std::string(r.text(3)),
                                      r.int64(4), r.int64(5), r.int64(6)};
                    });
  return out;
}

}  // namespace cartero::selection
