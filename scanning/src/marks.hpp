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
  std::optional<ReturnCause> cause;  // set only when one box is clearly marked
  double confidence = 0;             // 0..1
  std::string note;                  // why no cause was decided
  PageNote note_code = PageNote::none;
};

// Measures the ink around each box that the blank letter does not have
// (the printed borders are masked out) and decides: none, two or doubtful
// marks give no cause.
CauseDecision decide_cause(const cv::Mat& canonical);

}  // namespace cartero::scanning
