// "Constancia de envío y notificación": one letter's proof a lawyer can
// file — who it went to, at which address, what it claimed, when it was
// dispatched and admitted (guía), what became of it (delivery with its proof,
// or return with its cause and scan), from when the debt may be reported,
// and who did what. Its facts are hashed (SHA-256, printed on it) and the
// issued file's own SHA-256 is recorded, so `verify` can tell a certificate
// Cartero issued, unaltered, from any other file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/proof/notice_clock.hpp"

namespace cartero::proof {

struct CertificateResult {
  std::string letter_id;
  std::string out;
  std::string facts_sha256;  // printed on the certificate
  std::string file_sha256;   // of the PDF written (recorded)
  bool page_verified = false;  // the letter's archived page matched its hash
  std::vector<std::string> warnings;  // shown in red on the certificate too
};

// Writes the certificate of `letter_id` to `out_pdf` (written under a
// temporary name and renamed when complete) and records it. InputError for
// an unknown letter, one never dispatched, or an out file that exists.
CertificateResult write_certificate(Database& db, const std::string& letter_id, const std::string& out_pdf,
                                    const std::string& user, const BureauSettings& settings);

// The letter to certify for an account: its latest dispatched letter.
// InputError when the account has none.
std::string latest_dispatched_letter(Database& db, const std::string& account_id);

struct Verification {
  bool issued = false;          // the file is a certificate Cartero issued, byte for byte
  std::string letter_id;
  std::string issued_at, issued_by;
  bool facts_unchanged = false;  // what the database says now hashes the same
  std::string message;           // one sentence for the user
};
Verification verify_certificate(Database& db, const std::string& pdf_path, const BureauSettings& settings);

std::string to_json(const CertificateResult& r);
std::string to_json(const Verification& v);

}  // namespace cartero::proof
