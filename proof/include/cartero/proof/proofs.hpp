// The courier's proofs of delivery ("prueba de entrega"): image files (PDF,
// TIFF — often multi-page —, JPEG, PNG) matched to the letter they prove by
// the guía or the letter's number/barcode in the file name, or else by a
// code read from the first page; kept by content hash beside the database.
#pragma once

#include <string>
#include <vector>

#include "cartero/core/database.hpp"

namespace cartero::proof {

struct ProofFileResult {
  std::string file;
  std::string status;      // "kept", "already", "rejected"
  std::string letter_id;   // when matched
  std::string matched_by;  // "name: guía RA123456789CO", "name: letter 2026-000003", "code on page 1: …"
  std::string sha256;
  std::string reason;      // why it was rejected
};

struct ProofImport {
  std::size_t files = 0, kept = 0, already = 0;
  std::vector<ProofFileResult> results;
};

// Imports the files and the files of the folders given (not recursing into
// sub-folders), in one transaction. A file that matches no letter, two
// letters, or a letter never dispatched is rejected with its reason and the
// others are kept. Throws InputError (nothing written) when a path does not
// exist or no file was given.
ProofImport import_proofs(Database& db, const std::vector<std::string>& paths, const std::string& user);

std::string to_json(const ProofImport& summary);

struct KeptProof {
  std::string sha256, original_name, stored_path;
};
std::vector<KeptProof> proofs_of(Database& db, const std::string& letter_id);

}  // namespace cartero::proof
