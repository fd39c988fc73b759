// Synthetic returned letters for the scanner's tests: real letters from
// letters/, rendered by poppler, with a pen mark on a cause box, degraded
// like office scans, bad scans and phone photos.
#pragma once

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <string>

#include "cartero/core/causes.hpp"
#include "cartero/letters/geometry.hpp"
#include "cartero/scanning/page.hpp"

namespace cartero::testing {

enum class Tier { office, bad, phone };
enum class Pen { cross, tick, scribble, circle };

struct Degradation {
  int quarter_turns = 0;   // 0..3
  double skew_degrees = 0;
  double blur_sigma = 0;
  double noise_sigma = 0;
  int jpeg_quality = 0;    // 0: none
  double contrast = 1;
  double perspective = 0;  // share of the page the corners move
  bool uneven_light = false;
  bool stamp_and_writing = false;  // a courier's stamp and handwriting on the letter
  bool fold_shadows = false;       // dark bands where the letter was folded
};

// A courier's rubber stamp and a few handwritten strokes, away from the
// cause panel and the codes (on the body of the letter), on an upright page.
inline void stamp_and_write(cv::Mat& page, double dpi, std::mt19937& rng) {
  const double s = dpi / 72.0;
  std::uniform_real_distribution<double> u(0, 1);
  const cv::Point centre(static_cast<int>((150 + 300 * u(rng)) * s), static_cast<int>((420 + 150 * u(rng)) * s));
  const cv::RotatedRect box(centre, cv::Size2f(static_cast<float>(170 * s), static_cast<float>(55 * s)), static_cast<float>(-20 + 40 * u(rng)));
  cv::Point2f corners[4];
  box.points(corners);
  for (int i = 0; i < 4; ++i) cv::line(page, corners[i], corners[(i + 1) % 4], 90, static_cast<int>(2.5 * s), cv::LINE_AA);
  cv::putText(page, "DEVUELTO", centre - cv::Point(static_cast<int>(70 * s), -static_cast<int>(8 * s)), cv::FONT_HERSHEY_DUPLEX,
              0.9 * s, 90, static_cast<int>(2 * s), cv::LINE_AA);
  for (int k = 0; k < 3; ++k) {
    std::vector<cv::Point> stroke;
    double x = (80 + 350 * u(rng)) * s, y = (330 + 300 * u(rng)) * s;
    for (int i = 0; i < 12; ++i) {
      stroke.emplace_back(static_cast<int>(x), static_cast<int>(y));
      x += (6 + 6 * u(rng)) * s;
      y += (u(rng) - 0.5) * 10 * s;
    }
    cv::polylines(page, stroke, false, 40, static_cast<int>(1.2 * s), cv::LINE_AA);
  }
}

// Shadows of the self-mailer's folds (at 1/3 and 2/3 of the height).
inline void fold_shadow(cv::Mat& page) {
  cv::Mat f;
  page.convertTo(f, CV_32F);
  for (double at : {1.0 / 3, 2.0 / 3}) {
    const int y0 = static_cast<int>(page.rows * at);
    for (int y = std::max(0, y0 - 25); y < std::min(page.rows, y0 + 25); ++y) {
      const float shade = 1.0f - 0.35f * static_cast<float>(1.0 - std::abs(y - y0) / 25.0);
      f.row(y) *= shade;
    }
  }
  f.convertTo(page, CV_8U);
}

inline cv::Mat to_mat(const scanning::PageImage& p) {
  return cv::Mat(p.height, p.width, CV_8UC1, const_cast<std::uint8_t*>(p.gray.data())).clone();
}

inline scanning::PageImage to_page(const cv::Mat& m) {
  scanning::PageImage p{m.cols, m.rows, {}};
  p.gray.assign(m.data, m.data + static_cast<std::size_t>(m.cols) * m.rows);
  return p;
}

// Draws a courier's mark on the box of `cause`, on an upright page rendered
// at `dpi`.
inline void draw_pen(cv::Mat& page, double dpi, ReturnCause cause, Pen pen, int ink, std::mt19937& rng) {
  const auto& g = letters::letter_geometry();
  const auto& box = g.causes[static_cast<std::size_t>(cause)].box;
  const double s = dpi / 72.0;
  const auto pt = [&](double x, double y) {  // box-relative points, y down
    return cv::Point(static_cast<int>((box.x + x) * s), static_cast<int>((g.page_height - box.top() + y) * s));
  };
  std::uniform_real_distribution<double> jitter(-1.0, 1.0);
  const int thick = std::max(2, static_cast<int>(0.9 * s));
  switch (pen) {
    case Pen::cross:
      cv::line(page, pt(-1 + jitter(rng), -1), pt(11, 11 + jitter(rng)), ink, thick, cv::LINE_AA);
      cv::line(page, pt(11 + jitter(rng), -1), pt(-1, 11 + jitter(rng)), ink, thick, cv::LINE_AA);
      break;
    case Pen::tick:
      cv::line(page, pt(1, 5 + jitter(rng)), pt(4, 10), ink, thick, cv::LINE_AA);
      cv::line(page, pt(4, 10), pt(12 + jitter(rng), -2), ink, thick, cv::LINE_AA);
      break;
    case Pen::scribble:
      for (int i = 0; i < 7; ++i) cv::line(page, pt(1, 1 + i * 1.4), pt(9, 2 + i * 1.3 + jitter(rng)), ink, thick, cv::LINE_AA);
      break;
    case Pen::circle:
      cv::ellipse(page, pt(5, 5), cv::Size(static_cast<int>(8 * s), static_cast<int>(7 * s)), jitter(rng) * 10, 0, 360, ink,
                  thick, cv::LINE_AA);
      break;
  }
}

inline cv::Mat degrade(const cv::Mat& upright, const Degradation& d, std::mt19937& rng) {
  cv::Mat m = upright.clone();
  if (d.stamp_and_writing) stamp_and_write(m, m.cols / 8.5, rng);
  if (d.fold_shadows) fold_shadow(m);
  if (d.uneven_light) {
    cv::Mat light(m.size(), CV_32F);
    for (int y = 0; y < m.rows; ++y)
      for (int x = 0; x < m.cols; ++x) light.at<float>(y, x) = 0.55f + 0.45f * static_cast<float>(x + y) / (m.cols + m.rows);
    cv::Mat f;
    m.convertTo(f, CV_32F);
    cv::multiply(f, light, f);
    f.convertTo(m, CV_8U);
  }
  if (d.contrast != 1) m.convertTo(m, -1, d.contrast, 255 * (1 - d.contrast) * 0.8);
  for (int t = 0; t < d.quarter_turns; ++t) cv::rotate(m, m, cv::ROTATE_90_CLOCKWISE);
  if (d.skew_degrees != 0 || d.perspective != 0) {
    const float w = static_cast<float>(m.cols), h = static_cast<float>(m.rows);
    std::vector<cv::Point2f> from = {{0, 0}, {w, 0}, {w, h}, {0, h}}, to;
    std::uniform_real_distribution<float> move(0, static_cast<float>(d.perspective));
    const float pad = 0.04f * std::max(w, h);
    const cv::Point2f c(w / 2 + pad, h / 2 + pad);
    const double a = d.skew_degrees * CV_PI / 180;
    for (const auto& p : from) {
      const cv::Point2f v = p - cv::Point2f(w / 2, h / 2);
      cv::Point2f r(static_cast<float>(v.x * std::cos(a) - v.y * std::sin(a)), static_cast<float>(v.x * std::sin(a) + v.y * std::cos(a)));
      r -= v * move(rng);  // corners pulled in: a phone held at an angle
      to.push_back(c + r);
    }
    cv::Mat out;
    cv::warpPerspective(m, out, cv::getPerspectiveTransform(from, to),
                        cv::Size(static_cast<int>(w + 2 * pad), static_cast<int>(h + 2 * pad)), cv::INTER_LINEAR,
                        cv::BORDER_CONSTANT, cv::Scalar(110));
    m = out;
  }
  if (d.blur_sigma > 0) cv::GaussianBlur(m, m, cv::Size(0, 0), d.blur_sigma);
  if (d.noise_sigma > 0) {
    cv::Mat noise(m.size(), CV_16S);
    cv::randn(noise, 0, d.noise_sigma);
    cv::Mat wide;
    m.convertTo(wide, CV_16S);
    wide += noise;
    wide.convertTo(m, CV_8U);
  }
  if (d.jpeg_quality > 0) {
    std::vector<std::uint8_t> bytes;
    cv::imencode(".jpg", m, bytes, {cv::IMWRITE_JPEG_QUALITY, d.jpeg_quality});
    m = cv::imdecode(bytes, cv::IMREAD_GRAYSCALE);
  }
  return m;
}

// The degradation of page `i` of a tier (deterministic).
inline Degradation tier_degradation(Tier tier, int i, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(-1, 1);
  Degradation d;
  switch (tier) {
    case Tier::office:
      d.skew_degrees = u(rng) * 1.0;
      d.noise_sigma = 4;
      d.quarter_turns = i % 5 == 4 ? 2 : 0;
      break;
    case Tier::bad:
      d.quarter_turns = i % 4;
      d.skew_degrees = u(rng) * 3.0;
      d.blur_sigma = 0.9;
      d.noise_sigma = 14;
      d.jpeg_quality = 30 + i % 21;
      d.contrast = 0.55;
      d.stamp_and_writing = true;
      d.fold_shadows = i % 2 == 0;
      break;
    case Tier::phone:
      d.quarter_turns = i % 7 == 3 ? 2 : 0;
      d.skew_degrees = u(rng) * 4.0;
      d.perspective = 0.06;
      d.uneven_light = true;
      d.fold_shadows = true;
      d.noise_sigma = 6;
      d.jpeg_quality = 60;
      break;
  }
  return d;
}

inline double tier_dpi(Tier tier) { return tier == Tier::bad ? 150 : 200; }

}  // namespace cartero::testing
