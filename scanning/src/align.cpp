#include "align.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace cartero::scanning {

namespace {

struct Candidate {
  cv::Point2f center;
  double area = 0;
  bool hollow = false;
};

cv::Point2f canonical_point(double x, double y) {
  const auto& g = letters::letter_geometry();
  return {static_cast<float>(x * k_canonical_scale), static_cast<float>((g.page_height - y) * k_canonical_scale)};
}

cv::Size canonical_size() {
  const auto& g = letters::letter_geometry();
  return {static_cast<int>(g.page_width * k_canonical_scale), static_cast<int>(g.page_height * k_canonical_scale)};
}

// The canonical regions the reader looks at: the codes (with the review
// crop's margin) and the cause panel with the observation lines (with the
// margin the mark reader searches in). The rest of the page is left white:
// warping it would be most of the work for nothing.
std::vector<cv::Rect> regions_read() {
  const auto& g = letters::letter_geometry();
  const letters::Rect codes{g.code128.x, g.code128.y, g.qr.right() - g.code128.x, g.qr.top() - g.code128.y};
  return {to_canonical(codes, 16), to_canonical(g.panel, 16) | to_canonical(g.observation, 16)};
}

cv::Mat warp(const cv::Mat& gray, const std::vector<cv::Point2f>& canonical, const std::vector<cv::Point2f>& image) {
  const cv::Mat h = cv::getPerspectiveTransform(canonical, image);
  cv::Mat out(canonical_size(), CV_8UC1, cv::Scalar(255));
  static const std::vector<cv::Rect> k_regions = regions_read();
  for (const auto& r : k_regions) {
    // The same inverse map, its origin moved to the region's corner.
    const cv::Mat shift = (cv::Mat_<double>(3, 3) << 1, 0, r.x, 0, 1, r.y, 0, 0, 1);
    const cv::Mat m = h * shift;
    cv::Mat dst = out(r);
    // A flat scan's map is affine to a third of a pixel over the region (as
    // near as the registration marks are found): then warpAffine, at two
    // thirds of the cost.
    const auto at = [&](double x, double y) {
      const double w = m.at<double>(2, 0) * x + m.at<double>(2, 1) * y + m.at<double>(2, 2);
      return cv::Point2f(static_cast<float>((m.at<double>(0, 0) * x + m.at<double>(0, 1) * y + m.at<double>(0, 2)) / w),
                         static_cast<float>((m.at<double>(1, 0) * x + m.at<double>(1, 1) * y + m.at<double>(1, 2)) / w));
    };
    const float w = static_cast<float>(r.width), ht = static_cast<float>(r.height);
    const cv::Point2f from[3] = {{0, 0}, {w, 0}, {0, ht}};
    const cv::Point2f to[3] = {at(0, 0), at(w, 0), at(0, ht)};
    const cv::Mat affine = cv::getAffineTransform(from, to);
    const auto affine_at = [&](double x, double y) {
      return cv::Point2f(static_cast<float>(affine.at<double>(0, 0) * x + affine.at<double>(0, 1) * y + affine.at<double>(0, 2)),
                         static_cast<float>(affine.at<double>(1, 0) * x + affine.at<double>(1, 1) * y + affine.at<double>(1, 2)));
    };
    const double error = std::max(cv::norm(affine_at(w, ht) - at(w, ht)), cv::norm(affine_at(w / 2, ht / 2) - at(w / 2, ht / 2)));
    if (error < 0.35) {
      cv::warpAffine(gray, dst, affine, r.size(), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT, cv::Scalar(255));
    } else {
      cv::warpPerspective(gray, dst, m, r.size(), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT, cv::Scalar(255));
    }
  }
  return out;
}

// Square blobs of about the marks' size: filled, or hollow with one hole.
std::vector<Candidate> find_candidates(const cv::Mat& gray) {
  cv::Mat binary;
  cv::Mat blurred;
  cv::GaussianBlur(gray, blurred, cv::Size(3, 3), 0);
  cv::adaptiveThreshold(blurred, binary, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV,
                        (std::max(gray.cols, gray.rows) / 20) | 1, 15);
  std::vector<std::vector<cv::Point>> contours;
  std::vector<cv::Vec4i> hierarchy;
  cv::findContours(binary, contours, hierarchy, cv::RETR_CCOMP, cv::CHAIN_APPROX_SIMPLE);
  // The page fills most of the image: a mark is about 0.08 % of the page.
  const double image_area = static_cast<double>(gray.cols) * gray.rows;
  const double expected = image_area * (20.0 * 20.0) / (612.0 * 792.0);
  std::vector<Candidate> out;
  for (std::size_t i = 0; i < contours.size(); ++i) {
    if (hierarchy[i][3] >= 0) continue;  // holes are looked at from their outer contour
    const double area = cv::contourArea(contours[i]);
    if (area < expected * 0.15 || area > expected * 2.5) continue;
    std::vector<cv::Point> poly;
    cv::approxPolyDP(contours[i], poly, 0.06 * cv::arcLength(contours[i], true), true);
    if (poly.size() != 4 || !cv::isContourConvex(poly)) continue;
    const cv::RotatedRect box = cv::minAreaRect(contours[i]);
    const double ratio = box.size.width / std::max(1.0f, box.size.height);
    if (ratio < 0.6 || ratio > 1.66 || area < 0.8 * box.size.area()) continue;
    double hole = 0;
    for (int c = hierarchy[i][2]; c >= 0; c = hierarchy[static_cast<std::size_t>(c)][0]) {
      hole = std::max(hole, cv::contourArea(contours[static_cast<std::size_t>(c)]));
    }
    const double hole_share = hole / area;
    if (hole_share > 0.05 && (hole_share < 0.06 || hole_share > 0.4)) continue;  // neither filled nor our ring
    out.push_back({box.center, area, hole_share >= 0.06});
  }
  return out;
}

double distance(const cv::Point2f& a, const cv::Point2f& b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Orders four points clockwise as seen (image y grows downwards), starting
// with `first`.
std::vector<cv::Point2f> clockwise_from(const std::vector<cv::Point2f>& pts, std::size_t first) {
  cv::Point2f c(0, 0);
  for (const auto& p : pts) c += p * 0.25f;
  std::vector<cv::Point2f> sorted = pts;
  std::sort(sorted.begin(), sorted.end(), [&](const cv::Point2f& a, const cv::Point2f& b) {
    return std::atan2(a.y - c.y, a.x - c.x) < std::atan2(b.y - c.y, b.x - c.x);
  });
  const auto start = std::find(sorted.begin(), sorted.end(), pts[first]) - sorted.begin();
  std::rotate(sorted.begin(), sorted.begin() + start, sorted.end());
  return sorted;
}

// How far four corners (TL, TR, BR, BL) are from the marks' rectangle:
// opposite sides of similar length and the expected aspect.
double shape_error(const std::vector<cv::Point2f>& q) {
  const double top = distance(q[0], q[1]), right = distance(q[1], q[2]);
  const double bottom = distance(q[2], q[3]), left = distance(q[3], q[0]);
  if (std::min({top, right, bottom, left}) < 1) return 1e9;
  const double aspect = ((left + right) / 2) / ((top + bottom) / 2);  // expected 724 / 520
  return std::abs(std::log(top / bottom)) + std::abs(std::log(left / right)) + std::abs(std::log(aspect / (724.0 / 520.0)));
}

// A mark's centre at the scan's own resolution: the centroid of its ink in
// a window twice its size around where the small copy found it (Otsu's
// threshold there), so the page is laid as precisely as the scan allows
// whatever size the marks were found at. `approx` when that fails.
cv::Point2f refined_centre(const cv::Mat& gray, cv::Point2f approx, double side) {
  const int half = static_cast<int>(std::ceil(side));
  const cv::Rect window = cv::Rect(static_cast<int>(approx.x) - half, static_cast<int>(approx.y) - half, 2 * half, 2 * half) &
                          cv::Rect(0, 0, gray.cols, gray.rows);
  if (window.width < half || window.height < half) return approx;
  cv::Mat binary, labels, stats, centroids;
  cv::threshold(gray(window), binary, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  const int n = cv::connectedComponentsWithStats(binary, labels, stats, centroids, 8, CV_32S);
  const cv::Point2f local = approx - cv::Point2f(static_cast<float>(window.x), static_cast<float>(window.y));
  int best = -1;
  for (int i = 1; i < n; ++i) {
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP), stats.at<int>(i, cv::CC_STAT_WIDTH),
                       stats.at<int>(i, cv::CC_STAT_HEIGHT));
    const double area = stats.at<int>(i, cv::CC_STAT_AREA);
    if (!box.contains(cv::Point(static_cast<int>(local.x), static_cast<int>(local.y)))) continue;
    if (box.width < 0.6 * side || box.width > 1.6 * side || box.height < 0.6 * side || box.height > 1.6 * side) continue;
    if (area < 0.2 * side * side) continue;
    if (best < 0 || area > stats.at<int>(best, cv::CC_STAT_AREA)) best = i;
  }
  if (best < 0) return approx;
  const cv::Point2f c(static_cast<float>(centroids.at<double>(best, 0)), static_cast<float>(centroids.at<double>(best, 1)));
  if (cv::norm(c - local) > 0.25 * side) return approx;
  return c + cv::Point2f(static_cast<float>(window.x), static_cast<float>(window.y));
}

}  // namespace

cv::Rect to_canonical(const letters::Rect& r, double margin) {
  const cv::Point2f tl = canonical_point(r.x - margin, r.top() + margin);
  const cv::Point2f br = canonical_point(r.right() + margin, r.y - margin);
  return cv::Rect(cv::Point(static_cast<int>(tl.x), static_cast<int>(tl.y)), cv::Point(static_cast<int>(br.x), static_cast<int>(br.y))) &
         cv::Rect(cv::Point(0, 0), canonical_size());
}

std::optional<cv::Mat> align_by_marks(const cv::Mat& gray) {
  // The marks are large: finding them on a page of about 90 dpi is as
  // sure and several times faster than at the scan's resolution.
  const double shrink = std::min(1.0, 1000.0 / std::max(gray.cols, gray.rows));
  cv::Mat small = gray;
  // Bilinear when shrinking by less than half (area averaging at a ratio
  // like 0.85 costs more than finding the marks).
  if (shrink < 1.0) cv::resize(gray, small, cv::Size(), shrink, shrink, shrink > 0.5 ? cv::INTER_LINEAR : cv::INTER_AREA);
  auto candidates = find_candidates(small);
  for (auto& c : candidates) c.center *= static_cast<float>(1.0 / shrink);
  double best = 0.35;  // above this the four blobs are not our rectangle
  std::vector<cv::Point2f> best_quad;
  const std::size_t n = std::min<std::size_t>(candidates.size(), 24);
  for (std::size_t h = 0; h < n; ++h) {
    if (!candidates[h].hollow) continue;
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t b = a + 1; b < n; ++b) {
        for (std::size_t c = b + 1; c < n; ++c) {
          if (a == h || b == h || c == h || candidates[a].hollow || candidates[b].hollow || candidates[c].hollow) continue;
          const std::vector<cv::Point2f> pts = {candidates[h].center, candidates[a].center, candidates[b].center,
                                                candidates[c].center};
          const auto quad = clockwise_from(pts, 0);
          const double error = shape_error(quad);
          if (error < best) {
            best = error;
            best_quad = quad;
          }
        }
      }
    }
  }
  if (best_quad.empty()) return std::nullopt;
  for (auto& corner : best_quad) {
    for (const auto& c : candidates) {
      if (c.center == corner) corner = refined_centre(gray, corner, std::sqrt(c.area) / shrink);
    }
  }
  std::vector<cv::Point2f> canonical;
  for (const char* id : {"top_left", "top_right", "bottom_right", "bottom_left"}) {
    for (const auto& m : letters::letter_geometry().marks) {
      if (m.id == id) canonical.push_back(canonical_point(m.rect.x + m.rect.width / 2, m.rect.y + m.rect.height / 2));
    }
  }
  return warp(gray, canonical, best_quad);
}

cv::Mat align_by_qr(const cv::Mat& gray, const std::array<cv::Point2f, 4>& corners) {
  // The symbol sits inside the QR rectangle's 4-module quiet zone (a
  // version 2 symbol: 25 modules + 8 of quiet zone).
  const auto& q = letters::letter_geometry().qr;
  const double module = q.width / 33.0, inset = 4 * module;
  const letters::Rect symbol{q.x + inset, q.y + inset, q.width - 2 * inset, q.height - 2 * inset};
  const std::vector<cv::Point2f> canonical = {canonical_point(symbol.x, symbol.top()), canonical_point(symbol.right(), symbol.top()),
                                              canonical_point(symbol.right(), symbol.y), canonical_point(symbol.x, symbol.y)};
  return warp(gray, canonical, {corners.begin(), corners.end()});
}

}  // namespace cartero::scanning
