// Approval before printing (selection owns `batch_approvals` and
// `batches.created_by`): who selected a batch, and who approved it, having
// seen its brief, for which rules, template and sender.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cartero/core/database.hpp"

namespace cartero::selection {

// Who selected the batch ("" for batches stored before it was recorded).
// Inside the caller's transaction for the setter.
void set_batch_creator(Database& db, std::int64_t batch_id, const std::string& user);
std::string batch_creator(Database& db, std::int64_t batch_id);

struct Approval {
  std::int64_t batch_id = 0;
  std::string approved_by, approved_at;  // UTC ISO
  std::string brief_sha256;              // the brief the approver saw
  std::string covers_sha256;             // approval_covers() of what was approved
};

// What an approval covers: the batch's rules (its stored settings), the
// template and the sender block, as one SHA-256. Printing with anything
// else finds another value and the approval is void.
std::string approval_covers(Database& db, std::int64_t batch_id, const std::string& template_sha256,
                            const std::string& sender_sha256);

// Inside the caller's transaction.
void record_approval(Database& db, const Approval& a);
// The latest approval of the batch, if any.
std::optional<Approval> latest_approval(Database& db, std::int64_t batch_id);

}  // namespace cartero::selection
