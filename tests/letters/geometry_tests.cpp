#include "cartero/letters/geometry.hpp"

#include <boost/test/unit_test.hpp>
#include <algorithm>

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

namespace {

// The gap between two rectangles: the larger of the horizontal and vertical
// distances (0 when they overlap).
double gap(const Rect& a, const Rect& b) {
  const double dx = std::max({0.0, b.x - a.right(), a.x - b.right()});
  const double dy = std::max({0.0, b.y - a.top(), a.y - b.top()});
  return std::max(dx, dy);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_panel_gives_every_box_a_box_height_of_white) {
  // A courier's circle or long tick reaches past its box: a box height of
  // white around each box and label keeps it nearer its own box.
  const auto& g = letter_geometry();
  BOOST_REQUIRE_EQUAL(g.causes.size(), 13u);
  for (std::size_t i = 0; i < g.causes.size(); ++i) {
    const auto& a = g.causes[i];
    BOOST_CHECK_GE(a.box.height, 12.0);
    BOOST_CHECK(inside(a.label, g.panel));
    BOOST_CHECK_GE(gap(a.label, g.observation), a.box.height);
    BOOST_CHECK_GE(gap(a.box, g.observation), a.box.height);
    for (std::size_t j = 0; j < g.causes.size(); ++j) {
      if (i == j) continue;
      const auto& b = g.causes[j];
      BOOST_CHECK_MESSAGE(gap(a.box, b.box) >= a.box.height, "boxes " << i << " and " << j << " are too close");
      BOOST_CHECK_MESSAGE(gap(a.label, b.box) >= a.box.height, "label " << i << " runs near box " << j);
    }
  }
  BOOST_CHECK(inside(g.observation, g.panel));
}

BOOST_AUTO_TEST_CASE(the_panel_carries_the_couriers_causes) {
  // 4-72's causes plus the utility's own; each with a label and an effect.
  for (const char* code : {"refused", "nonexistent_address", "moved", "unclaimed", "unknown_addressee", "closed",
                           "not_contacted", "deceased", "force_majeure", "demolished", "vacant_lot"}) {
    const auto cause = parse_cause_code(code);
    BOOST_REQUIRE_MESSAGE(cause, code);
    BOOST_CHECK(!cause_info(*cause).label.empty());
  }
  BOOST_CHECK_EQUAL(cause_info(ReturnCause::unclaimed).label, "No reclamado");
  BOOST_CHECK_EQUAL(cause_info(ReturnCause::not_contacted).label, "No contactado");
  BOOST_CHECK_EQUAL(cause_info(ReturnCause::force_majeure).label, "Fuerza mayor");
  BOOST_CHECK(cause_info(ReturnCause::force_majeure).default_route == Route::none);
  BOOST_CHECK(cause_info(ReturnCause::unclaimed).effect == LegalEffect::not_delivered);
  BOOST_CHECK(cause_info(ReturnCause::refused).effect == LegalEffect::refused);
  BOOST_CHECK(cause_info(ReturnCause::nonexistent_address).effect == LegalEffect::address_invalid);
}

BOOST_AUTO_TEST_CASE(layout_json_has_the_contract_keys) {
  const auto json = layout_json(letter_geometry());
  for (const char* key : {R"("page":{"width":612,"height":792})", R"("codes":{"qr":[)", R"("code128":[)",
                          R"("registration_marks":[{"id":"top_left","shape":"hollow","rect":[36,748,20,20]})",
                          R"("panel":[)", R"({"code":"nonexistent_address","label":"Dirección inexistente","rect":[)",
                          R"({"code":"unclaimed","label":"No reclamado","rect":[)", R"("label_rect":[)",
                          R"({"code":"other","label":"Otro","rect":[)"}) {
    BOOST_CHECK_MESSAGE(json.find(key) != std::string::npos, key);
  }
}

BOOST_AUTO_TEST_SUITE_END()
