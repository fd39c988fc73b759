#include "cartero/core/sql.hpp"
#include "store.hpp"

namespace cartero::proof::store {

void insert_certificate(Database& db, const CertificateRow& c) {
  sql::exec(db,
            "INSERT INTO certificates (file_sha256, letter_id, facts_sha256, issued_at, issued_by) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (file_sha256) DO NOTHING",
            {c.file_sha256, c.letter_id, c.facts_sha256, c.issued_at, c.issued_by});
}

std::optional<CertificateRow> certificate_by_file(Database& db, const std::string& file_sha256) {
  std::optional<CertificateRow> out;
  sql::for_each_row(db,
                    "SELECT file_sha256, letter_id, facts_sha256, issued_at, issued_by FROM certificates "
                    "WHERE file_sha256 = ?",
                    {file_sha256}, [&](const sql::Row& r) {
                      out = CertificateRow{std::string(r.text(0)), std::string(r.text(1)), std::string(r.text(2)),
                                           std::string(r.text(3)), std::string(r.text(4))};
                    });
  return out;
}

std::pair<std::string, std::string> admission_recorded(Database& db, const std::string& letter_id) {
  std::pair<std::string, std::string> out;
  sql::for_each_row(db, "SELECT recorded_at, recorded_by FROM letter_admissions WHERE letter_id = ?", {letter_id},
                    [&](const sql::Row& r) { out = {std::string(r.text(0)), std::string(r.text(1))}; });
  return out;
}

}  // namespace cartero::proof::store
