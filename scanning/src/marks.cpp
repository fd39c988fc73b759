#include "marks.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <set>
#include <string_view>

#include "align.hpp"

namespace cartero::scanning {

namespace {

constexpr double k_margin_pt = 12;
// Ink is darker than this share of the paper: faint pencil on a grey scan
// still counts; noise specks are too small to make a stroke.
constexpr double k_ink_share = 0.8;  // around the panel: circles around the top row reach past it

// The blank panel as the letter prints it, in canonical pixels, with the
// places a mark can designate.
struct Panel {
  cv::Rect roi;          // the panel grown by k_margin_pt, in canonical pixels
  cv::Mat blank;         // the blank letter's pixels there (grey)
  cv::Mat printed;       // where the blank letter has ink, widened for misalignment
  cv::Mat blank_small;   // half size, for the shift search
  cv::Mat blank_quarter; // quarter size, for its first, coarse step
  bool ok = false;
  struct Cell {
    ReturnCause cause;
    cv::Rect box;         // the box, in roi pixels
    cv::Rect text;        // the printed label text, in roi pixels
    cv::Rect label;       // the label's place (as wide as the column's longest label)
    cv::Rect region;      // box and label grown by 5 pt: ink here is on this cause
    cv::Rect close;       // box and label grown by 3 pt: a tick's vertex here designates this cause
    cv::Rect fit;         // where the blank is laid on the scan for this cause (see printed_on_scan)
    cv::Point2f box_centre, text_centre;
  };
  std::vector<Cell> cells;
  double px = k_canonical_scale;  // pixels per point
};

cv::Mat render_blank_letter() {
  char path[] = "/tmp/cartero-blank-XXXXXX";
  const int fd = ::mkstemp(path);
  if (fd < 0) return {};
  ::close(fd);
  cv::Mat out;
  try {
    letters::write_blank_letter(path);
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    std::unique_ptr<poppler::page> page(doc ? doc->create_page(0) : nullptr);
    if (page) {
      poppler::page_renderer renderer;
      renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
      renderer.set_image_format(poppler::image::format_gray8);
      const double dpi = 72.0 * k_canonical_scale;
      const poppler::image img = renderer.render_page(page.get(), dpi, dpi);
      if (img.is_valid()) {
        out = cv::Mat(img.height(), img.width(), CV_8UC1, const_cast<char*>(img.const_data()),
                      static_cast<std::size_t>(img.bytes_per_row()))
                  .clone();
      }
    }
  } catch (const std::exception&) {
    out = cv::Mat();
  }
  std::error_code ec;
  std::filesystem::remove(path, ec);
  return out;
}

Panel make_panel() {
  Panel p;
  const auto& g = letters::letter_geometry();
  p.roi = to_canonical(g.panel, k_margin_pt);
  const cv::Mat page = render_blank_letter();
  if (page.empty() || page.cols < p.roi.br().x || page.rows < p.roi.br().y) return p;
  p.blank = page(p.roi).clone();
  cv::threshold(p.blank, p.printed, 200, 255, cv::THRESH_BINARY_INV);
  const cv::Mat printed_exact = p.printed.clone();
  cv::dilate(p.printed, p.printed, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(5, 5)));
  cv::resize(p.blank, p.blank_small, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
  cv::resize(p.blank_small, p.blank_quarter, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
  const auto local = [&](const letters::Rect& r, double grow) { return to_canonical(r, grow) - p.roi.tl(); };
  const cv::Rect whole(0, 0, p.roi.width, p.roi.height);
  for (const auto& c : g.causes) {
    Panel::Cell cell;
    cell.cause = c.cause;
    cell.box = local(c.box, 0) & whole;
    const cv::Rect label = local(c.label, 0) & whole;
    // The label's printed text: what a circle around the label encloses.
    std::vector<cv::Point> ink;
    cv::findNonZero(printed_exact(label), ink);
    cell.text = ink.empty() ? label : cv::boundingRect(ink) + label.tl();
    cell.label = label;
    const cv::Rect text_grown(cell.text.x - static_cast<int>(5 * p.px), cell.text.y - static_cast<int>(5 * p.px),
                              cell.text.width + static_cast<int>(10 * p.px), cell.text.height + static_cast<int>(10 * p.px));
    cell.region = (local(c.box, 5) | text_grown) & whole;
    const int pt2 = static_cast<int>(2 * p.px);
    cell.close = (local(c.box, 3) | cv::Rect(text_grown.x + pt2, text_grown.y + pt2, text_grown.width - 2 * pt2,
                                             text_grown.height - 2 * pt2)) & whole;
    cell.box_centre = cv::Point2f(cell.box.x + cell.box.width / 2.0f, cell.box.y + cell.box.height / 2.0f);
    cell.text_centre = cv::Point2f(cell.text.x + cell.text.width / 2.0f, cell.text.y + cell.text.height / 2.0f);
    p.cells.push_back(cell);
  }
  // A mark just after a label (a tick in the white that follows "Otro", an
  // X in the white after "Lote" in a column of longer labels) designates
  // that cause as a mark on the label does: the region runs on over the
  // label's place (as wide as its column's longest label) and at least a
  // box's width past the text, stopping 5 pt short of any other box.
  const int pt5 = static_cast<int>(5 * p.px), pt3 = static_cast<int>(3 * p.px);
  const auto past_the_text = [&](const Panel::Cell& cell, int to) {
    const int from = cell.text.br().x;
    const cv::Rect band(from, cell.text.y - pt5, to - from, cell.text.height + 2 * pt5);
    for (const auto& other : p.cells) {
      const cv::Rect near(other.box.x - pt5, other.box.y - pt5, other.box.width + 2 * pt5, other.box.height + 2 * pt5);
      if (&other != &cell && (band & near).area() > 0) to = std::min(to, near.x);
    }
    return to > from ? cv::Rect(from, band.y, to - from, band.height) & whole : cv::Rect();
  };
  for (auto& cell : p.cells) {
    const int from = cell.text.br().x;
    // The blank is fitted over the text and a box's width past it.
    cell.fit = cell.region | past_the_text(cell, from + static_cast<int>(12 * p.px));
    const cv::Rect band = past_the_text(cell, std::max(from + static_cast<int>(12 * p.px), cell.label.br().x));
    cell.region |= band;
    if (band.area() > 0) cell.close |= cv::Rect(band.x, band.y + pt5 - pt3, band.width, band.height - 2 * (pt5 - pt3));
  }
  p.ok = true;
  return p;
}

const Panel& blank_panel() {
  static const Panel k_panel = make_panel();
  return k_panel;
}

// Where `templ` fits best in `image` by normalised correlation: OpenCV's
// TM_CCOEFF_NORMED and its first maximum in row order, computed directly.
// For the few dozen to few hundred places the reader searches, this costs a
// fraction of matchTemplate's Fourier transforms.
std::pair<cv::Point, double> best_match(const cv::Mat& image, const cv::Mat& templ) {
  const int w = templ.cols, h = templ.rows;
  const int places_x = image.cols - w + 1, places_y = image.rows - h + 1;
  if (places_x < 1 || places_y < 1 || w < 1 || h < 1) return {cv::Point(0, 0), 0};
  const double n = static_cast<double>(w) * h;
  std::int64_t t_sum = 0, t_sum2 = 0;
  for (int y = 0; y < h; ++y) {
    const auto* t = templ.ptr<std::uint8_t>(y);
    for (int x = 0; x < w; ++x) t_sum += t[x], t_sum2 += t[x] * t[x];
  }
  const double t_mean = static_cast<double>(t_sum) / n;
  const double t_norm = std::sqrt(std::max(0.0, static_cast<double>(t_sum2) - t_mean * static_cast<double>(t_sum)));
  cv::Mat sum, sqsum;
  cv::integral(image(cv::Rect(0, 0, places_x + w - 1, places_y + h - 1)), sum, sqsum, CV_32S, CV_64F);
  double best = -2;
  cv::Point at(0, 0);
  for (int dy = 0; dy < places_y; ++dy) {
    for (int dx = 0; dx < places_x; ++dx) {
      std::int64_t cross = 0;
      for (int y = 0; y < h; ++y) {
        const auto* a = image.ptr<std::uint8_t>(y + dy) + dx;
        const auto* t = templ.ptr<std::uint8_t>(y);
        std::uint32_t row = 0;  // at most 65,025 a pixel: exact for rows up to 66,000 pixels
        for (int x = 0; x < w; ++x) row += static_cast<std::uint32_t>(a[x]) * t[x];
        cross += row;
      }
      const double s = sum.at<int>(dy + h, dx + w) - sum.at<int>(dy, dx + w) - sum.at<int>(dy + h, dx) + sum.at<int>(dy, dx);
      const double s2 = sqsum.at<double>(dy + h, dx + w) - sqsum.at<double>(dy, dx + w) - sqsum.at<double>(dy + h, dx) +
                        sqsum.at<double>(dy, dx);
      const double num = static_cast<double>(cross) - s * t_mean;
      const double den = std::sqrt(std::max(0.0, s2 - s * s / n)) * t_norm;
      // As OpenCV does for windows without contrast.
      const double r = std::abs(num) < den ? num / den : std::abs(num) < den * 1.125 ? (num > 0 ? 1 : -1) : 0;
      if (r > best) best = r, at = cv::Point(dx, dy);
    }
  }
  return {at, best};
}

// The shift (in roi pixels) that lays the blank panel best on the scanned
// one, searched at half size, and how well it matches (-1..1). The search
// goes at quarter size over every place first, then at half size within
// two pixels of the best (a twentieth of the work of every place at half
// size).
std::pair<cv::Point, double> best_shift(const Panel& p, const cv::Mat& roi) {
  constexpr int k_search = 6;  // half-size pixels: about 4 pt each way
  constexpr int k_refine = 2;  // half-size pixels around the quarter-size best
  cv::Mat small, quarter;
  cv::resize(roi, small, p.blank_small.size(), 0, 0, cv::INTER_AREA);
  cv::resize(small, quarter, p.blank_quarter.size(), 0, 0, cv::INTER_AREA);
  constexpr int q = k_search / 2;
  const cv::Rect q_inner(q, q, quarter.cols - 2 * q, quarter.rows - 2 * q);
  const cv::Point coarse = best_match(quarter, p.blank_quarter(q_inner)).first * 2;  // in half-size places
  const cv::Rect inner(k_search, k_search, small.cols - 2 * k_search, small.rows - 2 * k_search);
  const cv::Point from(std::clamp(coarse.x - k_refine, 0, 2 * k_search), std::clamp(coarse.y - k_refine, 0, 2 * k_search));
  const cv::Point to(std::clamp(coarse.x + k_refine, 0, 2 * k_search), std::clamp(coarse.y + k_refine, 0, 2 * k_search));
  const cv::Rect window(from.x, from.y, inner.width + to.x - from.x, inner.height + to.y - from.y);
  const auto [at, best] = best_match(small(window), p.blank_small(inner));
  return {cv::Point((from.x + at.x - k_search) * 2, (from.y + at.y - k_search) * 2), best};
}

cv::Mat shifted(const cv::Mat& m, cv::Point by, int fill) {
  cv::Mat out(m.size(), m.type(), cv::Scalar(fill));
  const cv::Rect whole(0, 0, m.cols, m.rows);
  const cv::Rect src = whole & (whole - by);
  const cv::Rect dst = src + by;
  if (src.area() > 0) m(src).copyTo(out(dst));
  return out;
}

// The blank's printed ink laid on the scan: shifted as a whole by `shift`,
// then each cause's box and label by its own shift found within a few
// pixels of it (a phone photo or a blurred scan is not one rigid shift away
// from the blank: a pixel of misalignment leaves a fringe of every box and
// letter that would read as ink).
cv::Mat printed_on_scan(const Panel& p, const cv::Mat& roi, cv::Point shift) {
  cv::Mat printed = shifted(p.printed, shift, 0);
  constexpr int k_local = 3;
  const cv::Rect whole(0, 0, roi.cols, roi.rows);
  for (const auto& c : p.cells) {
    const cv::Rect window(c.fit.x + shift.x - k_local, c.fit.y + shift.y - k_local, c.fit.width + 2 * k_local,
                          c.fit.height + 2 * k_local);
    if ((window & whole) != window) continue;
    const cv::Point at = best_match(roi(window), p.blank(c.fit)).first;
    const cv::Point local = shift + at - cv::Point(k_local, k_local);
    const cv::Rect dst = (c.fit + local) & whole;
    p.printed(dst - local).copyTo(printed(dst));
  }
  return printed;
}

// One stroke: the new ink of one connected group.
struct Stroke {
  std::vector<cv::Point> pixels;
};

// What one stroke designates.
struct Designation {
  enum Kind { nothing, cause, doubtful } kind = nothing;
  std::size_t cell = 0;
  double strength = 0;  // 0..1: how clearly
  const char* how = "";
  cv::Point2f centre{-1, -1};  // a loop's: the centre of what it encloses
};

// How a stroke surrounds a point: the share of 24 directions around `c` in
// which it has ink within `radius`, and how far its nearest ink is (a loop's
// centre is far from the loop; a point a stroke runs over is not).
// `closing`: printed ink that closes a loop too (a circle around a label
// drawn up to the label's own box).
struct Surround {
  double share = 0;
  double depth = 0;
  int gaps = 0;  // runs of directions without ink: an open loop has one
};

Surround surround(const Stroke& s, cv::Point2f c, double radius, const cv::Rect* closing = nullptr) {
  std::array<bool, 24> seen{};
  const double r2 = radius * radius;
  double nearest = r2;
  const auto see = [&](double dx, double dy) {
    const double d2 = dx * dx + dy * dy;
    if (d2 > r2 || (std::abs(dx) < 1 && std::abs(dy) < 1)) return false;
    const double a = std::atan2(dy, dx) + CV_PI;
    seen[static_cast<std::size_t>(std::min(23.0, a / (2 * CV_PI) * 24))] = true;
    return true;
  };
  for (const auto& q : s.pixels) {
    const double dx = q.x - c.x, dy = q.y - c.y;
    if (see(dx, dy)) nearest = std::min(nearest, dx * dx + dy * dy);
  }
  if (closing) {
    for (int t = 0; t <= 8; ++t) {
      const double f = t / 8.0;
      for (const auto& q : {cv::Point2f(closing->x + f * closing->width, static_cast<float>(closing->y)),
                            cv::Point2f(closing->x + f * closing->width, static_cast<float>(closing->br().y)),
                            cv::Point2f(static_cast<float>(closing->x), closing->y + f * closing->height),
                            cv::Point2f(static_cast<float>(closing->br().x), closing->y + f * closing->height)}) {
        see(q.x - c.x, q.y - c.y);
      }
    }
  }
  int gaps = 0;
  for (std::size_t i = 0; i < seen.size(); ++i) gaps += !seen[i] && seen[(i + 1) % seen.size()];
  return {static_cast<double>(std::count(seen.begin(), seen.end(), true)) / 24.0, std::sqrt(nearest), gaps};
}

int cell_at(const Panel& p, cv::Point2f q) {
  for (std::size_t i = 0; i < p.cells.size(); ++i) {
    if (p.cells[i].region.contains(cv::Point(static_cast<int>(q.x), static_cast<int>(q.y)))) return static_cast<int>(i);
  }
  return -1;
}

// The cause whose box or label lies within 3 pt of `q` (a tick's vertex: the
// bottom of a circle's arc between two rows is close to neither).
int cell_close_to(const Panel& p, cv::Point2f q) {
  for (std::size_t i = 0; i < p.cells.size(); ++i) {
    if (p.cells[i].close.contains(cv::Point(static_cast<int>(q.x), static_cast<int>(q.y)))) return static_cast<int>(i);
  }
  return -1;
}

// A tick: two arms rising from its lowest point, a short one to the left and
// a longer one to the right. Returns the vertex. `rising`: set to the
// stroke's lowest point when the stroke, not a tick, rises from there to
// the right alone (a tick whose short arm the pencil barely left).
std::optional<cv::Point2f> tick_vertex(const Stroke& s, double box_px, std::optional<cv::Point2f>* rising = nullptr) {
  // A tick rises: a line far wider than it is tall (an underline, however
  // thick the felt tip and however it sags) is not one.
  const cv::Rect span = cv::boundingRect(s.pixels);
  if (span.width > 4 * span.height) return std::nullopt;
  int lowest = -1;
  for (const auto& q : s.pixels) lowest = std::max(lowest, q.y);
  // The vertex: the largest group of the lowest pixels (side by side within
  // two pixels). An X's two feet are two groups, a speck of a label's
  // fringe joined to the stroke another.
  std::vector<int> low;
  for (const auto& q : s.pixels) {
    if (q.y >= lowest - 1) low.push_back(q.x);
  }
  std::sort(low.begin(), low.end());
  std::size_t best_from = 0, best_n = 0;
  for (std::size_t i = 0, from = 0; i < low.size(); ++i) {
    if (i + 1 == low.size() || low[i + 1] - low[i] > 2) {
      if (i + 1 - from > best_n) best_from = from, best_n = i + 1 - from;
      from = i + 1;
    }
  }
  double sx = 0;
  for (std::size_t i = best_from; i < best_from + best_n; ++i) sx += low[i];
  const auto n = static_cast<double>(best_n);
  const cv::Point2f v(static_cast<float>(sx / n), static_cast<float>(lowest));
  // Both arms rise from the vertex itself (an X's foot has one arm there,
  // the other stroke's ink comes only further up), and run on.
  int left = 0, right = 0, near = 0, left_at = 0, right_at = 0, near_at = 0;
  const double r = 1.2 * box_px;
  for (const auto& q : s.pixels) {
    const double dx = q.x - v.x, dy = v.y - q.y;  // y up
    const double d = std::hypot(dx, dy);
    if (d > r || d < 0.2 * box_px) continue;
    const bool at_vertex = d < 0.6 * box_px;
    ++near, near_at += at_vertex;
    const double a = std::atan2(dy, dx) * 180 / CV_PI;
    if (a > 100 && a < 175) ++left, left_at += at_vertex;
    if (a > 15 && a < 88) ++right, right_at += at_vertex;  // a tail run two rows up rises at 80 degrees and more
  }
  if (std::getenv("CARTERO_MARKS_DEBUG")) {
    std::fprintf(stderr, "  tick? vertex %.0f,%.0f near %d left %d right %d; at vertex %d left %d right %d\n", v.x, v.y, near,
                 left, right, near_at, left_at, right_at);
  }
  // (The short arm may be an eighth of the ink near the vertex: a long tail
  // run two rows up takes most of it.)
  if (rising && near > 0 && 4 * right >= 3 * near && 4 * right_at >= 3 * near_at) *rising = v;
  if (near == 0 || 8 * left < near || right < near / 6) return std::nullopt;
  if (left_at < near_at / 6 || right_at < near_at / 6) return std::nullopt;
  return v;
}

// A loop: the one target the stroke encloses, a doubt when it encloses
// several as deep, nullopt when it encloses none.
// `pieces`: the stroke is the pieces of a broken line put together, whose
// breaks leave a few directions empty.
std::optional<Designation> loop_designation(const Panel& p, const Stroke& s, bool pieces = false) {
  const double box_px = p.cells.front().box.width;
  const double pitch_px = 24 * p.px;
  // 1. A loop: a target enclosed from (nearly) every direction. A circle
  // around one box may run over the boxes above and below it, which it
  // then also surrounds from most directions: the target is the one clearly
  // deepest inside it; two targets as deep are a doubt.
  struct Enclosed {
    std::size_t cell;
    double share, depth;
    cv::Point2f centre;
  };
  std::vector<Enclosed> enclosed;
  for (std::size_t i = 0; i < p.cells.size(); ++i) {
    const auto& c = p.cells[i];
    const auto around_box = surround(s, c.box_centre, 1.25 * pitch_px);
    const auto around_text = surround(s, c.text_centre, c.text.width / 2.0 + 1.25 * pitch_px, &c.box);
    // A circle around a short label drawn as wide as the longest of its column.
    const cv::Point2f label_centre(c.label.x + c.label.width / 2.0f, c.label.y + c.label.height / 2.0f);
    const auto around_label = surround(s, label_centre, c.label.width / 2.0 + 1.25 * pitch_px, &c.box);
    if (std::getenv("CARTERO_MARKS_DEBUG") && std::max({around_box.share, around_text.share, around_label.share}) > 0.5) {
      std::fprintf(stderr, "  cell %zu around box %.2f (%.0f) text %.2f (%.0f) label %.2f (%.0f, %d gaps)\n", i,
                   around_box.share, around_box.depth, around_text.share, around_text.depth, around_label.share,
                   around_label.depth, around_label.gaps);
    }
    const std::array<std::pair<Surround, cv::Point2f>, 3> arounds{
        {{around_box, c.box_centre}, {around_text, c.text_centre}, {around_label, label_centre}}};
    for (const auto& [a, centre] : arounds) {
      // Closed, or open by at most a quarter turn in one place (a circle
      // not quite closed).
      if (a.share < 0.83 && (a.share < 0.75 || a.gaps > 1) && !(pieces && a.share >= 0.7)) continue;
      if (!enclosed.empty() && enclosed.back().cell == i) {
        if (a.share > enclosed.back().share) enclosed.back().centre = centre;
        enclosed.back().share = std::max(enclosed.back().share, a.share);
        enclosed.back().depth = std::max(enclosed.back().depth, a.depth);
      } else {
        enclosed.push_back({i, a.share, a.depth, centre});
      }
    }
  }
  if (enclosed.size() == 1) {
    return Designation{Designation::cause, enclosed.front().cell, enclosed.front().share, "loop", enclosed.front().centre};
  }
  if (enclosed.size() > 1) {
    std::sort(enclosed.begin(), enclosed.end(), [](const auto& a, const auto& b) { return a.depth > b.depth; });
    const auto& first = enclosed[0];
    if (first.depth >= 0.3 * box_px && first.depth >= 2.0 * enclosed[1].depth) {
      return Designation{Designation::cause, first.cell, std::min(first.share, 1 - enclosed[1].depth / first.depth), "loop",
                         first.centre};
    }
    return Designation{Designation::doubtful, 0, 0, "loop around several boxes"};
  }
  return std::nullopt;
}

// How much of a loop's ink lies off its ring and in the middle of the box
// of a cause other than the one it encloses (inset by a quarter of the box). A loop
// around one box may touch or run through its neighbours' boxes: that ink is
// on the ring (as near the loop's centre as the rest of the ring in that
// direction). A tick or an X drawn in another box and joined to the loop
// (through a printed box both touch) lies beyond the ring.
int ink_off_the_ring_in_other_boxes(const Panel& p, const Stroke& s, const Designation& loop) {
  const double box_px = p.cells.front().box.width;
  constexpr int k_bins = 36;
  std::array<double, k_bins> ring;
  ring.fill(1e9);
  const auto bin_of = [&](const cv::Point& q) {
    const double a = std::atan2(q.y - loop.centre.y, q.x - loop.centre.x) + CV_PI;
    return std::min(k_bins - 1, static_cast<int>(a / (2 * CV_PI) * k_bins));
  };
  for (const auto& q : s.pixels) {
    const auto b = static_cast<std::size_t>(bin_of(q));
    ring[b] = std::min(ring[b], static_cast<double>(std::hypot(q.x - loop.centre.x, q.y - loop.centre.y)));
  }
  // Ink over the centre itself: no ring to speak of (a tick whose vertex
  // sits in the box reads as enclosing it); left to the loop's reading.
  if (*std::min_element(ring.begin(), ring.end()) < 0.3 * box_px) return 0;
  // The loop's own line, followed through its own ink only (not through the
  // printed ink that joined the stroke): its tail running on into a
  // neighbour's box is the loop; a mark joined to it through a printed box
  // is not.
  const cv::Rect span = cv::boundingRect(s.pixels);
  cv::Mat own(span.size(), CV_8U, cv::Scalar(0)), parts;
  for (const auto& q : s.pixels) own.at<std::uint8_t>(q - span.tl()) = 255;
  cv::dilate(own, own, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(3, 3)));
  const int count = cv::connectedComponents(own, parts, 8, CV_32S);
  std::vector<int> sizes(static_cast<std::size_t>(count), 0);
  for (const auto& q : s.pixels) ++sizes[static_cast<std::size_t>(parts.at<int>(q - span.tl()))];
  const int line = static_cast<int>(std::max_element(sizes.begin() + 1, sizes.end()) - sizes.begin());
  int most = 0;
  for (std::size_t i = 0; i < p.cells.size(); ++i) {
    if (i == loop.cell) continue;
    const auto& b = p.cells[i].box;
    const int inset = b.width / 4;  // the box's middle: a tail entering from its edge stays out
    const cv::Rect inside(b.x + inset, b.y + inset, b.width - 2 * inset, b.height - 2 * inset);
    const auto n = std::count_if(s.pixels.begin(), s.pixels.end(), [&](const cv::Point& q) {
      return inside.contains(q) && parts.at<int>(q - span.tl()) != line &&
             std::hypot(q.x - loop.centre.x, q.y - loop.centre.y) > ring[static_cast<std::size_t>(bin_of(q))] + 0.4 * box_px;
    });
    most = std::max(most, static_cast<int>(n));
  }
  return most;
}

// The label a flat line runs under (or through): the one text it spans
// for at least half of the text's width, with two thirds of the line in the
// label's place (a short label underlined as wide as its column's longest;
// a fold's shadow across the panel is no underline), lying above the line
// by at most half a row's pitch. A person reads a line under "Destinatario
// desconocido" as that cause, however near it passes to the box below.
std::optional<std::size_t> underlined(const Panel& p, const cv::Rect& line) {
  const double pitch_px = 24 * p.px;
  const int cy = line.y + line.height / 2;
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < p.cells.size(); ++i) {
    const auto& t = p.cells[i].text;
    const auto& place = p.cells[i].label;
    const int overlap = std::min(line.br().x, t.br().x) - std::max(line.x, t.x);
    const int half_box = p.cells[i].box.width / 2;
    const int in_place = std::min(line.br().x, place.br().x + half_box) - std::max(line.x, place.x - half_box);
    if (2 * overlap < t.width || 3 * in_place < 2 * line.width) continue;  // under most of it, and mostly in its place
    if (cy <= t.y || cy - t.br().y > 0.5 * pitch_px) continue;
    if (found) return std::nullopt;  // under two labels: what it covers decides
    found = i;
  }
  return found;
}

// How much of a stroke lies in the middle half of the box of a cause other
// than `cell`.
long ink_in_middle_of_other_boxes(const Panel& p, const Stroke& s, std::size_t cell) {
  long most = 0;
  for (std::size_t i = 0; i < p.cells.size(); ++i) {
    if (i == cell) continue;
    const auto& b = p.cells[i].box;
    const int inset = b.width / 4;
    const cv::Rect inside(b.x + inset, b.y + inset, b.width - 2 * inset, b.height - 2 * inset);
    most = std::max(most, static_cast<long>(std::count_if(s.pixels.begin(), s.pixels.end(), [&](const cv::Point& q) { return inside.contains(q); })));
  }
  return most;
}

Designation designate(const Panel& p, const Stroke& s) {
  const double box_px = p.cells.front().box.width;
  // 1. A loop around one target, unless it also holds a mark inside another
  // box (two marks that touch: a person looks).
  if (auto loop = loop_designation(p, s)) {
    const int off_ring = loop->kind == Designation::cause ? ink_off_the_ring_in_other_boxes(p, s, *loop) : 0;
    if (std::getenv("CARTERO_MARKS_DEBUG") && off_ring > 0) std::fprintf(stderr, "  loop: %d px off its ring in another box\n", off_ring);
    if (off_ring >= 1.5 * box_px) {
      return {Designation::doubtful, 0, 0, "loop joined to a mark in another box"};
    }
    return *loop;
  }
  // 2. Ink per cause region.
  std::vector<int> in_cell(p.cells.size(), 0);
  int in_any = 0;
  for (const auto& q : s.pixels) {
    const int c = cell_at(p, cv::Point2f(static_cast<float>(q.x), static_cast<float>(q.y)));
    if (c >= 0) ++in_cell[static_cast<std::size_t>(c)], ++in_any;
  }
  if (in_any < box_px) return {};  // ink off the boxes and labels: writing, a stamp's edge
  // 3. An underline designates the label above it.
  const cv::Rect span = cv::boundingRect(s.pixels);
  if (span.width > 4 * span.height && span.width >= box_px && span.height <= box_px) {
    if (const auto c = underlined(p, span)) return {Designation::cause, *c, 0.8, "underline"};
  }
  // 4. A tick designates the box at its vertex, wherever its tail runs.
  std::optional<cv::Point2f> rising;
  if (const auto v = tick_vertex(s, box_px, &rising)) {
    const int c = cell_close_to(p, *v);
    if (c >= 0) return {Designation::cause, static_cast<std::size_t>(c), 0.9, "tick"};
    // Close to no box nor label (the foot of an arc between two rows, a
    // scribble's lowest turn): what it covers decides.
  } else if (rising) {
    // A line that starts inside a box and rises from it to the right, its
    // tail over the labels above (a tick whose short arm the pencil barely
    // left): the box it starts from -- unless it runs through another box.
    for (std::size_t i = 0; i < p.cells.size(); ++i) {
      const auto& b = p.cells[i].box;
      const int inset = b.width / 8;
      if (!cv::Rect(b.x + inset, b.y + inset, b.width - 2 * inset, b.height - 2 * inset).contains(*rising)) continue;
      if (ink_in_middle_of_other_boxes(p, s, i) == 0) return {Designation::cause, i, 0.6, "rising line"};
      break;
    }
  }
  // 5. An X or a scribble: the cause whose box and label hold most of it.
  std::vector<std::size_t> order(p.cells.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return in_cell[a] > in_cell[b]; });
  const double first = in_cell[order[0]], second = in_cell[order[1]];
  if (first >= 0.6 * in_any && second <= 0.25 * first) {
    return {Designation::cause, order[0], std::min(1.0, (first - second) / first), "cover"};
  }
  return {Designation::doubtful, 0, 0, "stroke across boxes"};
}

// A faint circle on a poor scan comes out in pieces: an arc that alone
// designates nothing or reads as a doubtful stroke, and short slivers where
// it crosses a neighbour's label. Taken together the pieces enclose one
// target: that is the cause, provided no piece is a mark of its own (no
// piece alone is a loop, and no piece has ink inside another cause's box).
std::optional<std::size_t> pieces_of_one_loop(const Panel& p, const std::vector<Stroke>& strokes, double min_pixels) {
  Stroke all;
  std::vector<const Stroke*> pieces;
  for (const auto& s : strokes) {
    if (static_cast<double>(s.pixels.size()) < min_pixels) continue;
    if (loop_designation(p, s)) return std::nullopt;
    pieces.push_back(&s);
    all.pixels.insert(all.pixels.end(), s.pixels.begin(), s.pixels.end());
  }
  if (pieces.size() < 2) return std::nullopt;
  const auto loop = loop_designation(p, all, true);
  if (!loop || loop->kind != Designation::cause) return std::nullopt;
  for (const auto* s : pieces) {
    for (std::size_t i = 0; i < p.cells.size(); ++i) {
      const auto& c = p.cells[i];
      if (i == loop->cell) continue;
      const int inset = c.box.width / 6;
      const cv::Rect inside(c.box.x + inset, c.box.y + inset, c.box.width - 2 * inset, c.box.height - 2 * inset);
      for (const auto& q : s->pixels) {
        if (inside.contains(q)) return std::nullopt;
      }
    }
  }
  return loop->cell;
}

// Faint pencil on a poor scan or a photo comes out in pieces each too small
// to be a stroke. When nothing else on the panel is a mark, pieces that lie
// inside one box and no other, and that together are as much ink as a
// stroke and span the box, are read together: the box is the cause when the
// pieces designate it as one stroke would (a tick's vertex, an X or a
// scribble covering it).
std::optional<std::size_t> pieces_in_one_box(const Panel& p, const std::vector<Stroke>& strokes, double min_pixels) {
  const int box_px = p.cells.front().box.width;
  const double min_piece = min_pixels / 5;  // noise specks are smaller
  const int grow = box_px / 4;
  std::optional<std::size_t> cell;
  Stroke all;
  for (const auto& s : strokes) {
    const auto size = static_cast<double>(s.pixels.size());
    if (size >= min_pixels || size < min_piece) continue;
    std::optional<std::size_t> in;
    for (std::size_t i = 0; i < p.cells.size() && !in; ++i) {
      const auto& b = p.cells[i].box;
      const cv::Rect around(b.x - grow, b.y - grow, b.width + 2 * grow, b.height + 2 * grow);
      const auto inside = std::count_if(s.pixels.begin(), s.pixels.end(), [&](const cv::Point& q) { return around.contains(q); });
      if (2 * inside > static_cast<long>(s.pixels.size())) in = i;
    }
    if (!in) continue;  // off the boxes: a speck on a label, writing
    if (cell && *cell != *in) return std::nullopt;  // pieces in two boxes: a person looks
    cell = in;
    all.pixels.insert(all.pixels.end(), s.pixels.begin(), s.pixels.end());
  }
  if (!cell || static_cast<double>(all.pixels.size()) < min_pixels) return std::nullopt;
  const cv::Rect span = cv::boundingRect(all.pixels);
  if (span.width < box_px / 3 || span.height < box_px / 3) return std::nullopt;
  const auto d = designate(p, all);
  if (std::getenv("CARTERO_MARKS_DEBUG")) {
    std::fprintf(stderr, "pieces in box %zu: %zu px, %dx%d, kind %d cell %zu %s\n", *cell, all.pixels.size(), span.width,
                 span.height, static_cast<int>(d.kind), d.cell, d.how);
  }
  if (d.kind != Designation::cause || d.cell != *cell) return std::nullopt;
  return cell;
}

// Ink fainter than the ink threshold (up to k_faint_share of the paper),
// not printed and not part of a stroke already read, well inside the box of
// a cause other than `chosen`: as much as a third of a box's outline and
// spanning a third of the box (noise specks are neither).
constexpr double k_faint_share = 0.9;
std::optional<std::size_t> faint_mark_elsewhere(const Panel& p, const cv::Mat& flat, const cv::Mat& printed, int paper,
                                                cv::Point shift, const std::vector<Stroke>& strokes, double min_pixels,
                                                std::size_t chosen) {
  thread_local cv::Mat faint, read;
  cv::threshold(flat, faint, paper * k_faint_share, 255, cv::THRESH_BINARY_INV);
  faint.setTo(0, printed);
  read.create(faint.size(), CV_8U);
  read.setTo(0);
  for (const auto& s : strokes) {
    if (static_cast<double>(s.pixels.size()) < min_pixels) continue;
    for (const auto& q : s.pixels) read.at<std::uint8_t>(q) = 255;
  }
  cv::dilate(read, read, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(7, 7)));
  faint.setTo(0, read);
  const cv::Rect whole(0, 0, faint.cols, faint.rows);
  for (std::size_t i = 0; i < p.cells.size(); ++i) {
    if (i == chosen) continue;
    const auto& b = p.cells[i].box;
    const int inset = std::max(2, b.width / 8);
    const cv::Rect inside = (cv::Rect(b.x + inset, b.y + inset, b.width - 2 * inset, b.height - 2 * inset) + shift) & whole;
    if (inside.area() == 0) continue;
    std::vector<cv::Point> ink;
    cv::findNonZero(faint(inside), ink);
    if (static_cast<double>(ink.size()) < b.width / 1.5) continue;
    const cv::Rect span = cv::boundingRect(ink);
    if (span.width >= b.width / 3 && span.height >= b.width / 3) return i;
  }
  return std::nullopt;
}

// How far apart two pieces of fresh ink may lie and still be one stroke:
// the gaps of a ballpoint line (k_join_px), and of a broken one -- pencil,
// a faint pen on a poor scan, which comes out in dashes (k_link_px).
constexpr int k_join_px = 5;
constexpr int k_link_px = 13;

// Fresh ink (`ink` not printed) as strokes: joined through the printed ink
// it crosses (a tick's tail through the label above stays one stroke) and
// across gaps up to about `join_px` pixels. Only the printed ink next to
// fresh ink joins: a tail that touches the panel's border or its title is
// not joined along them to whatever else touches them.
std::vector<Stroke> group_strokes(const cv::Mat& ink, const cv::Mat& fresh, const cv::Mat& printed) {
  // Each reading thread keeps its buffers: a page's panel is the same size
  // as the last one's (no allocation, no page faults, a page after page).
  thread_local cv::Mat joined, near, labels;
  cv::dilate(fresh, near, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(21, 21)));
  cv::bitwise_and(ink, printed, joined);
  cv::bitwise_and(joined, near, joined);
  cv::bitwise_or(joined, fresh, joined);
  cv::dilate(joined, joined, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k_join_px, k_join_px)));
  const int n = cv::connectedComponents(joined, labels, 8, CV_32S);
  std::vector<Stroke> strokes(static_cast<std::size_t>(n));
  for (int y = 0; y < fresh.rows; ++y) {
    const auto* f = fresh.ptr<std::uint8_t>(y);
    const auto* l = labels.ptr<int>(y);
    for (int x = 0; x < fresh.cols; ++x) {
      if (f[x] && l[x] > 0) strokes[static_cast<std::size_t>(l[x])].pixels.emplace_back(x, y);
    }
  }
  return strokes;
}

// Whether half of a stroke lies within 3 pixels of the print: the fringe of
// a label's letters or of the title left by a pixel of misalignment, JPEG
// ringing -- not a pen's line.
bool hugs_the_print(const Stroke& s, const cv::Mat& printed) {
  const int w = printed.cols, h = printed.rows;
  const auto near = std::count_if(s.pixels.begin(), s.pixels.end(), [&](const cv::Point& q) {
    for (int y = std::max(0, q.y - 3); y <= std::min(h - 1, q.y + 3); ++y) {
      const auto* row = printed.ptr<std::uint8_t>(y);
      for (int x = std::max(0, q.x - 3); x <= std::min(w - 1, q.x + 3); ++x) {
        if (row[x]) return true;
      }
    }
    return false;
  });
  return 2 * near >= static_cast<long>(s.pixels.size());
}

// The strokes with the pieces of a broken line joined: pieces of fresh ink
// up to about k_link_px apart become one stroke. A piece that hugs the
// print (the fringe of a label's letters or of the title left by a pixel of
// misalignment, JPEG ringing) is left as it is: it is not a pen's line, and
// joined it would chain its neighbours along the print into a loop.
std::vector<Stroke> link_pieces(const std::vector<Stroke>& strokes, const cv::Mat& ink, const cv::Mat& printed, double min_piece) {
  thread_local cv::Mat pieces, near, labels;
  pieces.create(printed.size(), CV_8U);
  pieces.setTo(0);
  std::vector<bool> linkable(strokes.size(), false);
  for (std::size_t i = 0; i < strokes.size(); ++i) {
    const auto& px = strokes[i].pixels;
    if (static_cast<double>(px.size()) < min_piece || hugs_the_print(strokes[i], printed)) continue;
    linkable[i] = true;
    for (const auto& q : px) pieces.at<std::uint8_t>(q) = 255;
  }
  // Through the print too, further than group_strokes does: a line that
  // runs along a box's edge or the title for a while comes out in pieces.
  cv::dilate(pieces, near, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(31, 31)));
  cv::bitwise_and(near, printed, near);
  cv::bitwise_and(near, ink, near);
  cv::bitwise_or(pieces, near, pieces);
  cv::dilate(pieces, pieces, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k_link_px, k_link_px)));
  const int n = cv::connectedComponents(pieces, labels, 8, CV_32S);
  // A stroke joined through the print may reach several groups: one.
  std::vector<int> root(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) root[static_cast<std::size_t>(i)] = i;
  const auto find = [&](int a) {
    while (root[static_cast<std::size_t>(a)] != a) a = root[static_cast<std::size_t>(a)] = root[static_cast<std::size_t>(root[static_cast<std::size_t>(a)])];
    return a;
  };
  for (std::size_t i = 0; i < strokes.size(); ++i) {
    if (!linkable[i]) continue;
    const int first = find(labels.at<int>(strokes[i].pixels.front()));
    for (const auto& q : strokes[i].pixels) {
      const int other = find(labels.at<int>(q));
      if (other != first) root[static_cast<std::size_t>(other)] = first;
    }
  }
  std::vector<Stroke> out;
  std::map<int, std::size_t> at;
  for (std::size_t i = 0; i < strokes.size(); ++i) {
    if (strokes[i].pixels.empty()) continue;
    if (!linkable[i]) {
      out.push_back(strokes[i]);
      continue;
    }
    const int g = find(labels.at<int>(strokes[i].pixels.front()));
    const auto [it, fresh_group] = at.emplace(g, out.size());
    if (fresh_group) out.emplace_back();
    auto& into = out[it->second].pixels;
    into.insert(into.end(), strokes[i].pixels.begin(), strokes[i].pixels.end());
  }
  return out;
}

// The strokes of the ink darker than `threshold`, not printed.
// `link_from`: pieces of at least that many pixels joined as link_pieces does.
std::vector<Stroke> strokes_of(const cv::Mat& flat, const cv::Mat& printed, double threshold, double link_from = 0) {
  thread_local cv::Mat ink, fresh;
  cv::threshold(flat, ink, threshold, 255, cv::THRESH_BINARY_INV);
  ink.copyTo(fresh);
  fresh.setTo(0, printed);
  auto strokes = group_strokes(ink, fresh, printed);
  return link_from > 0 ? link_pieces(strokes, ink, printed, link_from) : strokes;
}

// Faint pencil that the ink threshold lost: the panel smoothed (noise
// specks fade, a pencil line stays) and read at k_faint_share of the paper.
// Beside a first reading (`already_read`: its designating strokes' pixels),
// each faint stroke is either that mark read again (a tenth of it or more
// already read: skipped), apart from it (another mark), or a larger mark
// holding a small piece of it: a faint loop of which the ink threshold kept
// only an arc, read by itself as a mark on the next box.
struct FaintReading {
  std::set<std::size_t> apart;  // causes designated by faint strokes apart from the first reading
  int apart_doubtful = 0;
  std::set<std::size_t> holding;  // causes designated by faint strokes holding a piece of it
  int holding_doubtful = 0;
  long held = 0;  // pixels of the first reading inside those strokes
};

FaintReading read_faint(const Panel& p, const cv::Mat& flat, const cv::Mat& printed, int paper, double min_pixels,
                        const cv::Mat* already_read = nullptr) {
  thread_local cv::Mat smooth, wider;
  cv::medianBlur(flat, smooth, 3);
  // The printed ink's fringe (JPEG ringing around bold text, a pixel of
  // misalignment) is as light as pencil: kept further off.
  cv::dilate(printed, wider, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(5, 5)));
  const int half_box = p.cells.front().box.width / 2;
  FaintReading r;
  for (const auto& s : strokes_of(smooth, wider, paper * k_faint_share, min_pixels / 5)) {
    if (static_cast<double>(s.pixels.size()) < min_pixels) continue;
    const cv::Rect span = cv::boundingRect(s.pixels);
    // A line along the text is its fringe -- unless it is a pencil underline:
    // two boxes long or more, clear of the print, under one label.
    const bool flat = span.width < half_box || span.height < half_box;
    if (flat && !(span.width >= 4 * half_box && !hugs_the_print(s, wider))) continue;
    long seen = 0;
    if (already_read) {
      seen = std::count_if(s.pixels.begin(), s.pixels.end(), [&](const cv::Point& q) { return already_read->at<std::uint8_t>(q) != 0; });
      if (10 * seen >= static_cast<long>(s.pixels.size())) continue;  // the mark already read, read again
    }
    const auto d = designate(p, s);
    if (flat && std::string_view(d.how) != "underline") continue;
    if (std::getenv("CARTERO_MARKS_DEBUG")) {
      const cv::Rect b = cv::boundingRect(s.pixels);
      std::fprintf(stderr, "faint stroke %zu px at %d,%d %dx%d (%ld read): kind %d cell %zu %s\n", s.pixels.size(), b.x, b.y,
                   b.width, b.height, seen, static_cast<int>(d.kind), d.cell, d.how);
    }
    auto& cells = seen > 0 ? r.holding : r.apart;
    if (d.kind == Designation::cause) cells.insert(d.cell);
    if (d.kind == Designation::doubtful) ++(seen > 0 ? r.holding_doubtful : r.apart_doubtful);
    r.held += seen;
  }
  return r;
}

// The faint reading alone (nothing read at the ink threshold). nullopt:
// nothing there either; -1: faint ink that designates no one box clearly
// (two boxes, a doubtful stroke); else the one cell designated.
std::optional<int> faint_strokes_designate(const Panel& p, const cv::Mat& flat, const cv::Mat& printed, int paper,
                                           double min_pixels) {
  const auto r = read_faint(p, flat, printed, paper, min_pixels);
  if (r.apart.empty() && r.apart_doubtful == 0) return std::nullopt;
  if (r.apart.size() == 1 && r.apart_doubtful == 0) return static_cast<int>(*r.apart.begin());
  return -1;
}

// One reading of a page's strokes: the causes they designate and how many
// are doubtful.
struct Reading {
  std::set<std::size_t> designated;
  int doubtful = 0;
  bool one_cause() const { return designated.size() == 1 && doubtful == 0; }
};

// `designating` gets the pixels of the strokes that designate a cause.
Reading read_strokes(const Panel& p, const std::vector<Stroke>& strokes, double min_pixels, cv::Mat& designating,
                     const char* reading) {
  Reading r;
  designating.setTo(0);
  for (const auto& s : strokes) {
    if (static_cast<double>(s.pixels.size()) < min_pixels) continue;
    const auto d = designate(p, s);
    if (std::getenv("CARTERO_MARKS_DEBUG")) {
      const cv::Rect b = cv::boundingRect(s.pixels);
      std::fprintf(stderr, "%s stroke %zu px at %d,%d %dx%d: kind %d cell %zu strength %.2f %s\n", reading, s.pixels.size(),
                   b.x, b.y, b.width, b.height, static_cast<int>(d.kind), d.cell, d.strength, d.how);
    }
    if (d.kind == Designation::cause) {
      for (const auto& q : s.pixels) designating.at<std::uint8_t>(q) = 255;
      r.designated.insert(d.cell);
    } else if (d.kind == Designation::doubtful) {
      ++r.doubtful;
    }
  }
  return r;
}

// Whether a stroke has ink well inside the box of a cause other than
// `chosen` (its middle half): a mark of its own on that box, as a person
// sees it, however the pieces around it are read.
bool ink_inside_another_box(const Panel& p, const std::vector<Stroke>& strokes, double min_pixels, std::size_t chosen) {
  const int box_px = p.cells.front().box.width;
  return std::any_of(strokes.begin(), strokes.end(), [&](const Stroke& s) {
    return static_cast<double>(s.pixels.size()) >= min_pixels && 2 * ink_in_middle_of_other_boxes(p, s, chosen) >= box_px;
  });
}

// How sure a cause read each way is: how the pages read that way fared on
// the courier-mark corpora of both generators (bench/RESULTS.md, "How sure a
// reading is": 14 corpora, 1,986 pages, 1,841 recorded), counted as
// (right + 1) / (pages + 2) so that a way never wrong on a few pages is not
// called certain. The confidence a page reports is its way's.
struct WayOfReading {
  std::string_view name;
  int pages, right;
};
constexpr WayOfReading k_ways[] = {
    {"clear", 1763, 1763}, {"joined", 37, 37}, {"pieces", 14, 14}, {"faint", 25, 25}, {"faint_whole", 2, 2}};

double confidence_of(std::string_view read_as) {
  for (const auto& w : k_ways) {
    if (w.name == read_as) return (w.right + 1.0) / (w.pages + 2.0);
  }
  return 0.5;
}

CauseDecision decided(ReturnCause cause, const char* read_as) {
  CauseDecision d;
  d.cause = cause;
  d.confidence = confidence_of(read_as);
  d.read_as = read_as;
  return d;
}

CauseDecision with_observation(CauseDecision d, bool written) {
  d.observation_written = written;
  return d;
}

}  // namespace

CauseDecision decide_cause(const cv::Mat& canonical) {
  const Panel& p = blank_panel();
  if (!p.ok || canonical.cols < p.roi.br().x || canonical.rows < p.roi.br().y) {
    return {std::nullopt, 0, "the blank panel could not be prepared", PageNote::unclear_mark};
  }
  const cv::Mat roi = canonical(p.roi);
  const auto [shift, match] = best_shift(p, roi);
  if (match < 0.25) return {std::nullopt, 0, "the cause panel is not on the page (torn off or covered)", PageNote::panel_missing};
  const cv::Mat printed = printed_on_scan(p, roi, shift);

  // Light evened out first (a phone's photo is darker at one corner): the
  // paper's brightness around each pixel, from a small copy where the ink
  // is dilated away, divides the panel.
  cv::Mat background, flat;
  cv::resize(roi, background, cv::Size(), 0.125, 0.125, cv::INTER_AREA);
  cv::dilate(background, background, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
  cv::GaussianBlur(background, background, cv::Size(5, 5), 0);
  cv::resize(background, background, roi.size(), 0, 0, cv::INTER_LINEAR);
  cv::max(background, 1, background);
  cv::divide(roi, background, flat, 255);
  // Paper: the 90th percentile of the evened panel; ink below k_ink_share of it.
  int hist[256] = {};
  for (int y = 0; y < flat.rows; y += 2) {
    const auto* row = flat.ptr<std::uint8_t>(y);
    for (int x = 0; x < flat.cols; x += 2) ++hist[row[x]];
  }
  const int total = ((flat.rows + 1) / 2) * ((flat.cols + 1) / 2);
  int paper = 255;
  for (int v = 0, seen = 0; v < 256; ++v) {
    seen += hist[v];
    if (seen >= total * 0.9) {
      paper = v;
      break;
    }
  }
  cv::Mat ink;
  cv::threshold(flat, ink, paper * k_ink_share, 255, cv::THRESH_BINARY_INV);
  cv::Mat fresh;
  cv::bitwise_and(ink, ~printed, fresh);
  if (const char* dir = std::getenv("CARTERO_MARKS_DEBUG")) {
    static std::atomic<int> seq{0};
    cv::Mat show;
    cv::merge(std::vector<cv::Mat>{roi, roi - fresh, roi - printed / 3}, show);
    cv::imwrite(std::string(dir) + "/marks-" + std::to_string(++seq) + ".png", show);
  }
  // Writing on the observation lines: fresh ink there, more than a box's
  // outline of it (specks of noise are not writing).
  const cv::Rect observation = (to_canonical(letters::letter_geometry().observation) - p.roi.tl()) &
                               cv::Rect(0, 0, fresh.cols, fresh.rows);
  const bool written = observation.area() > 0 && cv::countNonZero(fresh(observation)) > 4 * p.cells.front().box.width;
  auto strokes = group_strokes(ink, fresh, printed);
  const double min_pixels = 0.6 * p.cells.front().box.width * 2;  // half a box of a 2-pixel line
  thread_local cv::Mat designating, designating_linked;  // the strokes that designate a cause
  designating.create(fresh.size(), CV_8U);
  designating_linked.create(fresh.size(), CV_8U);
  auto reading = read_strokes(p, strokes, min_pixels, designating, "");
  // A broken line (pencil, a faint pen on a poor scan) comes out in dashes:
  // a tick's tail in pieces over the labels above, a circle's arc apart
  // from the rest of it, each piece read as a mark of its own. Read again
  // with the pieces a few pixels apart joined, the page is taken when that
  // reading designates one box and nothing else, and no stroke of the
  // first reading is a mark inside another box.
  bool joined = false;
  if (!reading.one_cause()) {
    auto linked = link_pieces(strokes, ink, printed, min_pixels / 5);
    const auto again = read_strokes(p, linked, min_pixels, designating_linked, "linked");
    if (again.one_cause() && !ink_inside_another_box(p, strokes, min_pixels, *again.designated.begin())) {
      reading = again;
      strokes = std::move(linked);
      std::swap(designating, designating_linked);
      joined = true;
    }
  }
  const auto& designated = reading.designated;
  if (designated.size() >= 4) {
    return with_observation({std::nullopt, 0, "marks on many cause boxes", PageNote::marks_everywhere}, written);
  }
  const int doubtful = reading.doubtful;
  if (designated.size() + (doubtful > 0 ? 1 : 0) >= 2) {
    if (const auto c = pieces_of_one_loop(p, strokes, min_pixels)) {
      return with_observation(decided(p.cells[*c].cause, "pieces"), written);
    }
  }
  if (designated.size() >= 2) return with_observation({std::nullopt, 0, "two different cause boxes are marked", PageNote::two_causes}, written);
  if (doubtful > 0) return with_observation({std::nullopt, 0, "a mark does not clearly designate one box", PageNote::unclear_mark}, written);
  if (designated.empty()) {
    if (const auto c = pieces_in_one_box(p, strokes, min_pixels)) {
      return with_observation(decided(p.cells[*c].cause, "pieces"), written);
    }
    // Faint pencil the ink threshold lost: the panel read again, smoothed
    // (noise specks fade) and with a lighter threshold; one box clearly
    // designated and nothing else is the cause, anything more a person's.
    if (const auto c = faint_strokes_designate(p, flat, printed, paper, min_pixels)) {
      if (*c >= 0) {
        return with_observation(decided(p.cells[static_cast<std::size_t>(*c)].cause, "faint"), written);
      }
      return with_observation({std::nullopt, 0, "the mark is faint or unclear", PageNote::faint_mark}, written);
    }
    return with_observation({std::nullopt, 0, "no cause box is marked", PageNote::no_mark}, written);
  }
  // One box designated; but a faint mark elsewhere (pencil that the ink
  // threshold lost, beside a clear mark) would make a person hesitate, and
  // the clear ink may be only a piece of a faint mark (an arc of a pencil
  // loop around the next label, a tick's tail): the panel is read again at
  // the faint threshold when there is faint ink on another box or ink that
  // designates nothing on a cause (a clean page saves the second reading).
  std::size_t chosen = *designated.begin();
  const auto faint_box = faint_mark_elsewhere(p, flat, printed, paper, shift, strokes, min_pixels, chosen);
  const bool loose_ink = std::any_of(strokes.begin(), strokes.end(), [&](const Stroke& s) {
    if (3 * static_cast<double>(s.pixels.size()) < min_pixels || designating.at<std::uint8_t>(s.pixels.front())) return false;
    return std::any_of(s.pixels.begin(), s.pixels.end(), [&](const cv::Point& q) { return cell_at(p, q) >= 0; });
  });
  bool faint_whole = false;
  if (faint_box || loose_ink) {
    const auto f = read_faint(p, flat, printed, paper, min_pixels, &designating);
    // The faint mark holding most of the clear ink designates one cause,
    // and nothing apart from it another: that mark, seen whole, decides.
    const bool whole = f.holding.size() == 1 && f.holding_doubtful == 0 && 2 * f.held >= cv::countNonZero(designating) &&
                       f.apart_doubtful == 0 && std::all_of(f.apart.begin(), f.apart.end(), [&](auto c) { return c == *f.holding.begin(); });
    if (whole && *f.holding.begin() != chosen) {
      if (std::getenv("CARTERO_MARKS_DEBUG")) std::fprintf(stderr, "faint mark holding the clear ink: box %zu\n", *f.holding.begin());
      chosen = *f.holding.begin();
      faint_whole = true;
    } else if (!f.holding.empty() && std::any_of(f.holding.begin(), f.holding.end(), [&](auto c) { return c != chosen; })) {
      return with_observation({std::nullopt, 0, "a fainter mark designates another cause box", PageNote::faint_mark}, written);
    }
    if (std::any_of(f.apart.begin(), f.apart.end(), [&](std::size_t c) { return c != chosen; })) {
      return with_observation({std::nullopt, 0, "a fainter mark designates another cause box", PageNote::faint_mark}, written);
    }
    if (const auto other = faint_mark_elsewhere(p, flat, printed, paper, shift, strokes, min_pixels, chosen)) {
      if (std::getenv("CARTERO_MARKS_DEBUG")) std::fprintf(stderr, "faint ink on box %zu\n", *other);
      return with_observation({std::nullopt, 0, "a faint mark on another cause box", PageNote::faint_mark}, written);
    }
  }
  const char* read_as = faint_whole ? "faint_whole" : joined ? "joined" : "clear";
  return with_observation(decided(p.cells[chosen].cause, read_as), written);
}

}  // namespace cartero::scanning
