#include "cartero/scanning/barcodes.hpp"

#include <ZXing/ReadBarcode.h>
#include <ZXing/TextUtfEncoding.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <set>
#include <sstream>

#include "opencv_adapter.hpp"

namespace cartero::scanning {

namespace {

// OpenCV's parallel loops run on TBB worker threads, which a forked decode
// child does not have: a child that resizes with them waits forever. Pages
// are read in parallel one per core already, so OpenCV runs sequentially in
// every process (set before main, before any OpenCV call makes workers).
const bool k_opencv_sequential = [] {
  cv::setNumThreads(0);
  return true;
}();

using ZXing::BarcodeFormat;

const BarcodeFormat k_linear[] = {BarcodeFormat::Code128, BarcodeFormat::Code39, BarcodeFormat::Code93,
                                  BarcodeFormat::Codabar, BarcodeFormat::EAN13,  BarcodeFormat::EAN8,
                                  BarcodeFormat::UPCA,    BarcodeFormat::UPCE,   BarcodeFormat::ITF};

FoundBarcode found(const ZXing::Result& r, double scale) {
  FoundBarcode b{ZXing::ToString(r.format()), ZXing::TextUtfEncoding::ToUtf8(r.text()), {}};
  for (int i = 0; i < 4; ++i) {
    b.position[static_cast<std::size_t>(i)] = {static_cast<int>(r.position()[i].x / scale),
                                               static_cast<int>(r.position()[i].y / scale)};
  }
  return b;
}

void read_all(const cv::Mat& m, double scale, const DecodeOptions& o, std::vector<FoundBarcode>& out) {
  const ZXing::ImageView view(m.data, m.cols, m.rows, ZXing::ImageFormat::Lum, static_cast<int>(m.step));
  if (o.matrix) {
    ZXing::DecodeHints hints;
    hints.setFormats(BarcodeFormat::QRCode | BarcodeFormat::DataMatrix | BarcodeFormat::Aztec | BarcodeFormat::PDF417);
    hints.setTryHarder(true).setTryRotate(true);
    for (const auto& r : ZXing::ReadBarcodes(view, hints)) {
      if (r.isValid()) out.push_back(found(r, scale));
    }
  }
  if (o.linear) {
    // One format and one result per call: the multi-result path is the one
    // that can abort on a 1D code found twice.
    for (auto format : k_linear) {
      ZXing::DecodeHints hints;
      hints.setFormats(format).setTryHarder(true).setTryRotate(true);
      const auto r = ZXing::ReadBarcode(view, hints);
      if (r.isValid()) out.push_back(found(r, scale));
    }
  }
}

// Clean-up variants tried in order when the plain image gives nothing.
std::vector<std::pair<cv::Mat, double>> variants(const cv::Mat& m) {
  std::vector<std::pair<cv::Mat, double>> out;
  const double scale = m.cols > 3000 ? 0.5 : 2.0;
  cv::Mat resized, binary, sharp, denoised;
  cv::resize(m, resized, cv::Size(), scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
  out.emplace_back(resized, scale);
  cv::adaptiveThreshold(m, binary, 255, cv::ADAPTIVE_THRESH_GAUSSIAN_C, cv::THRESH_BINARY, 51, 10);
  out.emplace_back(binary, 1.0);
  cv::GaussianBlur(m, sharp, cv::Size(0, 0), 2);
  cv::addWeighted(m, 1.8, sharp, -0.8, 0, sharp);
  out.emplace_back(sharp, 1.0);
  cv::medianBlur(m, denoised, 3);
  out.emplace_back(denoised, 1.0);
  return out;
}

std::vector<FoundBarcode> decode_here(const PageImage& page, const DecodeOptions& o) {
  std::vector<FoundBarcode> out;
  const cv::Mat m = as_mat(page);
  read_all(m, 1.0, o, out);
  if (out.empty() && o.retries) {
    for (const auto& [variant, scale] : variants(m)) {
      read_all(variant, scale, o, out);
      if (!out.empty()) break;
    }
  }
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<FoundBarcode> unique;
  for (auto& b : out) {
    if (seen.emplace(b.format, b.text).second) unique.push_back(std::move(b));
  }
  return unique;
}

// Line format between the decoding child and its parent.
std::string serialise(const std::vector<FoundBarcode>& found) {
  std::ostringstream s;
  for (const auto& b : found) {
    s << b.format << '\n' << b.text.size() << '\n' << b.text;
    for (const auto& p : b.position) s << ' ' << p[0] << ' ' << p[1];
    s << '\n';
  }
  return s.str();
}

std::vector<FoundBarcode> deserialise(const std::string& data) {
  std::vector<FoundBarcode> out;
  std::istringstream s(data);
  FoundBarcode b;
  std::size_t length = 0;
  while (std::getline(s, b.format) && s >> length) {
    s.get();
    b.text.assign(length, '\0');
    s.read(b.text.data(), static_cast<std::streamsize>(length));
    for (auto& p : b.position) s >> p[0] >> p[1];
    s.get();
    out.push_back(b);
  }
  return out;
}

}  // namespace

std::optional<std::vector<FoundBarcode>> find_barcodes(const PageImage& page, const DecodeOptions& options) {
  int fds[2];
  if (::pipe(fds) != 0) return decode_here(page, options);
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return decode_here(page, options);
  }
  if (child == 0) {
    ::close(fds[0]);
    const std::string data = serialise(decode_here(page, options));
    std::size_t done = 0;
    while (done < data.size()) {
      const auto n = ::write(fds[1], data.data() + done, data.size() - done);
      if (n <= 0) ::_exit(3);
      done += static_cast<std::size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string data;
  char buf[4096];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) data.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return deserialise(data);
}

}  // namespace cartero::scanning
