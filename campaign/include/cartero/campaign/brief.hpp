// The brief of a letter campaign (seed 001's F559) and the approval before
// printing: what an approver reads, and recording that they approved it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cartero/core/database.hpp"

namespace cartero::campaign {

struct BriefOptions {
  std::int64_t batch_id = 0;
  // The texts the batch will be printed with (default: the shipped ones; a
  // batch printed before: the ones it was printed with).
  std::optional<std::string> template_path, sender_path;
  std::string purpose = "Cobro persuasivo por correo certificado de la cartera vencida";
  std::optional<std::string> print_on, dispatch_on;  // planned dates, ISO
};

struct Brief {
  std::string json;    // the brief's content (deterministic for the same batch, rules, texts and data)
  std::string sha256;  // of json: what an approval records
};

// {"batch", "purpose", "cutoff", "status", "created_by", "rules": {…the
//  batch's settings}, "rules_differ_from_saved": ["key", …], "control_group":
//  {"percent", "accounts", "note"}, "funnel": {…}, "selected": {"accounts",
//  "pesos", "by_use_type": [{"value","accounts","pesos"}], "by_billing_type",
//  "by_zone"}, "template_sha256", "sender_sha256", "sender": {"company",
//  "signer"}, "letter_tariff", "estimated_cost", "print_on", "dispatch_on",
//  "approvals": [{"approved_by","approved_at","brief_sha256","valid"}]}
// InputError: unknown batch, bad template or sender file.
Brief batch_brief(Database& db, const BriefOptions& options);

// The brief as a PDF (Spanish; letters' writer and fonts), the file
// complete or not at all.
void write_brief_pdf(const Brief& brief, const std::string& path);

struct ApprovalResult {
  std::int64_t batch_id = 0;
  std::string approved_by, approved_at, brief_sha256;
};

// Records `approver`'s approval of the batch with the brief's SHA-256 and
// what it covers (rules, template, sender), in one transaction.
// `approver_role_ok`: the caller checked the approver has the approving
// role (admin or supervisor). InputError, nothing written: the approver is
// not of that role, is the batch's creator, or the batch is unknown,
// dispatched or discarded.
ApprovalResult approve_batch(Database& db, const BriefOptions& options, const std::string& approver, bool approver_role_ok);

}  // namespace cartero::campaign
