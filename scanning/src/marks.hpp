// Private: deciding which cause box the courier marked, on a page aligned to
// the canonical letter (see align.hpp).
#pragma once

#include <opencv2/core.hpp>
#include <optional>
#include <string>

#include "cartero/core/causes.hpp"
#include "cartero/core/page_notes.hpp"

namespace cartero::scanning {

struct CauseDecision {
  std::optional<ReturnCause> cause;  // set only when exactly one box is designated, without doubt
  double confidence = 0;             // 0..1
  std::string note;                     // why no cause was decided, in English for people
  PageNote note_code = PageNote::none;  // the same as a code: no_mark, two_causes, unclear_mark,
                                        // marks_everywhere, panel_missing
  bool observation_written = false;     // ink the blank letter does not have on the observation lines
  // How the cause was read (set with it): "clear" (the strokes as they are),
  // "joined" (a broken line's pieces joined), "pieces" (pieces of one loop or
  // in one box read together), "faint" (only at the faint threshold),
  // "faint_whole" (a faint mark holding the clear ink).
  const char* read_as = "";
};

// Reads the courier's mark as a person does: the ink the blank letter does
// not have (the blank panel, rendered from the letter's own PDF, is aligned
// and subtracted), taken as strokes, each attributed to the one box it
// designates -- the box (or label) a loop encloses, the box at a tick's
// vertex, the box an X or a scribble covers -- whatever its size and
// wherever its tails run. One box designated gives the cause; two, none or a
// doubtful stroke give no cause and a reason.
CauseDecision decide_cause(const cv::Mat& canonical);

}  // namespace cartero::scanning
