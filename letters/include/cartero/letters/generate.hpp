// Producing a batch's letters (PDF parts, manifest, layout) and marking them
// dispatched.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/money.hpp"

namespace cartero::letters {

struct GenerateOptions {
  std::int64_t batch_id = 0;
  std::string out_dir;
  int part_size = 5000;
  std::optional<std::string> template_path;  // default: the shipped template
  std::optional<std::string> sender_path;    // default: the shipped sender
  std::string font_dir;                      // default: Debian's DejaVu fonts
  std::string icc_profile;                   // default: Debian's sRGB profile (icc-profiles-free)
  Date issued_on = Date::today();            // used when letters are first numbered
  unsigned threads = 0;                      // 0: one per core
  // Refuse to print a batch whose settings require approval (the default)
  // without a valid one: `cartero letters` and the web's print set it.
  bool check_approval = false;
  // The Ley 1266 notice the letter states: the debt may be reported this many
  // calendar days after the letter's date ({{report_from}}, {{due_date}} the
  // day before). Callers pass the bureau settings' `bureau_notice_days`
  // (proof::current_bureau_settings).
  int notice_days = 20;
  // The courier's guía of each letter (letter id -> guía) when the courier
  // assigned them (proof::guias_of_batch): manifest.csv then appends a `guia`
  // column (empty for a letter without one).
  std::map<std::string, std::string, std::less<>> guias;
};

// Writes a printed batch's manifest.csv again to `path` (its parts of
// `part_size` letters), with the courier's guías as GenerateOptions::guias
// says: the courier's list once the admissions came in. Writes nothing else.
void write_batch_manifest(Database& db, std::int64_t batch_id, int part_size,
                          const std::map<std::string, std::string, std::less<>>& guias, const std::string& path);

// The SHA-256 of the template and of the sender block a run with these
// options would print the batch with (a batch printed before: the ones it
// was printed with). What an approval covers (selection/approval.hpp).
// InputError as generate_letters for a bad template or sender file.
struct PrintTexts {
  std::string template_sha256, sender_sha256;
};
PrintTexts print_texts(Database& db, const GenerateOptions& options);

struct PartInfo {
  std::string file;  // "letters-001.pdf", relative to out_dir
  std::int64_t letters = 0;
  std::string sha256;
};

struct GenerateResult {
  std::int64_t batch_id = 0;
  std::int64_t letters = 0;
  bool numbered_now = false;  // false: the batch's stored letters were reused
  std::string first_letter;
  std::string last_letter;
  std::vector<PartInfo> parts;
};

// Refuses (InputError) a discarded batch, a draft older than the setting
// draft_max_age_days, a batch some of whose accounts got a letter from
// another batch since its cutoff, and a second run on the batch while one is
// under way. Numbers the batch's letters the first time (one transaction; the same ids
// and content every later time), writes DIR/letters-NNN.pdf in parallel
// parts, DIR/manifest.csv and DIR/layout.json, and records the parts with
// their SHA-256. Files are written under temporary names and renamed when
// complete; on failure the files of this run are removed and nothing is
// recorded as generated.
// Each part is also kept by content hash in the archive next to the
// database (files_dir/letters/SHA256.pdf) with its pages' SHA-256, and the
// template and sender block by SHA-256: a batch printed again uses the texts
// it was first printed with.
// InputError: unknown batch, an empty batch, an output folder with other
// files, a bad template or sender file, a missing font; with
// check_approval, a batch that requires approval and has none, or whose
// approval is void (its rules, template or sender changed since).
GenerateResult generate_letters(Database& db, const GenerateOptions& options);

// A letter held back at dispatch: its account paid after the batch's
// cutoff. It keeps its number (no gap, never reused) and is marked void
// with the reason; the print house pulls it from the printed part.
struct HeldBackLetter {
  std::string letter_id, account_id;
  std::int64_t part = 0, page = 0;
  Date paid_on;  // the latest payment > 0 after the cutoff
  Pesos amount = 0;
};

struct DispatchResult {
  std::int64_t batch_id = 0;
  Date date;
  std::int64_t letters = 0;   // sent
  std::string dispatched_by;  // who dispatched it
  std::string dispatched_at;  // when, Bogotá date and time ("2026-11-24T10:30:00-05:00")
  std::vector<HeldBackLetter> held_back;
};

// Marks a generated batch's letters as sent on `date`, recording `user` and
// the moment on the batch; from then on they count for the recent_letter
// rule. Safe when run twice at once: one dispatches, the other gets an
// InputError. InputError as well for an unknown batch, a batch without
// letters or one already dispatched, and for a Sunday or public holiday.
// Refused like printing for a discarded, stale or overlapping batch. With
// the batch's setting recheck_payments_at_dispatch (on by default), the
// letters of accounts with a payment > 0 dated after the cutoff in the
// payments imported last are held back in the same transaction.
DispatchResult dispatch_batch(Database& db, std::int64_t batch_id, Date date, const std::string& user = {});
// {"batch", "dispatched_on", "letters", "dispatched_by", "dispatched_at", "status": "dispatched",
//  "held_back": [{"letter_id", "account_id", "part", "page", "paid_on", "amount"}]}
std::string to_json(const DispatchResult& r);

// Marks a batch that was not dispatched as discarded: it stays in the
// history, cannot be printed or dispatched, and its accounts count as never
// mailed by it. InputError for an unknown, dispatched or discarded batch.
void discard_batch(Database& db, std::int64_t batch_id, const std::string& user);

// A printed letter taken back from the archive: its page alone as a PDF
// (qpdf), after checking the archived part's SHA-256 and the page's.
struct ShownLetter {
  std::string letter_id;
  std::int64_t batch_id = 0;
  std::string part_file;     // "letters-001.pdf"
  int page = 0;
  std::string part_sha256;
  std::string page_sha256;
  std::string template_sha256, sender_sha256;
  std::string out;           // the page written here
};
// InputError for an unknown letter, one never archived, an out file that
// exists; InternalError when the archived part or page does not match its
// hash (the evidence was altered).
ShownLetter show_letter(Database& db, const std::string& letter_id, const std::string& out_pdf);

}  // namespace cartero::letters
