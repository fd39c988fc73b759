#define BOOST_TEST_MODULE letters
#include <boost/test/unit_test.hpp>
