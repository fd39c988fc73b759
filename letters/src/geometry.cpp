#include "cartero/letters/geometry.hpp"

#include "cartero/core/json.hpp"

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
  g.panel = {72, 530, 472, 104};
  g.panel_title = {80, 619, 456, 11};
  const double box = 10, pitch = 13, first_row = 603, columns[2] = {80, 316};
  const auto causes = all_causes();
  for (std::size_t i = 0; i < causes.size(); ++i) {
    const double x = columns[i / 5];
    const double y = first_row - pitch * static_cast<double>(i % 5);
    g.causes[i] = {causes[i].cause, {x, y, box, box}, {x + 16, y, 210, box}};
  }
  g.observation = {136, 536, 400, 10};
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

}  // namespace cartero::letters
