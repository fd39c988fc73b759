#include "cartero/scanning/letter_reader.hpp"

#include <ZXing/ReadBarcode.h>
#include <ZXing/TextUtfEncoding.h>

#include <opencv2/imgproc.hpp>

#include "align.hpp"
#include "cartero/letters/letter_code.hpp"
#include "cartero/scanning/barcodes.hpp"
#include "marks.hpp"
#include "opencv_adapter.hpp"

namespace cartero::scanning {

namespace {

struct Code {
  std::string payload;
  std::string letter_id;
};

// Our payload in a single-format, single-result read of `m` (the calls of
// ZXing-cpp 1.4 that cannot abort); foreign codes are ignored.
std::optional<Code> read_code(const cv::Mat& m, ZXing::BarcodeFormat format, bool rotate) {
  if (m.empty()) return std::nullopt;
  const cv::Mat c = m.isContinuous() ? m : m.clone();
  ZXing::DecodeHints hints;
  hints.setFormats(format).setTryHarder(true).setTryRotate(rotate);
  const auto r = ZXing::ReadBarcode({c.data, c.cols, c.rows, ZXing::ImageFormat::Lum}, hints);
  if (!r.isValid()) return std::nullopt;
  const std::string text = ZXing::TextUtfEncoding::ToUtf8(r.text());
  const auto id = letters::letter_id_from_payload(text);
  if (!id) return std::nullopt;
  return Code{text, *id};
}

// Tries a crop as it is, then cleaned up: larger, binarised, sharpened.
std::optional<Code> read_crop(const cv::Mat& crop, ZXing::BarcodeFormat format) {
  if (auto c = read_code(crop, format, false)) return c;
  cv::Mat big, binary, sharp;
  cv::resize(crop, big, cv::Size(), 2, 2, cv::INTER_CUBIC);
  if (auto c = read_code(big, format, false)) return c;
  cv::adaptiveThreshold(big, binary, 255, cv::ADAPTIVE_THRESH_GAUSSIAN_C, cv::THRESH_BINARY, 31, 8);
  if (auto c = read_code(binary, format, false)) return c;
  cv::GaussianBlur(big, sharp, cv::Size(0, 0), 3);
  cv::addWeighted(big, 2.0, sharp, -1.0, 0, sharp);
  return read_code(sharp, format, false);
}

// The letter's code from the aligned page: QR first, Code128 second. Two
// codes that name different letters are a doubt, not a choice.
std::optional<Code> read_codes(const cv::Mat& canonical, std::string& note, PageNote& note_code) {
  const auto& g = letters::letter_geometry();
  const auto qr = read_crop(canonical(to_canonical(g.qr, 6)), ZXing::BarcodeFormat::QRCode);
  const auto bars = read_crop(canonical(to_canonical(g.code128, 6)), ZXing::BarcodeFormat::Code128);
  if (qr && bars && qr->letter_id != bars->letter_id) {
    note = "the QR code and the Code128 name different letters";
    note_code = PageNote::codes_disagree;
    return std::nullopt;
  }
  return qr ? qr : bars;
}

PageImage crop_of(const cv::Mat& canonical, const letters::Rect& r, double margin) {
  return to_page(canonical(to_canonical(r, margin)).clone());
}

// When the marks are not found: our QR anywhere on the page, in any
// orientation, and the page aligned from its corners.
std::optional<cv::Mat> align_by_page_search(const cv::Mat& gray) {
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode).setTryHarder(true).setTryRotate(true);
  const cv::Mat c = gray.isContinuous() ? gray : gray.clone();
  for (const auto& r : ZXing::ReadBarcodes({c.data, c.cols, c.rows, ZXing::ImageFormat::Lum}, hints)) {
    if (!r.isValid() || !letters::letter_id_from_payload(ZXing::TextUtfEncoding::ToUtf8(r.text()))) continue;
    std::array<cv::Point2f, 4> corners;
    for (int i = 0; i < 4; ++i) corners[static_cast<std::size_t>(i)] = {static_cast<float>(r.position()[i].x), static_cast<float>(r.position()[i].y)};
    return align_by_qr(gray, corners);
  }
  return std::nullopt;
}

// Last resort: any of our codes on the whole page (the decoder runs in a
// child process, so a crash costs nothing but the page).
std::optional<Code> search_whole_page(const PageImage& page) {
  const auto found = find_barcodes(page, {true, true, false});
  if (!found) return std::nullopt;
  std::optional<Code> code;
  for (const auto& b : *found) {
    const auto id = letters::letter_id_from_payload(b.text);
    if (!id) continue;
    if (code && code->letter_id != *id) return std::nullopt;  // two letters on one page
    code = Code{b.text, *id};
  }
  return code;
}

}  // namespace

LetterReading read_page(const PageImage& page) {
  LetterReading out;
  const cv::Mat gray = as_mat(page);
  std::optional<cv::Mat> canonical = align_by_marks(gray);
  out.aligned = canonical.has_value();
  if (!canonical) canonical = align_by_page_search(gray);
  std::optional<Code> code;
  if (canonical) code = read_codes(*canonical, out.note, out.note_code);
  if (!code && out.note.empty()) code = search_whole_page(page);
  if (code) {
    out.letter_id = code->letter_id;
    out.barcode = code->payload;
  }
  if (canonical) {
    const auto decision = decide_cause(*canonical);
    out.cause = decision.cause;
    out.cause_confidence = decision.cause ? decision.confidence : 0;
    if (decision.cause) out.cause_read_as = decision.read_as;
    if (decision.observation_written) out.observation_crop = crop_of(*canonical, letters::letter_geometry().observation, 4);
    if (out.note.empty()) {
      out.note = decision.note;
      out.note_code = decision.note_code;
    }
  } else if (out.note.empty()) {
    out.note = "the page could not be aligned to the letter";
    out.note_code = PageNote::not_aligned;
  }
  if (!out.letter_id) {
    out.status = out.note_code == PageNote::codes_disagree ? Reading::review : Reading::unreadable;
    if (out.status == Reading::unreadable) {
      out.note = "no letter code of ours on the page";
      out.note_code = PageNote::no_code;
    }
  } else {
    out.status = out.cause ? Reading::complete : Reading::review;
  }
  if (out.status != Reading::complete && canonical) {
    const auto& g = letters::letter_geometry();
    out.code_crop = crop_of(*canonical, letters::Rect{g.code128.x, g.code128.y, g.qr.right() - g.code128.x, g.qr.top() - g.code128.y}, 8);
    out.panel_crop = crop_of(*canonical, g.panel, 6);
  }
  return out;
}

LetterReading read_letter(const PageImage& page) {
  try {
    return read_page(page);
  } catch (const std::exception& e) {
    // An image OpenCV or ZXing cannot process is one unreadable page.
    LetterReading out;
    out.note = std::string("the page image cannot be processed: ") + e.what();
    out.note_code = PageNote::image_error;
    return out;
  }
}

}  // namespace cartero::scanning
