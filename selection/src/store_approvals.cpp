// Store of batch_approvals and batches.created_by (selection owns both).
#include "cartero/core/digest.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/selection/approval.hpp"

namespace cartero::selection {

void set_batch_creator(Database& db, std::int64_t batch_id, const std::string& user) {
  sql::exec(db, "UPDATE batches SET created_by = ? WHERE id = ?", {user, std::to_string(batch_id)});
}

std::string batch_creator(Database& db, std::int64_t batch_id) {
  return sql::scalar(db, "SELECT COALESCE(created_by, '') FROM batches WHERE id = ?", {std::to_string(batch_id)}).value_or("");
}

std::string approval_covers(Database& db, std::int64_t batch_id, const std::string& template_sha256,
                            const std::string& sender_sha256) {
  const auto rules = sql::scalar(db, "SELECT settings_json FROM batches WHERE id = ?", {std::to_string(batch_id)});
  if (!rules) throw InputError("there is no batch " + std::to_string(batch_id) + " (see `cartero report batches`)");
  return sha256_text("rules\n" + *rules + "\ntemplate " + template_sha256 + "\nsender " + sender_sha256 + "\n");
}

void record_approval(Database& db, const Approval& a) {
  sql::exec(db,
            "INSERT INTO batch_approvals (batch_id, approved_by, approved_at, brief_sha256, covers_sha256) "
            "VALUES (?, ?, ?, ?, ?)",
            {std::to_string(a.batch_id), a.approved_by, a.approved_at, a.brief_sha256, a.covers_sha256});
}

std::optional<Approval> latest_approval(Database& db, std::int64_t batch_id) {
  std::optional<Approval> out;
  sql::for_each_row(db,
                    "SELECT approved_by, approved_at, brief_sha256, covers_sha256 FROM batch_approvals "
                    "WHERE batch_id = ? ORDER BY approved_at DESC, brief_sha256 LIMIT 1",
                    {std::to_string(batch_id)}, [&](const sql::Row& r) {
                      out = Approval{batch_id, std::string(r.text(0)), std::string(r.text(1)), std::string(r.text(2)),
                                     std::string(r.text(3))};
                    });
  return out;
}

}  // namespace cartero::selection
