#include "store_evidence.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <map>
#include <unordered_set>

#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/selection/batch.hpp"

namespace cartero::letters {

namespace {

Date date_of(std::string_view iso_timestamp) {
  const auto d = Date::parse_iso(iso_timestamp.substr(0, 10));
  return d ? *d : Date{};
}

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "?";
  return buf;
}

}  // namespace

BatchState load_batch_state(Database& db, std::int64_t batch_id) {
  std::optional<BatchState> s;
  sql::for_each_row(db,
                    "SELECT status, cutoff, created_at, template_sha256, sender_sha256, discarded_at FROM batches "
                    "WHERE id = ?",
                    {std::to_string(batch_id)}, [&](const sql::Row& r) {
                      BatchState b;
                      b.id = batch_id;
                      b.status = std::string(r.text(0));
                      b.cutoff = date_of(r.text(1));
                      b.created_on = date_of(r.text(2));
                      if (!r.is_null(3)) b.template_sha256 = std::string(r.text(3));
                      if (!r.is_null(4)) b.sender_sha256 = std::string(r.text(4));
                      if (!r.is_null(5)) b.discarded_at = std::string(r.text(5));
                      s = b;
                    });
  if (!s) throw InputError(ErrorCode::no_such_batch, "there is no batch " + std::to_string(batch_id) + " (see the ids `cartero select` printed)",
                          {{"batch", std::to_string(batch_id)}});
  return *s;
}

std::vector<Overlap> overlaps_since_cutoff(Database& db, std::int64_t batch_id, Date cutoff) {
  const std::string id = std::to_string(batch_id);
  // The batch's accounts: its letters once numbered, else its selection.
  std::unordered_set<std::string> accounts;
  sql::for_each_row(db, "SELECT account_id FROM letters WHERE batch_id = ?", {id},
                    [&](const sql::Row& r) { accounts.emplace(r.text(0)); });
  if (accounts.empty()) {
    selection::for_each_selected(db, batch_id, [&](const selection::SelectedEntry& e) { accounts.emplace(e.account_id); });
  }
  std::map<std::int64_t, Overlap> by_batch;
  std::unordered_set<std::string> counted;
  sql::for_each_row(db,
                    "SELECT l.account_id, l.batch_id, b.dispatched_on FROM letters l JOIN batches b ON b.id = l.batch_id "
                    "WHERE l.sent_on >= ? AND l.batch_id <> ? ORDER BY l.batch_id",
                    {cutoff.iso(), id}, [&](const sql::Row& r) {
                      const std::string account(r.text(0));
                      if (!accounts.count(account)) return;
                      auto& o = by_batch[r.int64(1)];
                      o.batch_id = r.int64(1);
                      if (!r.is_null(2)) o.dispatched_on = std::string(r.text(2));
                      ++o.accounts;
                    });
  std::vector<Overlap> out;
  for (auto& [_, o] : by_batch) out.push_back(o);
  return out;
}

namespace {
void keep_text(Database& db, const std::string& sha256, const std::string& kind, const std::string& content) {
  sql::exec(db,
            "INSERT INTO letter_texts (sha256, kind, content, first_used) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (sha256) DO NOTHING",
            {sha256, kind, content, now_utc_iso()});
}
}  // namespace

std::optional<std::string> stored_text(Database& db, const std::string& sha256) {
  return sql::scalar(db, "SELECT content FROM letter_texts WHERE sha256 = ?", {sha256});
}

void record_generation(Database& db, std::int64_t batch_id, int part_size, const std::vector<PartRecord>& parts,
                       const KeptText& letter_template, const KeptText& sender) {
  const std::string id = std::to_string(batch_id), size = std::to_string(part_size);
  sql::Transaction tx(db);
  keep_text(db, letter_template.sha256, "template", letter_template.content);
  keep_text(db, sender.sha256, "sender", sender.content);
  sql::exec(db, "DELETE FROM letter_parts WHERE batch_id = ?", {id});
  const std::string at = now_utc_iso();
  for (const auto& p : parts) {
    sql::exec(db,
              "INSERT INTO letter_parts (batch_id, file, letters, sha256, generated_at, stored_path, page_sha256) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)",
              {id, p.file, std::to_string(p.letters), p.sha256, at, p.stored_path, p.page_sha256s});
  }
  sql::exec(db, "UPDATE letters SET part = (rank - 1) / ? + 1, page = (rank - 1) % ? + 1 WHERE batch_id = ?",
            {size, size, id});
  selection::mark_generated(db, batch_id, part_size);  // selection owns the batch's status
  sql::exec(db, "UPDATE batches SET template_sha256 = ?, sender_sha256 = ? WHERE id = ?",
            {letter_template.sha256, sender.sha256, id});
  tx.commit();
}

LetterEvidence find_letter_evidence(Database& db, const std::string& letter_id) {
  LetterEvidence x;
  x.letter_id = letter_id;
  bool numbered = false;
  int part = 0;
  sql::for_each_row(db,
                    "SELECT l.batch_id, l.part, l.page, b.template_sha256, b.sender_sha256 FROM letters l "
                    "JOIN batches b ON b.id = l.batch_id WHERE l.letter_id = ?",
                    {letter_id}, [&](const sql::Row& r) {
                      numbered = true;
                      x.batch_id = r.int64(0);
                      if (!r.is_null(1)) part = static_cast<int>(r.int64(1));
                      if (!r.is_null(2)) x.page = static_cast<int>(r.int64(2));
                      if (!r.is_null(3)) x.template_sha256 = std::string(r.text(3));
                      if (!r.is_null(4)) x.sender_sha256 = std::string(r.text(4));
                    });
  if (!numbered) {
    throw InputError(ErrorCode::no_such_letter, "there is no letter " + letter_id + " (letter ids look like 2026-000123)",
                     {{"letter", letter_id}});
  }
  char file[32];
  std::snprintf(file, sizeof file, "letters-%03d.pdf", part);
  x.file = file;
  bool archived = false;
  sql::for_each_row(db, "SELECT sha256, stored_path, page_sha256 FROM letter_parts WHERE batch_id = ? AND file = ?",
                    {std::to_string(x.batch_id), x.file}, [&](const sql::Row& r) {
                      if (r.is_null(1) || r.is_null(2)) return;
                      archived = true;
                      x.part_sha256 = std::string(r.text(0));
                      x.stored_path = std::string(r.text(1));
                      const std::string_view hashes = r.text(2);
                      const auto at = static_cast<std::size_t>(x.page - 1) * 64;
                      if (hashes.size() >= at + 64) x.page_sha256 = std::string(hashes.substr(at, 64));
                    });
  if (part == 0 || !archived || x.page_sha256.empty()) {
    throw InputError("letter " + letter_id +
                     " has no archived copy: its batch was not printed since Cartero keeps the files sent; print "
                     "it again with `cartero letters` to archive it");
  }
  return x;
}

RunLock::RunLock(Database& db, std::int64_t batch_id) : m_db(db), m_batch_id(batch_id) {
  const std::string id = std::to_string(batch_id), host = host_name(), pid = std::to_string(::getpid());
  sql::Transaction tx(db);
  // A run of this machine whose process is gone no longer holds the batch.
  bool gone = false;
  sql::for_each_row(db, "SELECT host, pid FROM letter_runs WHERE batch_id = ?", {id}, [&](const sql::Row& r) {
    gone = std::string(r.text(0)) == host && ::kill(static_cast<pid_t>(r.int64(1)), 0) != 0 && errno == ESRCH;
  });
  if (gone) sql::exec(db, "DELETE FROM letter_runs WHERE batch_id = ?", {id});
  // One statement: of two runs at once, the second inserts nothing.
  bool inserted = false;
  sql::for_each_row(db,
                    "INSERT INTO letter_runs (batch_id, started_at, host, pid) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (batch_id) DO NOTHING RETURNING batch_id",
                    {id, now_utc_iso(), host, pid}, [&](const sql::Row&) { inserted = true; });
  if (!inserted) {
    std::string holder = "another process";
    sql::for_each_row(db, "SELECT started_at, host, pid FROM letter_runs WHERE batch_id = ?", {id},
                      [&](const sql::Row& r) {
                        holder = "process " + std::to_string(r.int64(2)) + " on " + std::string(r.text(1)) +
                                 " since " + std::string(r.text(0));
                      });
    throw InputError(ErrorCode::batch_being_printed, "batch " + id + " is being printed by another `cartero letters` run (" + holder +
                     "); wait for it to finish, then print again if you need another copy", {{"batch", id}});
  }
  tx.commit();
}

RunLock::~RunLock() {
  try {
    sql::exec(m_db, "DELETE FROM letter_runs WHERE batch_id = ?", {std::to_string(m_batch_id)});
  } catch (...) {
    // A lock left behind is taken over once its process is gone.
  }
}

void mark_discarded(Database& db, std::int64_t batch_id, const std::string& user) {
  const std::string id = std::to_string(batch_id);
  sql::Transaction tx(db);
  bool changed = false;
  sql::for_each_row(db,
                    "UPDATE batches SET status = 'discarded', discarded_at = ?, discarded_by = ? "
                    "WHERE id = ? AND status IN ('draft', 'generated') RETURNING id",
                    {now_utc_iso(), user, id}, [&](const sql::Row&) { changed = true; });
  if (!changed) {
    const BatchState s = load_batch_state(db, batch_id);
    if (s.status == "discarded") {
      throw InputError(ErrorCode::batch_already_discarded, "batch " + id + " was already discarded on " + s.discarded_at,
                       {{"batch", id}, {"date", s.discarded_at.substr(0, 10)}});
    }
    throw InputError(ErrorCode::batch_mailed, "batch " + id + " was dispatched: its letters were mailed and it stays in the history as sent; "
                     "only a draft or a printed batch not yet dispatched can be discarded", {{"batch", id}});
  }
  tx.commit();
}

}  // namespace cartero::letters
