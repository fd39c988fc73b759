#include "cartero/letters/geometry.hpp"

#include <boost/test/unit_test.hpp>

using namespace cartero;
using namespace cartero::letters;

namespace {

bool inside(const Rect& inner, const Rect& outer) {
  return inner.x >= outer.x && inner.y >= outer.y && inner.right() <= outer.right() && inner.top() <= outer.top();
}

bool overlap(const Rect& a, const Rect& b) {
  return a.x < b.right() && b.x < a.right() && a.y < b.top() && b.y < a.top();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(geometry_tests)

BOOST_AUTO_TEST_CASE(everything_is_on_the_page_and_blocks_do_not_overlap) {
  const auto& g = letter_geometry();
  const Rect page{0, 0, g.page_width, g.page_height};
  std::vector<Rect> blocks = {g.sender, g.reference, g.addressee, g.qr, g.code128, g.code128_text, g.panel, g.body, g.signature};
  for (const auto& m : g.marks) blocks.push_back(m.rect);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    BOOST_CHECK(inside(blocks[i], page));
    for (std::size_t j = i + 1; j < blocks.size(); ++j) BOOST_CHECK_MESSAGE(!overlap(blocks[i], blocks[j]), i << " overlaps " << j);
  }
}

BOOST_AUTO_TEST_CASE(the_outside_of_the_fold_shows_addressee_codes_and_panel) {
  const auto& g = letter_geometry();
  for (const auto& r : {g.addressee, g.qr, g.code128, g.panel}) BOOST_CHECK_GE(r.y, g.fold_y);
}

BOOST_AUTO_TEST_CASE(one_box_per_cause_in_panel_order_and_one_odd_mark) {
  const auto& g = letter_geometry();
  const auto causes = all_causes();
  BOOST_REQUIRE_EQUAL(g.causes.size(), causes.size());
  for (std::size_t i = 0; i < causes.size(); ++i) {
    BOOST_CHECK(g.causes[i].cause == causes[i].cause);
    BOOST_CHECK(inside(g.causes[i].box, g.panel));
    BOOST_CHECK_CLOSE(g.causes[i].box.width, g.causes[i].box.height, 0.001);
    for (std::size_t j = i + 1; j < causes.size(); ++j) BOOST_CHECK(!overlap(g.causes[i].box, g.causes[j].box));
  }
  int hollow = 0;
  for (const auto& m : g.marks) hollow += m.shape == MarkShape::hollow;
  BOOST_CHECK_EQUAL(hollow, 1);
  BOOST_CHECK_CLOSE(mm(25.4), 72.0, 0.001);
}

BOOST_AUTO_TEST_CASE(layout_json_has_the_contract_keys) {
  const auto json = layout_json(letter_geometry());
  for (const char* key : {R"("page":{"width":612,"height":792})", R"("codes":{"qr":[)", R"("code128":[)",
                          R"("registration_marks":[{"id":"top_left","shape":"hollow","rect":[36,748,20,20]})",
                          R"("panel":[)", R"({"code":"nonexistent_address","label":"Dirección inexistente","rect":[)",
                          R"({"code":"other","label":"Otro","rect":[)"}) {
    BOOST_CHECK_MESSAGE(json.find(key) != std::string::npos, key);
  }
}

BOOST_AUTO_TEST_SUITE_END()
