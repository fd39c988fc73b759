#include "cartero/core/sql.hpp"
#include "store.hpp"

namespace cartero::proof::store {

bool insert_proof(Database& db, const ProofRow& p, const std::string& imported_at, const std::string& user) {
  if (sql::scalar(db, "SELECT 1 FROM delivery_proofs WHERE letter_id = ? AND sha256 = ?", {p.letter_id, p.sha256})) {
    return false;
  }
  sql::exec(db,
            "INSERT INTO delivery_proofs (letter_id, sha256, original_name, stored_path, bytes, matched_by, "
            "imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {p.letter_id, p.sha256, p.original_name, p.stored_path, std::to_string(p.bytes), p.matched_by, imported_at,
             user});
  return true;
}

std::vector<ProofRow> proofs_of_letter(Database& db, const std::string& letter_id) {
  std::vector<ProofRow> out;
  sql::for_each_row(db,
                    "SELECT letter_id, sha256, original_name, stored_path, bytes, matched_by FROM delivery_proofs "
                    "WHERE letter_id = ? ORDER BY imported_at, sha256",
                    {letter_id}, [&](const sql::Row& r) {
                      out.push_back({std::string(r.text(0)), std::string(r.text(1)), std::string(r.text(2)),
                                     std::string(r.text(3)), std::string(r.text(5)), r.int64(4)});
                    });
  return out;
}

}  // namespace cartero::proof::store
