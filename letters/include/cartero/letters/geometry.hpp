// The letter's geometry: the ONE definition of where everything is on the
// page, read by the PDF writer, by `cartero layout` / layout.json, and by the
// scanner that aligns returned letters to the registration marks and crops
// the codes and the cause boxes.
//
// Units are PDF points (1/72 in), origin at the page's lower-left corner,
// every rectangle [x, y, width, height]. The page is Colombian letter size
// (carta, 612 x 792). The top third (above the fold at y = 528) is the
// outside of the self-mailer: addressee, codes and the return-cause panel
// face the courier there.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "cartero/core/causes.hpp"

namespace cartero::letters {

struct Rect {
  double x = 0, y = 0, width = 0, height = 0;
  double right() const { return x + width; }
  double top() const { return y + height; }
};

constexpr double mm(double millimetres) { return millimetres * 72.0 / 25.4; }

enum class MarkShape { filled, hollow };

struct RegistrationMark {
  std::string_view id;  // "top_left", "top_right", "bottom_left", "bottom_right"
  MarkShape shape;      // exactly one is hollow: it gives the page's orientation
  Rect rect;
};

struct CauseBox {
  ReturnCause cause;
  Rect box;    // the square the courier marks
  Rect label;  // where its Spanish label is printed
};

struct LetterGeometry {
  double page_width = 612;
  double page_height = 792;
  double fold_y = 528;          // the self-mailer's top fold
  Rect sender;                  // company, NIT, address
  Rect reference;               // letter number, place and date
  Rect addressee;               // name, address, neighborhood, city (window)
  Rect qr;                      // QR code, quiet zone included
  Rect code128;                 // Code128 bars, quiet zone included
  Rect code128_text;            // the human-readable payload under the bars
  Rect panel;                   // the return-cause panel
  Rect panel_title;
  std::array<CauseBox, 13> causes;  // in all_causes() order
  Rect observation;             // where the courier writes the observation (two ruled lines)
  Rect body;                    // the letter's text
  Rect signature;
  std::array<RegistrationMark, 4> marks;
  double mark_stroke = 6;       // ring width of the hollow mark
};

// The geometry every letter uses.
const LetterGeometry& letter_geometry();

// layout.json as DESIGN "Files Cartero writes" says:
// {"page": {"width", "height"}, "codes": {"qr", "code128"},
//  "registration_marks": [{"id", "shape", "rect"}], "panel",
//  "causes": [{"code", "label", "rect", "label_rect"}]} plus the other blocks under "blocks".
std::string layout_json(const LetterGeometry& g);

// One page as every letter prints it with nothing of any account on it (no
// codes, no name), written as a PDF at `path`: the blank template the
// scanner subtracts to find the courier's ink. Throws like generating
// letters does (a missing font, a full disk).
void write_blank_letter(const std::string& path);

}  // namespace cartero::letters
