// Private: aligning a scanned page to the letter's geometry. The result is
// the page warped upright onto a canonical image of the letter, where every
// rectangle of letters::letter_geometry() sits at a known place.
#pragma once

#include <opencv2/core.hpp>
#include <optional>

#include "cartero/letters/geometry.hpp"

namespace cartero::scanning {

// Pixels per PDF point of the canonical image (about 200 dpi).
inline constexpr double k_canonical_scale = 200.0 / 72.0;

// A rectangle of the geometry (points, origin lower-left) in canonical
// pixels (origin upper-left), grown by `margin` points on each side.
cv::Rect to_canonical(const letters::Rect& r, double margin = 0);

// Finds the four registration marks (the hollow one gives the orientation)
// and returns the page warped to canonical; nullopt when they are not found.
std::optional<cv::Mat> align_by_marks(const cv::Mat& gray);

// Warps using the four corners of the letter's QR symbol as ZXing reports
// them (top-left, top-right, bottom-right, bottom-left of the symbol): the
// fallback when the marks are not found.
cv::Mat align_by_qr(const cv::Mat& gray, const std::array<cv::Point2f, 4>& corners);

}  // namespace cartero::scanning
