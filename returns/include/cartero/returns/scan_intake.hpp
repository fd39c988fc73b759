// Returned letters from scanned files into the register: every page read
// (both cores), each certain page registered once, the rest kept for a
// person with the crops the review screen shows.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/core/page_notes.hpp"
#include "cartero/returns/cases.hpp"

namespace cartero::returns {

// One line of `cartero scan`: DESIGN "scan line".
struct ScanLine {
  std::string file;
  int page = 0;
  std::string status;  // recorded, duplicate, review, unreadable
  std::optional<std::string> letter_id;
  std::optional<std::string> barcode;
  std::optional<std::string> cause;
  std::optional<double> cause_confidence;
  std::optional<std::int64_t> return_id;
  std::string note;  // English
  PageNote note_code = PageNote::none;
  std::string cause_read_as;  // how the reader read the cause (scanning's LetterReading)

  std::string to_json() const;
};

struct ScanOptions {
  std::string user;
  bool dry_run = false;  // read and report, write nothing
  unsigned threads = 0;  // 0: one per core
  Routing routing;       // where registered returns go
  // Called as each file is opened, with its number of pages (a file that
  // cannot be read counts one): progress without a counting pass.
  std::function<void(const std::string& file, int pages)> on_file;
};

// Scans the files in order, calling `on_line` for each page in order. A bad
// file or page gives `unreadable` and the stack goes on. Each page is
// written in its own transaction: never half-registered.
void scan_files(Database& db, const std::vector<std::string>& files, const ScanOptions& options,
                const std::function<void(const ScanLine&)>& on_line);

// A page kept for a person: what was read and the crops to look at.
struct ReviewItem {
  std::int64_t page_id = 0;
  std::string file_sha256;
  int page = 0;
  std::string scanned_at, scanned_by, note;
  std::optional<std::string> letter_id, cause, code_crop, panel_crop;
  PageNote note_code = PageNote::none;  // none for pages scanned before notes had codes
};

// The review queue: pages kept for review and not yet confirmed, oldest first.
std::vector<ReviewItem> review_queue(Database& db);

// A person confirms a page kept for review: the letter and the cause. The
// return is registered (or found, when the letter already has one) and the
// page is marked recorded, in one transaction. `observation`: what the
// person types from the courier's handwriting (kept with a new return).
// InputError: unknown page, a page not in review, an unknown or
// undispatched letter.
std::int64_t confirm_review(Database& db, std::int64_t page_id, const std::string& letter_id, ReturnCause cause,
                            const std::string& user, const Routing& routing = {}, const std::string& observation = "");
// Undoes a review's confirmation (the "Deshacer" after Confirmar): the
// return it registered is voided (reason "Confirmación de la revisión
// deshecha", the cases it opened closed) and the page waits in review
// again, to be confirmed anew. Returns the voided return's number. One
// transaction. InputError: unknown page, a page not confirmed in review.
std::int64_t undo_review(Database& db, std::int64_t page_id, const std::string& user);

}  // namespace cartero::returns
