// Producing a batch's letters (PDF parts, manifest, layout) and marking them
// dispatched.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"

namespace cartero::letters {

struct GenerateOptions {
  std::int64_t batch_id = 0;
  std::string out_dir;
  int part_size = 5000;
  std::optional<std::string> template_path;  // default: the shipped template
  std::optional<std::string> sender_path;    // default: the shipped sender
  std::string font_dir;                      // default: Debian's DejaVu fonts
  Date issued_on = Date::today();            // used when letters are first numbered
  unsigned threads = 0;                      // 0: one per core
};

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

// Numbers the batch's letters the first time (one transaction; the same ids
// and content every later time), writes DIR/letters-NNN.pdf in parallel
// parts, DIR/manifest.csv and DIR/layout.json, and records the parts with
// their SHA-256. Files are written under temporary names and renamed when
// complete; on failure the files of this run are removed and nothing is
// recorded as generated.
// InputError: unknown batch, an empty batch, an output folder with other
// files, a bad template or sender file, a missing font.
GenerateResult generate_letters(Database& db, const GenerateOptions& options);

struct DispatchResult {
  std::int64_t batch_id = 0;
  Date date;
  std::int64_t letters = 0;
  std::string dispatched_by;  // who dispatched it
  std::string dispatched_at;  // when, Bogotá date and time ("2026-11-24T10:30:00-05:00")
};

// Marks a generated batch's letters as sent on `date`, recording `user` and
// the moment on the batch; from then on they count for the recent_letter
// rule. Safe when run twice at once: one dispatches, the other gets an
// InputError. InputError as well for an unknown batch, a batch without
// letters or one already dispatched.
DispatchResult dispatch_batch(Database& db, std::int64_t batch_id, Date date, const std::string& user = {});
// {"batch", "dispatched_on", "letters", "dispatched_by", "dispatched_at", "status": "dispatched"}
std::string to_json(const DispatchResult& r);

}  // namespace cartero::letters
