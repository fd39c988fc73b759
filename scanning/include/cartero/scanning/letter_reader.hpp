// Reading a returned letter from its scanned page: which letter it is (its
// QR or Code128 code, only payloads of our format with a valid check
// character) and which cause box the courier marked. Never guesses: what is
// not certain is left for a person (status review).
#pragma once

#include <optional>
#include <string>

#include "cartero/core/causes.hpp"
#include "cartero/core/page_notes.hpp"
#include "cartero/scanning/page.hpp"

namespace cartero::scanning {

enum class Reading {
  complete,    // the letter and the cause are certain
  review,      // something is missing or doubtful: a person decides
  unreadable,  // no letter code on the page
};

struct LetterReading {
  Reading status = Reading::unreadable;
  std::optional<std::string> letter_id;  // "2026-000123"
  std::optional<std::string> barcode;    // the payload read: "2026-000123-7"
  std::optional<ReturnCause> cause;
  double cause_confidence = 0;  // 0..1; set when a cause was decided
  std::string cause_read_as;    // how: clear, joined, pieces, faint, faint_whole (see marks.hpp)
  bool aligned = false;         // the registration marks were found
  std::string note;             // why a page needs review, in English
  // The same as a code (its Spanish label: page_notes.hpp): no_code, codes_disagree,
  // not_aligned, no_mark, two_causes, unclear_mark, marks_everywhere, panel_missing, image_error.
  PageNote note_code = PageNote::none;
  // For review pages: the code and cause-panel regions, upright.
  std::optional<PageImage> code_crop;
  std::optional<PageImage> panel_crop;
  // The observation lines, upright, when the courier wrote on them (any
  // aligned page): kept with the return and shown where it is shown.
  std::optional<PageImage> observation_crop;
};

// Thread-safe (no shared state).
LetterReading read_letter(const PageImage& page);

}  // namespace cartero::scanning
