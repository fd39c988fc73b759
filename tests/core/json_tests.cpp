#include "cartero/core/json.hpp"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(json_tests)

BOOST_AUTO_TEST_CASE(writes_nested_values_with_escapes) {
  cartero::JsonWriter j;
  j.begin_object().key("name").value("José \"Pepe\"\n").key("n").value(3).key("list").begin_array();
  j.value(true).null().begin_object().end_object().end_array().key("none").value(std::optional<std::int64_t>());
  j.end_object();
  BOOST_CHECK_EQUAL(j.str(), R"({"name":"José \"Pepe\"\n","n":3,"list":[true,null,{}],"none":null})");
}

BOOST_AUTO_TEST_SUITE_END()
