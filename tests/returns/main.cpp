#define BOOST_TEST_MODULE returns
#include <boost/test/unit_test.hpp>
