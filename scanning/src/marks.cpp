#include "marks.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>

#include "align.hpp"

namespace cartero::scanning {

namespace {

// Below this share of new ink a box is blank (blank boxes of degraded scans
// measure up to 0.005, a tick that mostly runs along the border 0.02); a
// second box above half the first one's ink makes the page ambiguous.
constexpr double k_min_ink = 0.015;
constexpr double k_second_ratio = 0.5;
constexpr double k_min_confidence = 0.5;

// The printed box borders of the blank letter, widened for misalignment.
cv::Mat printed_borders(const cv::Size& size) {
  cv::Mat mask = cv::Mat::zeros(size, CV_8UC1);
  for (const auto& c : letters::letter_geometry().causes) {
    cv::rectangle(mask, to_canonical(c.box), cv::Scalar(255), 3);
  }
  cv::dilate(mask, mask, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
  return mask;
}

// Where a mark for a box may fall: the box widened 4 pt to the sides (not
// reaching its label) and 1.5 pt up and down (half the gap to the next row).
cv::Rect region_of(const letters::Rect& box) {
  const letters::Rect r{box.x - 4, box.y - 1.5, box.width + 8, box.height + 3};
  return to_canonical(r);
}

}  // namespace

CauseDecision decide_cause(const cv::Mat& canonical) {
  const cv::Rect panel = to_canonical(letters::letter_geometry().panel);
  cv::Mat sorted = canonical(panel).clone().reshape(1, 1);
  cv::sort(sorted, sorted, cv::SORT_ASCENDING);
  const double paper = sorted.at<std::uint8_t>(0, static_cast<int>(sorted.cols * 0.9));
  cv::Mat ink;
  cv::threshold(canonical, ink, paper * 0.7, 255, cv::THRESH_BINARY_INV);
  ink.setTo(0, printed_borders(canonical.size()));

  const auto& causes = letters::letter_geometry().causes;
  std::vector<std::pair<double, std::size_t>> scores;
  for (std::size_t i = 0; i < causes.size(); ++i) {
    const cv::Rect r = region_of(causes[i].box);
    scores.emplace_back(cv::countNonZero(ink(r)) / static_cast<double>(r.area()), i);
  }
  std::sort(scores.rbegin(), scores.rend());
  const double first = scores[0].first, second = scores[1].first;
  if (first < k_min_ink) return {std::nullopt, 0, "no cause box is marked", PageNote::no_mark};
  if (second >= k_min_ink && second > first * k_second_ratio) return {std::nullopt, 0, "more than one cause box is marked", PageNote::several_marks};
  const double confidence = std::min(1.0, (first - second) / first * std::min(1.0, first / (2 * k_min_ink)));
  if (confidence < k_min_confidence) return {std::nullopt, confidence, "the mark is faint or unclear", PageNote::faint_mark};
  return {causes[scores[0].second].cause, confidence, "", PageNote::none};
}

}  // namespace cartero::scanning
