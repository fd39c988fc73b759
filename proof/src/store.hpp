// Private: proof's SQL on the table it owns (letter_admissions).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <utility>
#include <cstdint>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"

namespace cartero::proof::store {

struct AdmissionRow {
  std::string letter_id, guia;
  Date admitted_on;
};

std::optional<AdmissionRow> admission_of_letter(Database& db, const std::string& letter_id);
// The letter a guía was given to, if any.
std::optional<std::string> letter_of_guia(Database& db, const std::string& guia);
void insert_admission(Database& db, const AdmissionRow& a, const std::string& recorded_at, const std::string& user);
// Every admission (views valid during the call).
void for_each_admission(Database& db, const std::function<void(std::string_view letter_id, std::string_view guia,
                                                                Date admitted_on)>& fn);

}  // namespace cartero::proof::store

namespace cartero::proof::store {

struct ProofRow {
  std::string letter_id, sha256, original_name, stored_path, matched_by;
  std::int64_t bytes = 0;
};
// False when the letter already has this file.
bool insert_proof(Database& db, const ProofRow& p, const std::string& imported_at, const std::string& user);
// The proofs of a letter, oldest first.
std::vector<ProofRow> proofs_of_letter(Database& db, const std::string& letter_id);

}  // namespace cartero::proof::store

namespace cartero::proof::store {

struct CertificateRow {
  std::string file_sha256, letter_id, facts_sha256, issued_at, issued_by;
};
void insert_certificate(Database& db, const CertificateRow& c);
std::optional<CertificateRow> certificate_by_file(Database& db, const std::string& file_sha256);
// Who recorded a letter's admission and when ("" when none).
std::pair<std::string, std::string> admission_recorded(Database& db, const std::string& letter_id);

}  // namespace cartero::proof::store
