// Private: the SQL of what a batch's printing must check and keep: its
// state (stale, discarded, overlapping what was mailed since its cutoff),
// the texts and files its letters were printed with, the pages' hashes, and
// the lock that keeps two printing runs of one batch apart.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"

namespace cartero::letters {

struct BatchState {
  std::int64_t id = 0;
  std::string status;  // draft, generated, dispatched, discarded
  Date cutoff;
  Date created_on;
  std::string template_sha256, sender_sha256;  // empty until first printed
  std::string discarded_at;
};

// InputError when the batch does not exist.
BatchState load_batch_state(Database& db, std::int64_t batch_id);

// Accounts of the batch that got a letter from another batch sent on or
// after `cutoff`, counted per batch.
struct Overlap {
  std::int64_t batch_id = 0;
  std::string dispatched_on;
  std::int64_t accounts = 0;
};
std::vector<Overlap> overlaps_since_cutoff(Database& db, std::int64_t batch_id, Date cutoff);

// The texts a batch's letters were printed with, by SHA-256.
struct KeptText {
  std::string sha256, content;
};
std::optional<std::string> stored_text(Database& db, const std::string& sha256);

struct PartRecord {
  std::string file;
  std::int64_t letters = 0;
  std::string sha256;
  std::string stored_path;   // the archived copy, by content hash
  std::string page_sha256s;  // 64 hex digits per page, in page order
};
// Records a printing run in one transaction: the parts, where each letter
// is, the texts used (kept by SHA-256), and the batch's state (draft ->
// generated).
void record_generation(Database& db, std::int64_t batch_id, int part_size, const std::vector<PartRecord>& parts,
                       const KeptText& letter_template, const KeptText& sender);

// Where a letter is kept: its part's archived file and its page's hash.
struct LetterEvidence {
  std::string letter_id;
  std::int64_t batch_id = 0;
  std::string file;
  int page = 0;
  std::string part_sha256;
  std::string stored_path;
  std::string page_sha256;
  std::string template_sha256, sender_sha256;
};
// InputError when there is no such letter or it was never printed.
LetterEvidence find_letter_evidence(Database& db, const std::string& letter_id);

// One printing run per batch at a time. Throws InputError naming the other
// run when one holds the batch (a run whose process is gone on this machine
// no longer counts).
class RunLock {
 public:
  RunLock(Database& db, std::int64_t batch_id);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  Database& m_db;
  std::int64_t m_batch_id;
};

// Marks a draft or printed batch as discarded (kept in the history).
// InputError for an unknown, dispatched or already discarded batch.
void mark_discarded(Database& db, std::int64_t batch_id, const std::string& user);

}  // namespace cartero::letters
