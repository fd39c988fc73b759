// Private: the one place where page images meet OpenCV.
#pragma once

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

#include "cartero/scanning/page.hpp"

namespace cartero::scanning {

// A view of the page as a cv::Mat (no copy; valid while the page lives).
inline cv::Mat as_mat(const PageImage& p) {
  return cv::Mat(p.height, p.width, CV_8UC1, const_cast<std::uint8_t*>(p.gray.data()));
}

inline PageImage to_page(const cv::Mat& gray) {
  cv::Mat m = gray.isContinuous() ? gray : gray.clone();
  PageImage p{m.cols, m.rows, {}};
  p.gray.assign(m.data, m.data + static_cast<std::size_t>(m.cols) * static_cast<std::size_t>(m.rows));
  return p;
}

// Scales an image down to at most k_max_pixels.
inline cv::Mat limit_size(const cv::Mat& m) {
  const double pixels = static_cast<double>(m.cols) * m.rows;
  if (pixels <= k_max_pixels) return m;
  cv::Mat out;
  const double f = std::sqrt(k_max_pixels / pixels);
  cv::resize(m, out, cv::Size(), f, f, cv::INTER_AREA);
  return out;
}

}  // namespace cartero::scanning
