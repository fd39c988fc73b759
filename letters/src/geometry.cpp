#include "cartero/letters/geometry.hpp"

#include <algorithm>

#include "cartero/core/json.hpp"
#include "defaults.hpp"
#include "pdf_writer.hpp"

namespace cartero::letters {

namespace {

LetterGeometry make_geometry() {
  LetterGeometry g;
  const double mark = 20;  // 7 mm squares, well clear of the text
  g.marks = {{{"top_left", MarkShape::hollow, {36, 748, mark, mark}},
              {"top_right", MarkShape::filled, {556, 748, mark, mark}},
              {"bottom_left", MarkShape::filled, {36, 24, mark, mark}},
              {"bottom_right", MarkShape::filled, {556, 24, mark, mark}}}};
  g.sender = {72, 722, 222, 44};
  g.reference = {300, 722, 150, 44};
  g.qr = {466, 700, 66, 66};
  g.addressee = {72, 640, 250, 74};
  g.code128 = {330, 662, 214, 34};
  g.code128_text = {330, 650, 214, 11};
  // The return-cause panel, made to be read: 12-point boxes in four rows
  // and four columns with a box height of white between rows and between a
  // label and the next column, so a mark larger than its box (a circle, a
  // long tick) still lands nearer its own box than any other. Columns by
  // kind: the address, the addressee, the delivery; "Otro" heads the
  // fourth column above the observation lines. Label widths are the
  // longest label of the column at 8 pt of DejaVu Sans, and a box height
  // of white follows each.
  g.panel = {72, 529, 472, 110};
  g.panel_title = {80, 627, 456, 9};
  const double box = 12, pitch = 24, first_row = 610, label_gap = 5;
  const double columns[4] = {80, 194, 325, 413};
  const double label_widths[4] = {85, 102, 59, 18};
  const auto causes = all_causes();
  for (std::size_t i = 0; i < causes.size(); ++i) {
    const std::size_t column = std::min<std::size_t>(i / 4, 3);
    const double x = columns[column];
    const double y = first_row - pitch * static_cast<double>(i % 4);
    g.causes[i] = {causes[i].cause, {x, y, box, box}, {x + box + label_gap, y, label_widths[column], box}};
  }
  // Two ruled lines under "Observación:", right of the third column.
  g.observation = {413, 538, 127, 46};
  g.body = {72, 150, 468, 362};
  g.signature = {72, 80, 260, 60};
  return g;
}

void rect(JsonWriter& j, const Rect& r) {
  j.begin_array().value(r.x).value(r.y).value(r.width).value(r.height).end_array();
}

}  // namespace

const LetterGeometry& letter_geometry() {
  static const LetterGeometry k_geometry = make_geometry();
  return k_geometry;
}

std::string layout_json(const LetterGeometry& g) {
  JsonWriter j;
  j.begin_object().key("units").value("pt").key("origin").value("bottom-left");
  j.key("page").begin_object().key("width").value(g.page_width).key("height").value(g.page_height).end_object();
  j.key("codes").begin_object().key("qr");
  rect(j, g.qr);
  j.key("code128");
  rect(j, g.code128);
  j.end_object().key("registration_marks").begin_array();
  for (const auto& m : g.marks) {
    j.begin_object().key("id").value(m.id).key("shape").value(m.shape == MarkShape::hollow ? "hollow" : "filled");
    j.key("rect");
    rect(j, m.rect);
    j.end_object();
  }
  j.end_array().key("panel");
  rect(j, g.panel);
  j.key("causes").begin_array();
  for (const auto& c : g.causes) {
    const auto& info = cause_info(c.cause);
    j.begin_object().key("code").value(info.code).key("label").value(info.label).key("rect");
    rect(j, c.box);
    j.key("label_rect");
    rect(j, c.label);
    j.end_object();
  }
  j.end_array().key("blocks").begin_object();
  const std::pair<const char*, const Rect*> blocks[] = {
      {"sender", &g.sender},       {"reference", &g.reference}, {"addressee", &g.addressee},
      {"code128_text", &g.code128_text}, {"observation", &g.observation}, {"body", &g.body},
      {"signature", &g.signature}};
  for (const auto& [name, r] : blocks) {
    j.key(name);
    rect(j, *r);
  }
  j.end_object().key("fold_y").value(g.fold_y).end_object();
  return j.str();
}

void write_blank_letter(const std::string& path) {
  const auto text = LetterTemplate::parse(k_default_template, "the default letter template");
  PdfOptions options;
  options.font_dir = k_default_font_dir;
  options.icc_profile = k_default_icc_profile;
  LetterPdf pdf(default_sender(), text, options);
  LetterContent blank;
  blank.payload = " ";
  pdf.add(blank);
  pdf.save(path);
}

}  // namespace cartero::letters
