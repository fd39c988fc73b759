// The SQL of the import snapshot the audit log keeps (import.hpp).
#include "cartero/core/json.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/selection/import.hpp"

namespace cartero::selection {

std::string last_import_json(Database& db, ImportKind kind) {
  return import_log_json(db, kind == ImportKind::accounts ? "accounts" : kind == ImportKind::payments ? "payments" : "letters");
}

std::string import_log_json(Database& db, std::string_view kind) {
  const std::string name(kind);
  std::string out = "null";
  sql::for_each_row(db,
                    "SELECT file, imported_at, rows_read, rows_imported, rows_rejected FROM imports WHERE kind = ? "
                    "ORDER BY id DESC LIMIT 1",
                    {name}, [&](const sql::Row& r) {
                      JsonWriter j;
                      j.begin_object().key("file").value(r.text(0)).key("imported_at").value(r.text(1));
                      j.key("read").value(r.int64(2)).key("imported").value(r.int64(3)).key("rejected").value(r.int64(4));
                      j.end_object();
                      out = j.str();
                    });
  return out;
}

}  // namespace cartero::selection
